/**
 * The schema report webview. The server renders the page (server/src/report, shared with the CLI); this
 * panel shows it, refreshes it when a file in scope changes, opens the positions its links name, and
 * exports it. The page carries its own strict CSP (nonce'd inline style and script, nothing else).
 */
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import { ReportRequest, type ProtocolRange, type ReportParams, type ReportResult } from '../../server/src/lsp/protocol';

const FORMATS = { md: 'Markdown', html: 'HTML', json: 'JSON' } as const;
type Format = keyof typeof FORMATS;
/** Edits come in bursts (typing, a fix-all): wait for a pause before rebuilding the report. */
const REFRESH_DELAY_MS = 500;

type Message =
  | { type: 'open'; uri: string; range: ProtocolRange }
  | { type: 'docs'; rule: string }
  | { type: 'export'; format: Format };

export class ReportPanel implements vscode.Disposable {
  private static readonly open = new Map<string, ReportPanel>();

  static show(client: LanguageClient, targets: vscode.Uri[]): ReportPanel {
    const key = targets.map((t) => t.toString()).sort().join('\n');
    const existing = ReportPanel.open.get(key);
    if (existing) {
      existing.panel.reveal();
      return existing;
    }
    const origin = vscode.window.activeTextEditor?.viewColumn;
    const panel = vscode.window.createWebviewPanel('dbDesign.report', 'Schema report', origin ? vscode.ViewColumn.Beside : vscode.ViewColumn.Active, {
      enableScripts: true,
      // The page loads nothing: every style and script is inline under the page's nonce.
      localResourceRoots: [],
      enableCommandUris: false,
    });
    const created = new ReportPanel(panel, client, targets, origin ?? vscode.ViewColumn.One, key);
    ReportPanel.open.set(key, created);
    void created.refresh();
    return created;
  }

  /** For tests and the status bar: the panels currently open. */
  static panels(): ReportPanel[] {
    return [...ReportPanel.open.values()];
  }

  private readonly subscriptions: vscode.Disposable[] = [];
  private files = new Set<string>();
  private timer: NodeJS.Timeout | undefined;
  private running: vscode.CancellationTokenSource | undefined;
  private stale = false;
  private disposed = false;
  /** Fires after each completed render; tests wait on it instead of sleeping. */
  private readonly renderedEmitter = new vscode.EventEmitter<ReportResult>();
  readonly onDidRender = this.renderedEmitter.event;
  /** What the panel shows now (undefined until the first render, or after a failed one). */
  current: ReportResult | undefined;
  /** Settles with the first render's outcome. */
  readonly firstRender: Promise<ReportResult | undefined>;
  private settleFirst: (r: ReportResult | undefined) => void = () => {};

  private constructor(
    readonly panel: vscode.WebviewPanel,
    private readonly client: LanguageClient,
    readonly targets: vscode.Uri[],
    private readonly editorColumn: vscode.ViewColumn,
    private readonly key: string,
  ) {
    this.firstRender = new Promise((resolve) => (this.settleFirst = resolve));
    panel.webview.html = placeholderPage('Building the schema report…');
    this.subscriptions.push(
      panel.onDidDispose(() => this.dispose()),
      panel.webview.onDidReceiveMessage((m: unknown) => void this.onMessage(m)),
      panel.onDidChangeViewState(() => {
        if (panel.visible && this.stale) this.schedule();
      }),
      // The server republishes diagnostics after every analysis: the cue that a file in scope changed.
      vscode.languages.onDidChangeDiagnostics((e) => {
        if (e.uris.some((u) => this.files.has(u.toString()))) this.schedule();
      }),
    );
    for (const folder of this.watchedFolders()) {
      const watcher = vscode.workspace.createFileSystemWatcher(new vscode.RelativePattern(folder, '**/*.{prisma,sql}'));
      this.subscriptions.push(watcher, watcher.onDidChange(() => this.schedule()), watcher.onDidCreate(() => this.schedule()), watcher.onDidDelete(() => this.schedule()));
    }
  }

