/**
 * "Fix All in File" applies the safe fixes of the active file at once (what fix-on-save does).
 * "Fix All in Workspace" collects them from every .prisma and .sql file under a cancellable progress
 * notification, shows every changed file side by side with its fixed version (one multi-file diff), and
 * applies them only when the user says so.
 *
 * Why not VS Code's Refactor Preview: an extension can only open it by marking edits `needsConfirmation`,
 * and it then lists exactly those edits unticked, so "Apply" would apply nothing until each file is ticked.
 */
import * as vscode from 'vscode';
import { State, type LanguageClient } from 'vscode-languageclient/node';
import { FixAllRequest, PreviewDocumentsNotification, type FixAllParams, type FixAllResult, type PreviewDocumentsParams } from '../../../server/src/lsp/protocol';
import { isSchemaDocument, toRange } from '../convert';

const EXCLUDE = '**/{node_modules,.git,dist,out,vendor}/**';
/** The same ceiling as the report's scope: more files than this is not one project's schema. */
const MAX_FILES = 5000;
/** Virtual documents holding the fixed text of each file, for the diff. */
export const FIXED_SCHEME = 'db-design-fixed';

async function fixesFor(client: LanguageClient, uri: vscode.Uri, token?: vscode.CancellationToken): Promise<FixAllResult> {
  const params: FixAllParams = { uri: uri.toString() };
  // An undefined token would travel as a second request parameter: pass one only when there is one.
  return token ? client.sendRequest<FixAllResult>(FixAllRequest, params, token) : client.sendRequest<FixAllResult>(FixAllRequest, params);
}

export async function fixAllInFile(client: LanguageClient): Promise<number> {
  const doc = vscode.window.activeTextEditor?.document;
  if (!isSchemaDocument(doc)) {
    void vscode.window.showWarningMessage('db-design: open a .prisma or .sql file to fix.');
    return 0;
  }
  const result = await fixesFor(client, doc.uri);
  if (!result.edits.length) {
    vscode.window.setStatusBarMessage('db-design: no safe fixes in this file', 3000);
    return 0;
  }
  const edit = new vscode.WorkspaceEdit();
  for (const e of result.edits) edit.replace(doc.uri, toRange(e.range), e.newText);
  await vscode.workspace.applyEdit(edit);
  vscode.window.setStatusBarMessage(`db-design: applied ${result.edits.length} fix edit${result.edits.length === 1 ? '' : 's'}`, 3000);
  return result.edits.length;
}

/** The fixed texts the diff shows, by the URI of their virtual document. */
export class FixedTexts implements vscode.TextDocumentContentProvider {
  private readonly texts = new Map<string, string>();
  set(uri: vscode.Uri, text: string): void {
    this.texts.set(uri.toString(), text);
  }
  clear(): void {
    this.texts.clear();
  }
  provideTextDocumentContent(uri: vscode.Uri): string {
    return this.texts.get(uri.toString()) ?? '';
  }
}

/**
 * Files the preview opens that the user has not: the server checks them for nobody, so the Problems panel
 * and the status bar keep what they showed before, during the preview and after Apply or Discard. One the
 * user then opens in an editor is checked as usual.
 */
export class PreviewDocuments implements vscode.Disposable {
  private readonly hidden = new Set<string>();
  private readonly subscriptions: vscode.Disposable[];

  constructor(private readonly client: LanguageClient) {
    this.subscriptions = [
      // Only the user opening one in an editor releases it. Closed, it stays hidden: Apply reopens it to
      // edit it (VS Code drops the diff's documents a moment after the diff closes).
      vscode.window.tabGroups.onDidChangeTabs(() => this.releaseOpened()),
      // A restarted server knows nothing of them: tell it again.
      client.onDidChangeState((e) => {
        if (e.newState === State.Running && this.hidden.size) void this.send({ add: [...this.hidden] });
      }),
    ];
  }

  /** Hides those of `uris` not open in an editor tab now. */
  async hide(uris: vscode.Uri[]): Promise<void> {
    const open = openInTabs();
    const add = uris.map((u) => u.toString()).filter((u) => !open.has(u) && !this.hidden.has(u));
    if (!add.length) return;
    for (const u of add) this.hidden.add(u);
    await this.send({ add });
  }

  private releaseOpened(): void {
    const open = openInTabs();
    const release = [...this.hidden].filter((u) => open.has(u));
    if (!release.length) return;
    for (const u of release) this.hidden.delete(u);
    void this.send({ release });
  }

  private async send(params: PreviewDocumentsParams): Promise<void> {
    if (this.client.isRunning()) await this.client.sendNotification(PreviewDocumentsNotification, params);
  }

  dispose(): void {
    for (const s of this.subscriptions) s.dispose();
  }
}

/** Documents shown in an ordinary editor tab (a diff's sides are not). */
function openInTabs(): Set<string> {
  const out = new Set<string>();
  for (const g of vscode.window.tabGroups.all) for (const t of g.tabs) if (t.input instanceof vscode.TabInputText) out.add(t.input.uri.toString());
  return out;
}

