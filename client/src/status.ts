/**
 * The status bar item: server state, and the finding counts of the active file. Counts are read from
 * the diagnostics VS Code already holds, so they are right for whichever editor is active, not only
 * for the file the server analysed last. A click opens the schema report.
 */
import * as vscode from 'vscode';
import { State, type LanguageClient } from 'vscode-languageclient/node';
import type { EngineInfo, StatusParams } from '../../server/src/lsp/protocol';

const SOURCE = 'db-design';
const LANGUAGES = new Set(['prisma', 'sql']);

export class StatusItem implements vscode.Disposable {
  private readonly item = vscode.window.createStatusBarItem('dbDesign.status', vscode.StatusBarAlignment.Right, 100);
  private readonly subscriptions: vscode.Disposable[] = [];
  private state: 'starting' | 'running' | 'stopped' = 'starting';
  /** The engine each analysed file was read for, as the server last said. */
  private readonly engines = new Map<string, EngineInfo>();
  /** What the server detected about each analysed file's project. */
  private readonly detected = new Map<string, string[]>();

  /** A status notification from the server: remembers the file's engine, then redraws. */
  update(params: StatusParams | undefined): void {
    if (params?.uri && params.engine) this.engines.set(params.uri, params.engine);
    if (params?.uri && params.detected) this.detected.set(params.uri, params.detected);
    this.render();
  }

  constructor(client: LanguageClient) {
    this.item.name = 'db-design';
    this.item.command = 'dbDesign.showReport';
    this.subscriptions.push(
      client.onDidChangeState((e) => {
        this.state = e.newState === State.Running ? 'running' : e.newState === State.Starting ? 'starting' : 'stopped';
        this.render();
      }),
      vscode.languages.onDidChangeDiagnostics((e) => {
        const active = vscode.window.activeTextEditor?.document.uri.toString();
        if (active && e.uris.some((u) => u.toString() === active)) this.render();
      }),
      vscode.window.onDidChangeActiveTextEditor(() => this.render()),
    );
    this.render();
    this.item.show();
  }

  render(): void {
    if (this.state === 'starting') {
      this.item.text = '$(sync~spin) db-design';
      this.item.tooltip = 'db-design: starting the language server';
      this.item.backgroundColor = undefined;
      return;
    }
    if (this.state === 'stopped') {
      this.item.text = '$(circle-slash) db-design';
      this.item.tooltip = 'db-design: the language server is not running. Run "db-design: Restart Language Server", or see "db-design: Show Output".';
      this.item.backgroundColor = new vscode.ThemeColor('statusBarItem.errorBackground');
      return;
    }
    this.item.backgroundColor = undefined;
    const doc = vscode.window.activeTextEditor?.document;
    if (!doc || !LANGUAGES.has(doc.languageId)) {
      this.item.text = '$(database) db-design';
      this.item.tooltip = 'db-design is ready. Click to open the schema report.';
      return;
    }
    const c = countBySeverity(vscode.languages.getDiagnostics(doc.uri).filter((d) => d.source === SOURCE));
    // Icon, then number, as VS Code's own problems item reads.
    this.item.text = `$(database) $(error) ${c.error} $(warning) ${c.warning}`;
    const engine = this.engines.get(doc.uri.toString());
    this.item.tooltip =
      `db-design: ${plural(c.error, 'error')}, ${plural(c.warning, 'warning')}, ${plural(c.info, 'info')}, ${plural(c.hint, 'hint')} in this file.` +
      (this.detected.get(doc.uri.toString())?.length ? `\n${this.detected.get(doc.uri.toString())!.join('\n')}` : engine ? `\nEngine: ${engineText(engine)}` : '') +
      '\nClick to open the schema report.';
  }

  dispose(): void {
    for (const s of this.subscriptions) s.dispose();
    this.item.dispose();
  }
}

/** `1 warning`, `2 warnings`. */
export function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

/** `sqlite (from drizzle.config.ts: dialect: "sqlite")`, or how to set an unknown one. */
export function engineText(e: EngineInfo): string {
  if (e.name === 'unknown') return 'unknown: nothing in the project names it (set "dialect" in db-design.json)';
  return `${e.name} (from ${e.from}${e.detail ? `: ${e.detail}` : ''})`;
}

export function countBySeverity(diagnostics: readonly vscode.Diagnostic[]): { error: number; warning: number; info: number; hint: number } {
  const c = { error: 0, warning: 0, info: 0, hint: 0 };
  for (const d of diagnostics) {
    if (d.severity === vscode.DiagnosticSeverity.Error) c.error++;
    else if (d.severity === vscode.DiagnosticSeverity.Warning) c.warning++;
    else if (d.severity === vscode.DiagnosticSeverity.Information) c.info++;
    else c.hint++;
  }
  return c;
}
