/**
 * The language server over a migration folder: an edit in one migration updates the findings of the
 * others (pushed, not waiting for the user to touch them), and a fix that moves a statement to a new
 * migration creates the file.
 */
import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { createProtocolConnection, StreamMessageReader, StreamMessageWriter, type CodeAction, type Diagnostic, type ProtocolConnection, type PublishDiagnosticsParams } from 'vscode-languageserver-protocol/node';
import { URI } from 'vscode-uri';
import { repoRoot } from '../helpers/paths';

const serverJs = path.join(repoRoot, 'dist', 'server.js');

class Client {
  readonly conn: ProtocolConnection;
  private readonly latest = new Map<string, Diagnostic[]>();
  private waiters: { uri: string; pred: (d: Diagnostic[]) => boolean; resolve: (d: Diagnostic[]) => void }[] = [];

  constructor(readonly proc: ChildProcess) {
    this.conn = createProtocolConnection(new StreamMessageReader(proc.stdout!), new StreamMessageWriter(proc.stdin!));
    this.conn.onNotification('textDocument/publishDiagnostics', (p: PublishDiagnosticsParams) => {
      this.latest.set(p.uri, p.diagnostics);
      this.waiters = this.waiters.filter((w) => (w.uri === p.uri && w.pred(p.diagnostics) ? (w.resolve(p.diagnostics), false) : true));
    });
    this.conn.onRequest('workspace/configuration', (p: { items: unknown[] }) => p.items.map(() => ({})));
    this.conn.onRequest('client/registerCapability', () => null);
    this.conn.onNotification('dbDesign/status', () => undefined);
    this.conn.onNotification('window/logMessage', () => undefined);
    this.conn.listen();
  }

  waitFor(uri: string, pred: (d: Diagnostic[]) => boolean, what: string): Promise<Diagnostic[]> {
    const now = this.latest.get(uri);
    if (now && pred(now)) return Promise.resolve(now);
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`timed out waiting for ${what}`)), 20000);
      this.waiters.push({ uri, pred, resolve: (d) => (clearTimeout(timer), resolve(d)) });
    });
  }
}

describe('language server over a migration history', () => {
  let client: Client;
  let dir: string;
  const uri = (rel: string) => URI.file(path.join(dir, rel)).toString();
  const M1 = 'prisma/migrations/20240101000000_init/migration.sql';
  const M2 = 'prisma/migrations/20240102000000_more/migration.sql';
  const has = (code: string) => (d: Diagnostic[]) => d.some((x) => x.code === code);

  before(async () => {
    assert.ok(fs.existsSync(serverJs), 'dist/server.js is missing: run npm run build');
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'db-design-history-'));
    const files: Record<string, string> = {
      [M1]: 'CREATE TABLE users (id bigint PRIMARY KEY, created_at timestamptz, updated_at timestamptz);\nCREATE TABLE posts (id bigint PRIMARY KEY, author_id bigint REFERENCES users (id) ON DELETE CASCADE, created_at timestamptz, updated_at timestamptz);\n',
      [M2]: 'ALTER TABLE users ADD COLUMN name text;\n',
    };
    for (const [rel, text] of Object.entries(files)) {
      fs.mkdirSync(path.dirname(path.join(dir, rel)), { recursive: true });
      fs.writeFileSync(path.join(dir, rel), text);
    }
    client = new Client(spawn(process.execPath, [serverJs, '--stdio'], { cwd: dir, stdio: ['pipe', 'pipe', 'inherit'] }));
    await client.conn.sendRequest('initialize', {
      processId: process.pid,
      rootUri: URI.file(dir).toString(),
      capabilities: { workspace: { configuration: true, workspaceEdit: { documentChanges: true, resourceOperations: ['create'] } }, textDocument: { publishDiagnostics: {}, codeAction: {} } },
    });
    await client.conn.sendNotification('initialized', {});
    for (const rel of [M1, M2]) {
      await client.conn.sendNotification('textDocument/didOpen', { textDocument: { uri: uri(rel), languageId: 'sql', version: 1, text: fs.readFileSync(path.join(dir, rel), 'utf8') } });
    }
  });

  after(async () => {
    try {
      await Promise.race([client.conn.sendRequest('shutdown'), new Promise((r) => setTimeout(r, 2000))]);
      await client.conn.sendNotification('exit');
    } finally {
      client.proc.kill();
      client.conn.dispose();
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it('an index added in the later migration clears the finding in the earlier one', async () => {
    await client.waitFor(uri(M1), has('fk-missing-index'), 'fk-missing-index in the first migration');
    const text = 'ALTER TABLE users ADD COLUMN name text;\nCREATE INDEX posts_author_id_idx ON posts (author_id);\n';
    await client.conn.sendNotification('textDocument/didChange', { textDocument: { uri: uri(M2), version: 2 }, contentChanges: [{ text }] });
    await client.waitFor(uri(M1), (d) => !has('fk-missing-index')(d), 'the first migration re-checked without fk-missing-index');
    // The second migration now builds an index on a table that exists: CONCURRENTLY, in a migration of its own after the newest.
    const d = await client.waitFor(uri(M2), has('require-concurrent-index'), 'require-concurrent-index in the second migration');
    const finding = d.find((x) => x.code === 'require-concurrent-index')!;
    const actions = (await client.conn.sendRequest('textDocument/codeAction', {
      textDocument: { uri: uri(M2) },
      range: finding.range,
      context: { diagnostics: [finding], only: ['quickfix'] },
    })) as CodeAction[];
    const move = actions.find((a) => /new migration/.test(a.title));
    assert.ok(move, actions.map((a) => a.title).join(' | '));
    const changes = move.edit?.documentChanges ?? [];
    assert.ok(changes.some((c) => 'kind' in c && c.kind === 'create' && /20240102000001_more_concurrently\/migration\.sql$/.test(c.uri)), JSON.stringify(changes));
  });
});