interface Collected {
  uri: vscode.Uri;
  edits: vscode.TextEdit[];
  labels: string[];
}

async function collect(client: LanguageClient): Promise<Collected[] | undefined> {
  return vscode.window.withProgress(
    { location: vscode.ProgressLocation.Notification, title: 'db-design: collecting fixes', cancellable: true },
    async (progress, token) => {
      const files = await vscode.workspace.findFiles('**/*.{prisma,sql}', EXCLUDE, MAX_FILES, token);
      const out: Collected[] = [];
      for (const uri of files) {
        if (token.isCancellationRequested) return undefined;
        progress.report({ message: vscode.workspace.asRelativePath(uri), increment: 100 / Math.max(1, files.length) });
        let result: FixAllResult;
        try {
          result = await fixesFor(client, uri, token);
        } catch (err) {
          if (token.isCancellationRequested) return undefined;
          throw err;
        }
        if (result.edits.length) {
          out.push({ uri, edits: result.edits.map((e) => new vscode.TextEdit(toRange(e.range), e.newText)), labels: result.edits.map((e) => e.label) });
        }
      }
      return token.isCancellationRequested ? undefined : out;
    },
  );
}

export interface WorkspaceFixOptions {
  /** false: apply without showing the diff and asking (for scripts and keybindings). Default true. */
  preview?: boolean;
}

export async function fixAllInWorkspace(client: LanguageClient, fixed: FixedTexts, previews: PreviewDocuments, options: WorkspaceFixOptions = {}): Promise<number> {
  const collected = await collect(client);
  if (!collected) return 0;
  const count = collected.reduce((n, c) => n + c.edits.length, 0);
  if (!count) {
    void vscode.window.showInformationMessage('db-design: no safe fixes in the workspace.');
    return 0;
  }
  const summary = `${count} safe fix edit${count === 1 ? '' : 's'} in ${collected.length} file${collected.length === 1 ? '' : 's'}`;
  // Before the diff or the edit opens them: the server must not check them as if the user had.
  await previews.hide(collected.map((c) => c.uri));
  if (options.preview !== false && !(await confirmWithDiff(collected, fixed, summary))) return 0;

  const edit = new vscode.WorkspaceEdit();
  for (const c of collected) {
    c.edits.forEach((e, i) => edit.replace(c.uri, e.range, e.newText, { label: c.labels[i], needsConfirmation: false }));
  }
  const applied = await vscode.workspace.applyEdit(edit);
  if (applied) vscode.window.setStatusBarMessage(`db-design: applied ${summary}`, 5000);
  return applied ? count : 0;
}

/** Opens one diff of every file against its fixed text, and asks. The diff closes either way. */
async function confirmWithDiff(collected: Collected[], fixed: FixedTexts, summary: string): Promise<boolean> {
  fixed.clear();
  const resources: [vscode.Uri, vscode.Uri, vscode.Uri][] = [];
  for (const c of collected) {
    const doc = await vscode.workspace.openTextDocument(c.uri);
    const fixedUri = c.uri.with({ scheme: FIXED_SCHEME });
    fixed.set(fixedUri, applyTextEdits(doc, c.edits));
    resources.push([c.uri, c.uri, fixedUri]);
  }
  const title = `db-design: ${summary}`;
  await vscode.commands.executeCommand('vscode.changes', title, resources);
  // Apply or Discard in the notification; closing the diff also discards (an extension cannot take the
  // notification back, so its buttons then do nothing).
  const apply = await new Promise<boolean>((resolve) => {
    const closed = vscode.window.tabGroups.onDidChangeTabs((e) => {
      if (e.closed.some((t) => t.label.startsWith(title))) done(false);
    });
    const done = (value: boolean) => {
      closed.dispose();
      resolve(value);
    };
    // Closed already (between opening and here): nothing to confirm.
    if (!vscode.window.tabGroups.all.some((g) => g.tabs.some((t) => t.label.startsWith(title)))) return done(false);
    void vscode.window.showInformationMessage(`db-design: apply ${summary}?`, 'Apply', 'Discard').then((choice) => done(choice === 'Apply'));
  });
  await closeTabs(title);
  fixed.clear();
  return apply;
}

function applyTextEdits(doc: vscode.TextDocument, edits: vscode.TextEdit[]): string {
  const text = doc.getText();
  const sorted = [...edits].sort((a, b) => doc.offsetAt(b.range.start) - doc.offsetAt(a.range.start));
  return sorted.reduce((t, e) => t.slice(0, doc.offsetAt(e.range.start)) + e.newText + t.slice(doc.offsetAt(e.range.end)), text);
}

/**
 * The multi-file diff's tab has no typed input in the stable API; its label is the title it was given
 * (VS Code appends the file count).
 */
async function closeTabs(title: string): Promise<void> {
  const tabs = vscode.window.tabGroups.all.flatMap((g) => g.tabs).filter((t) => t.label.startsWith(title));
  if (tabs.length) await vscode.window.tabGroups.close(tabs);
}
