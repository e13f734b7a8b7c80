/**
 * "Show Schema Report": for the clicked resource (explorer, editor title), the active schema file, or
 * a workspace folder. The explorer passes every selected resource, so several migration folders can be
 * reported on together.
 */
import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import { isSchemaDocument } from '../convert';
import { ReportPanel } from '../report-panel';

export async function showReport(client: LanguageClient, clicked?: vscode.Uri, selected?: vscode.Uri[]): Promise<ReportPanel | undefined> {
  const targets = await reportTargets(clicked, selected);
  if (!targets.length) return undefined;
  return ReportPanel.show(client, targets);
}

async function reportTargets(clicked?: vscode.Uri, selected?: vscode.Uri[]): Promise<vscode.Uri[]> {
  if (selected?.length) return selected.filter((u) => u.scheme === 'file');
  if (clicked instanceof vscode.Uri && clicked.scheme === 'file') return [clicked];
  const doc = vscode.window.activeTextEditor?.document;
  if (isSchemaDocument(doc) && doc.uri.scheme === 'file') return [doc.uri];
  const folders = vscode.workspace.workspaceFolders ?? [];
  if (folders.length === 1) return [folders[0].uri];
  if (!folders.length) {
    void vscode.window.showWarningMessage('db-design: open a .prisma or .sql file, or a folder, to see its schema report.');
    return [];
  }
  const folder = await vscode.window.showWorkspaceFolderPick({ placeHolder: 'Schema report of which folder?' });
  return folder ? [folder.uri] : [];
}
