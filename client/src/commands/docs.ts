/**
 * "Show Rule Documentation": the rule under the cursor (a db-design diagnostic there), or one picked
 * from the list. The installed docs open in the Markdown preview, the repository's in the browser.
 */
import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import { RuleListRequest, type RuleInfo } from '../../../server/src/lsp/protocol';

export async function showRuleDocumentation(client: LanguageClient, ruleId?: string): Promise<string | undefined> {
  const rules = await client.sendRequest<RuleInfo[]>(RuleListRequest);
  const here = ruleId ? [ruleId] : rulesAtCursor();
  // One finding under the cursor names the rule; several (two rules on one span) or none ask.
  const id = here.length === 1 ? here[0] : await pick(here.length ? rules.filter((r) => here.includes(r.id)) : rules);
  const rule = rules.find((r) => r.id === id);
  if (!rule) {
    if (id) void vscode.window.showWarningMessage(`db-design: no rule "${id}".`);
    return undefined;
  }
  const uri = vscode.Uri.parse(rule.docs);
  if (uri.scheme === 'file') await vscode.commands.executeCommand('markdown.showPreview', uri);
  else await vscode.env.openExternal(uri);
  return rule.id;
}

function rulesAtCursor(): string[] {
  const editor = vscode.window.activeTextEditor;
  if (!editor) return [];
  const here = vscode.languages
    .getDiagnostics(editor.document.uri)
    .filter((d) => d.source === 'db-design' && d.range.contains(editor.selection.active));
  return [...new Set(here.map((d) => (typeof d.code === 'object' ? String(d.code.value) : String(d.code))))];
}

async function pick(rules: RuleInfo[]): Promise<string | undefined> {
  const choice = await vscode.window.showQuickPick(
    rules.map((r) => ({ label: r.id, description: `${r.category} · ${r.defaultSeverity}${r.fixable ? ' · fix' : ''}`, detail: r.summary })),
    { placeHolder: 'Show the documentation of a db-design rule', matchOnDetail: true },
  );
  return choice?.label;
}
