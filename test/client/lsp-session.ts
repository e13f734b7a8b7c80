/**
 * A language client for tests: starts dist/server.js over stdio, answers configuration requests from
 * a settings object, records dynamic registrations, and waits for diagnostics by event, not by time.
 */
import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import {
  createProtocolConnection,
  StreamMessageReader,
  StreamMessageWriter,
  type Diagnostic,
  type ProtocolConnection,
  type PublishDiagnosticsParams,
  type Registration,
} from 'vscode-languageserver-protocol/node';
import { URI } from 'vscode-uri';
import { repoRoot } from '../helpers/paths';

export const serverJs = path.join(repoRoot, 'dist', 'server.js');

/** How long a wait for the server lasts before it fails the test (a lost message would hang the run otherwise). */
const WAIT_MS = 60_000;

export interface SessionOptions {
  /** Workspace folder the server starts in. */
  root: string;
  /** Offer dynamic registration of formatting (VS Code does). */
  dynamicFormatting?: boolean;
  /** Answers to workspace/configuration, by section. */
  settings?: Record<string, unknown>;
  /** The client's initializationOptions (ClientInitOptions). */
  initializationOptions?: Record<string, unknown>;
}

export class LspSession {
  readonly conn: ProtocolConnection;
  readonly registrations: Registration[] = [];
  /** What the server wrote to the output channel (window/logMessage), in order. */
  readonly logs: string[] = [];
  /** The detected project facts of each file's last status notification (the status bar tooltip's). */
  readonly detected = new Map<string, string[]>();
  private readonly proc: ChildProcess;
  private readonly diagnostics = new Map<string, Diagnostic[]>();
  private waiters: { uri: string; resolve: (d: Diagnostic[]) => boolean }[] = [];
  private sectionsAsked = new Set<string>();
  private onAsked: () => void = () => {};
  capabilities: Record<string, unknown> = {};

  private constructor(opts: SessionOptions) {
    assert.ok(fs.existsSync(serverJs), 'dist/server.js is missing: run npm run build');
    this.proc = spawn(process.execPath, [serverJs, '--stdio'], { cwd: opts.root, stdio: ['pipe', 'pipe', 'inherit'] });
    this.conn = createProtocolConnection(new StreamMessageReader(this.proc.stdout!), new StreamMessageWriter(this.proc.stdin!));
    this.conn.onNotification('textDocument/publishDiagnostics', (p: PublishDiagnosticsParams) => {
      this.diagnostics.set(p.uri, p.diagnostics);
      this.waiters = this.waiters.filter((w) => w.uri !== p.uri || !w.resolve(p.diagnostics));
    });
    this.conn.onRequest('workspace/configuration', (p: { items: { section?: string }[] }) => {
      for (const i of p.items) this.sectionsAsked.add(i.section ?? '');
      queueMicrotask(() => this.onAsked());
      return p.items.map((i) => opts.settings?.[i.section ?? ''] ?? {});
    });
    this.conn.onRequest('client/registerCapability', (p: { registrations: Registration[] }) => {
      this.registrations.push(...p.registrations);
      return null;
    });
    this.conn.onNotification('window/logMessage', (p: { message: string }) => void this.logs.push(p.message));
    this.conn.onNotification('dbDesign/status', (p: { uri?: string; detected?: string[] }) => {
      if (!p.uri || !p.detected) return;
      this.detected.set(p.uri, p.detected);
      this.detectedWaiters = this.detectedWaiters.filter((w) => w.uri !== p.uri || !w.resolve(p.detected!));
    });
    this.conn.onNotification('window/showMessage', () => undefined);
    this.conn.listen();
  }

  static async start(opts: SessionOptions): Promise<LspSession> {
    const s = new LspSession(opts);
    const dynamic = !!opts.dynamicFormatting;
    const init = (await s.conn.sendRequest('initialize', {
      processId: process.pid,
      rootUri: URI.file(opts.root).toString(),
      capabilities: {
        workspace: { configuration: true, didChangeConfiguration: { dynamicRegistration: true }, didChangeWatchedFiles: { dynamicRegistration: true } },
        textDocument: { publishDiagnostics: {}, formatting: { dynamicRegistration: dynamic }, rangeFormatting: { dynamicRegistration: dynamic } },
      },
      workspaceFolders: [{ uri: URI.file(opts.root).toString(), name: 'ws' }],
      initializationOptions: opts.initializationOptions,
    })) as { capabilities: Record<string, unknown> };
    s.capabilities = init.capabilities;
    await s.conn.sendNotification('initialized', {});
    return s;
  }

