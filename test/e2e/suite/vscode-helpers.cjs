// @ts-check
// Helpers for end-to-end tests against the real `vscode` API. Everything waits on events with a deadline;
// nothing sleeps.
'use strict';

const vscode = require('vscode');

const SOURCE = 'db-design';

/**
 * The rule id of a diagnostic. `code` is a plain string, or `{ value, target }` when the server attaches a
 * `codeDescription.href` (docs link).
 * @param {vscode.Diagnostic} d
 */
function ruleOf(d) {
  return typeof d.code === 'object' && d.code !== null ? String(d.code.value) : String(d.code ?? '');
}

/** @param {vscode.Uri} uri */
function ourDiagnostics(uri) {
  return vscode.languages.getDiagnostics(uri).filter((d) => d.source === SOURCE);
}

/** @param {readonly vscode.Diagnostic[]} diagnostics */
function describeDiagnostics(diagnostics) {
  if (diagnostics.length === 0) return '(none)';
  return diagnostics
    .map((d) => `${ruleOf(d)}@${d.range.start.line + 1}:${d.range.start.character + 1} "${d.message}"`)
    .join('; ');
}

/**
 * Resolves with this extension's diagnostics for `uri` once `predicate` holds: now, or after a
 * diagnostics-changed event for that document.
 * @param {vscode.Uri} uri
 * @param {(diagnostics: vscode.Diagnostic[]) => boolean} predicate
 * @param {string} description what is awaited, for the timeout message
 * @param {number} [timeoutMs]
 * @returns {Promise<vscode.Diagnostic[]>}
 */
function waitForDiagnostics(uri, predicate, description, timeoutMs = 45_000) {
  return new Promise((resolve, reject) => {
    const key = uri.toString();
    const check = () => {
      const current = ourDiagnostics(uri);
      if (!predicate(current)) return;
      finish();
      resolve(current);
    };
    const subscription = vscode.languages.onDidChangeDiagnostics((e) => {
      if (e.uris.some((u) => u.toString() === key)) check();
    });
    const timer = setTimeout(() => {
      finish();
      const now = describeDiagnostics(ourDiagnostics(uri));
      reject(new Error(`timed out after ${timeoutMs} ms waiting for ${description}; ${SOURCE} diagnostics now: ${now}`));
    }, timeoutMs);
    function finish() {
      clearTimeout(timer);
      subscription.dispose();
    }
    check();
  });
}

/**
 * @param {readonly vscode.Diagnostic[]} diagnostics
 * @param {string} rule
 */
function withRule(diagnostics, rule) {
  return diagnostics.filter((d) => ruleOf(d) === rule);
}

/**
 * Opens a workspace file in an editor, as a user would (the language client only sees opened documents).
 * @param {string} relativePath
 */
async function openWorkspaceFile(relativePath) {
  const folder = vscode.workspace.workspaceFolders?.[0];
  if (!folder) throw new Error('no workspace folder is open');
  const uri = vscode.Uri.joinPath(folder.uri, relativePath);
  const document = await vscode.workspace.openTextDocument(uri);
  await vscode.window.showTextDocument(document, { preview: false });
  return document;
}

/**
 * Plain text of all hovers at a position, whatever mix of MarkdownString and MarkedString they hold.
 * @param {vscode.Uri} uri
 * @param {vscode.Position} position
 */
async function hoverText(uri, position) {
  /** @type {vscode.Hover[]} */
  const hovers = (await vscode.commands.executeCommand('vscode.executeHoverProvider', uri, position)) ?? [];
  return hovers
    .flatMap((h) => h.contents)
    .map((c) => (typeof c === 'string' ? c : c.value))
    .join('\n');
}

/**
 * Code actions as the editor's light bulb would list them. Item resolution is requested so that actions
 * whose edit the server computes lazily (codeAction/resolve) arrive with their edit.
 * @param {vscode.Uri} uri
 * @param {vscode.Range} range
 * @param {string} [kind] e.g. 'source.fixAll'
 * @returns {Promise<vscode.CodeAction[]>}
 */
async function codeActions(uri, range, kind) {
  /** @type {(vscode.CodeAction | vscode.Command)[]} */
  const items = (await vscode.commands.executeCommand('vscode.executeCodeActionProvider', uri, range, kind, 100)) ?? [];
  // A bare Command (its `command` is the command id string) is the legacy shape; keep real CodeActions.
  return items.filter(/** @returns {a is vscode.CodeAction} */ (a) => typeof a.command !== 'string');
}

/**
 * Applies a code action the way the editor does: its edit first, then its command.
 * @param {vscode.CodeAction} action
 */
async function applyCodeAction(action) {
  if (action.edit && !(await vscode.workspace.applyEdit(action.edit))) {
    throw new Error(`workspace.applyEdit refused the edit of "${action.title}"`);
  }
  if (action.command) {
    await vscode.commands.executeCommand(action.command.command, ...(action.command.arguments ?? []));
  }
}

module.exports = {
  SOURCE,
  ruleOf,
  ourDiagnostics,
  describeDiagnostics,
  waitForDiagnostics,
  withRule,
  openWorkspaceFile,
  hoverText,
  codeActions,
  applyCodeAction,
};
