/**
 * "Format SQL": runs this extension's SQL formatter on the active file (or the selection), whatever
 * formatter the user has chosen as the default for SQL. The formatting itself is the server's.
 */
import * as vscode from 'vscode';
import { DocumentFormattingRequest, DocumentRangeFormattingRequest, type LanguageClient } from 'vscode-languageclient/node';

export async function formatSql(client: LanguageClient): Promise<boolean> {
  const editor = vscode.window.activeTextEditor;
  if (!editor || editor.document.languageId !== 'sql') {
    void vscode.window.showWarningMessage('db-design: open a .sql file to format.');
    return false;
  }
  const doc = editor.document;
  const options = { tabSize: Number(editor.options.tabSize) || 2, insertSpaces: editor.options.insertSpaces !== false };
  const textDocument = { uri: doc.uri.toString() };
  const c2p = client.code2ProtocolConverter;
  const edits = editor.selection.isEmpty
    ? await client.sendRequest(DocumentFormattingRequest.type, { textDocument, options })
    : await client.sendRequest(DocumentRangeFormattingRequest.type, { textDocument, options, range: c2p.asRange(editor.selection) });
  if (!edits?.length) return false;
  const edit = new vscode.WorkspaceEdit();
  edit.set(doc.uri, await client.protocol2CodeConverter.asTextEdits(edits));
  return vscode.workspace.applyEdit(edit);
}