  /** Folder targets, and the folders of file targets (the rest of a Prisma schema folder lives there). */
  private watchedFolders(): vscode.Uri[] {
    return this.targets.map((t) => (/\.(prisma|sql)$/i.test(t.path) ? vscode.Uri.joinPath(t, '..') : t));
  }

  private schedule(): void {
    if (!this.panel.visible) {
      this.stale = true;
      return;
    }
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(() => void this.refresh(), REFRESH_DELAY_MS);
  }

  async refresh(): Promise<void> {
    this.stale = false;
    this.running?.cancel();
    const cancel = (this.running = new vscode.CancellationTokenSource());
    const params: ReportParams = { targets: this.targets.map((t) => t.toString()), format: 'html', purpose: 'view' };
    try {
      const result = await this.client.sendRequest<ReportResult>(ReportRequest, params, cancel.token);
      if (cancel.token.isCancellationRequested) return;
      this.files = new Set(result.files);
      this.panel.title = result.title;
      this.panel.webview.html = result.content;
      this.current = result;
      this.settleFirst(result);
      this.renderedEmitter.fire(result);
    } catch (err) {
      if (cancel.token.isCancellationRequested) return;
      this.current = undefined;
      this.settleFirst(undefined);
      this.panel.webview.html = placeholderPage(`The report could not be built: ${err instanceof Error ? err.message : String(err)}`);
    } finally {
      if (this.running === cancel) this.running = undefined;
      cancel.dispose();
    }
  }

  private async onMessage(raw: unknown): Promise<void> {
    const m = raw as Message;
    if (m?.type === 'open' && typeof m.uri === 'string' && this.files.has(m.uri)) {
      const r = m.range;
      const selection = new vscode.Range(r.start.line, r.start.character, r.end.line, r.end.character);
      await vscode.window.showTextDocument(vscode.Uri.parse(m.uri), { selection, viewColumn: this.editorColumn, preview: false });
    } else if (m?.type === 'docs' && typeof m.rule === 'string' && /^[a-z][a-z0-9-]*$/.test(m.rule)) {
      await vscode.commands.executeCommand('dbDesign.showRuleDocumentation', m.rule);
    } else if (m?.type === 'export' && Object.hasOwn(FORMATS, m.format)) {
      await this.exportAs(m.format);
    }
  }

  async exportAs(format: Format, to?: vscode.Uri): Promise<vscode.Uri | undefined> {
    const base = this.watchedFolders()[0];
    const target =
      to ??
      (await vscode.window.showSaveDialog({
        defaultUri: vscode.Uri.joinPath(base, `schema-report.${format}`),
        filters: { [FORMATS[format]]: [format] },
        saveLabel: `Export ${FORMATS[format]}`,
      }));
    if (!target) return undefined;
    const params: ReportParams = { targets: this.targets.map((t) => t.toString()), format, purpose: 'export', exportTo: target.toString() };
    const result = await this.client.sendRequest<ReportResult>(ReportRequest, params);
    await vscode.workspace.fs.writeFile(target, Buffer.from(result.content, 'utf8'));
    if (!to) {
      // Not awaited: a command that waits on a notification hangs until the user closes it.
      void vscode.window.showInformationMessage(`Schema report written to ${path.basename(target.fsPath)}.`, 'Open').then((choice) => {
        if (choice !== 'Open') return;
        if (format === 'html') void vscode.env.openExternal(target);
        else void vscode.window.showTextDocument(target);
      });
    }
    return target;
  }

  dispose(): void {
    if (this.disposed) return;
    this.disposed = true;
    ReportPanel.open.delete(this.key);
    if (this.timer) clearTimeout(this.timer);
    this.running?.cancel();
    this.settleFirst(undefined);
    this.renderedEmitter.dispose();
    for (const s of this.subscriptions) s.dispose();
    this.panel.dispose();
  }
}

/** A page with a message and nothing that runs. */
function placeholderPage(message: string): string {
  const text = message.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
  return `<!DOCTYPE html><html><head><meta charset="utf-8"><meta http-equiv="Content-Security-Policy" content="default-src 'none'"></head><body><p>${text}</p></body></html>`;
}