  /**
   * The registrations for `method` once the server has read `section` (which decides them): a request
   * round trip after that answer lets any registration the server sent in reply arrive first.
   */
  async registrationsAfterReading(section: string, method: string): Promise<Registration[]> {
    await new Promise<void>((resolve, reject) => {
      if (this.sectionsAsked.has(section)) return resolve();
      const timer = setTimeout(() => reject(new Error(`the server did not ask for the "${section}" settings in ${WAIT_MS / 1000} s`)), WAIT_MS);
      this.onAsked = () => this.sectionsAsked.has(section) && (clearTimeout(timer), resolve());
    });
    await this.conn.sendRequest('dbDesign/rules');
    return this.registrations.filter((r) => r.method === method);
  }

  open(file: string, languageId: string, text: string): string {
    const uri = URI.file(file).toString();
    void this.conn.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId, version: 1, text } });
    return uri;
  }

  private versions = new Map<string, number>();

  /** Replaces the whole text of an open document (a change without a range). */
  update(uri: string, text: string): void {
    const version = (this.versions.get(uri) ?? 1) + 1;
    this.versions.set(uri, version);
    void this.conn.sendNotification('textDocument/didChange', { textDocument: { uri, version }, contentChanges: [{ text }] });
  }

  /** The next publication for `uri` (or the current one); fails after `WAIT_MS`. */
  diagnosticsFor(uri: string): Promise<Diagnostic[]> {
    const current = this.diagnostics.get(uri);
    if (current) return Promise.resolve(current);
    return this.nextDiagnostics(uri);
  }

  /** The next publication for `uri`, whatever it holds (not the current one); fails after `WAIT_MS`. */
  nextDiagnostics(uri: string): Promise<Diagnostic[]> {
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`no diagnostics for ${uri} in ${WAIT_MS / 1000} s`)), WAIT_MS);
      this.waiters.push({ uri, resolve: (d) => (clearTimeout(timer), resolve(d), true) });
    });
  }

  /** The current or first later publication for `uri` that satisfies `pred`; fails after 20 s naming `what`. */
  waitFor(uri: string, pred: (d: Diagnostic[]) => boolean, what: string): Promise<Diagnostic[]> {
    const current = this.diagnostics.get(uri);
    if (current && pred(current)) return Promise.resolve(current);
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`timed out waiting for ${what}; last: ${JSON.stringify(this.diagnostics.get(uri)?.map((d) => d.code))}`)), 20000);
      this.waiters.push({ uri, resolve: (d) => pred(d) && (clearTimeout(timer), resolve(d), true) });
    });
  }

  private detectedWaiters: { uri: string; resolve: (facts: string[]) => boolean }[] = [];

  /** The current or first later detected facts for `uri` (a status notification's) that satisfy `pred`; fails after 20 s. */
  waitForDetected(uri: string, pred: (facts: string[]) => boolean, what: string): Promise<string[]> {
    const current = this.detected.get(uri);
    if (current && pred(current)) return Promise.resolve(current);
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`timed out waiting for ${what}; last: ${JSON.stringify(this.detected.get(uri))}`)), 20000);
      this.detectedWaiters.push({ uri, resolve: (f) => pred(f) && (clearTimeout(timer), resolve(f), true) });
    });
  }

  /** What a client's file watcher reports: files created (1), changed (2) or deleted (3) on disk. */
  filesChanged(changes: { file: string; type: 1 | 2 | 3 }[]): void {
    void this.conn.sendNotification('workspace/didChangeWatchedFiles', { changes: changes.map((c) => ({ uri: URI.file(c.file).toString(), type: c.type })) });
  }

  async stop(): Promise<void> {
    try {
      await Promise.race([this.conn.sendRequest('shutdown'), new Promise((r) => setTimeout(r, 2000))]);
      await this.conn.sendNotification('exit');
    } finally {
      this.proc.kill();
      this.conn.dispose();
    }
  }
}
