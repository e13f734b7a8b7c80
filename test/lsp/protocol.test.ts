/**
 * Protocol round trips against the built server (dist/server.js --stdio), as any LSP client sees it:
 * diagnostics, code actions, hovers, incremental edits, UTF-16 positions after non-ASCII text.
 */
import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { after, before, describe, it } from 'node:test';
import {
  createProtocolConnection,
  StreamMessageReader,
  StreamMessageWriter,
  type Diagnostic,
  type ProtocolConnection,
  type PublishDiagnosticsParams,
  type CodeAction,
  type Hover,
  type TextEdit,
} from 'vscode-languageserver-protocol/node';
import { URI } from 'vscode-uri';
import { repoRoot } from '../helpers/paths';

const serverJs = path.join(repoRoot, 'dist', 'server.js');

const PRISMA = `datasource db {
  provider = "postgresql"
}

model User {
  id    Int    @id @default(autoincrement())
  posts Post[]
}

model Post {
  id       Int  @id @default(autoincrement())
  authorId Int
  author   User @relation(fields: [authorId], references: [id], onDelete: Cascade)
}
`;

// Emoji and CJK before the flagged type on the same line: UTF-16 columns differ from bytes and code points.
const SQL = `CREATE TABLE events (id bigint PRIMARY KEY, /* 🎉 中文 */ created_at timestamp NOT NULL);\n`;

class Client {
  readonly conn: ProtocolConnection;
  private readonly diagnostics = new Map<string, PublishDiagnosticsParams>();
  private waiters: { uri: string; pred: (d: Diagnostic[]) => boolean; resolve: (d: Diagnostic[]) => void }[] = [];
  private readonly versions = new Map<string, number>();
  /** Every URI the server published diagnostics for, even an empty list. */
  readonly published = new Set<string>();
  /** The engine each file was read for, from the server's status notifications. */
  readonly engines = new Map<string, { name: string; from: string; detail?: string }>();

  constructor(readonly proc: ChildProcess) {
    this.conn = createProtocolConnection(new StreamMessageReader(proc.stdout!), new StreamMessageWriter(proc.stdin!));
    this.conn.onNotification('textDocument/publishDiagnostics', (p: PublishDiagnosticsParams) => {
      this.published.add(p.uri);
      this.diagnostics.set(p.uri, p);
      this.waiters = this.waiters.filter((w) => {
        if (w.uri === p.uri && w.pred(p.diagnostics)) {
          w.resolve(p.diagnostics);
          return false;
        }
        return true;
      });
    });
    this.conn.onRequest('workspace/configuration', (p: { items: unknown[] }) => p.items.map(() => ({})));
    this.conn.onRequest('client/registerCapability', () => null);
    this.conn.onNotification('dbDesign/status', (p: { uri?: string; engine?: { name: string; from: string; detail?: string } }) => {
      if (p.uri && p.engine) this.engines.set(p.uri, p.engine);
    });
    this.conn.onNotification('window/logMessage', () => undefined);
    this.conn.listen();
  }

  /** Resolves at the first publication for `uri` that satisfies `pred` (or the current one already does). */
  waitFor(uri: string, pred: (d: Diagnostic[]) => boolean, what: string): Promise<Diagnostic[]> {
    const current = this.diagnostics.get(uri);
    if (current && pred(current.diagnostics)) return Promise.resolve(current.diagnostics);
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`timed out waiting for ${what}`)), 20000);
      this.waiters.push({ uri, pred, resolve: (d) => (clearTimeout(timer), resolve(d)) });
    });
  }

  open(uri: string, languageId: string, text: string): void {
    this.versions.set(uri, 1);
    this.diagnostics.delete(uri);
    void this.conn.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId, version: 1, text } });
  }

  /** Sends edits incrementally, as VS Code does. */
  change(uri: string, edits: TextEdit[]): void {
    const version = (this.versions.get(uri) ?? 1) + 1;
    this.versions.set(uri, version);
    // Apply from the end so earlier ranges stay valid (LSP applies content changes in order).
    const sorted = [...edits].sort((a, b) => b.range.start.line - a.range.start.line || b.range.start.character - a.range.start.character);
    void this.conn.sendNotification('textDocument/didChange', {
      textDocument: { uri, version },
      contentChanges: sorted.map((e) => ({ range: e.range, text: e.newText })),
    });
  }
}

function applyLocal(text: string, edits: TextEdit[]): string {
  const lines = text.split('\n');
  const offset = (l: number, c: number) => lines.slice(0, l).reduce((n, x) => n + x.length + 1, 0) + c;
  const sorted = [...edits].sort((a, b) => offset(b.range.start.line, b.range.start.character) - offset(a.range.start.line, a.range.start.character));
  let out = text;
  for (const e of sorted) {
    out = out.slice(0, offset(e.range.start.line, e.range.start.character)) + e.newText + out.slice(offset(e.range.end.line, e.range.end.character));
  }
  return out;
}

describe('language server over stdio', () => {
  let client: Client;
  let dir: string;
  const has = (code: string) => (d: Diagnostic[]) => d.some((x) => x.code === code);

  before(async () => {
    assert.ok(fs.existsSync(serverJs), 'dist/server.js is missing: run npm run build');
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'db-design-lsp-'));
    const proc = spawn(process.execPath, [serverJs, '--stdio'], { cwd: dir, stdio: ['pipe', 'pipe', 'inherit'] });
    client = new Client(proc);
    const init = await client.conn.sendRequest('initialize', {
      processId: process.pid,
      rootUri: URI.file(dir).toString(),
      capabilities: { workspace: { configuration: true }, textDocument: { publishDiagnostics: {}, codeAction: {}, hover: {} } },
      workspaceFolders: [{ uri: URI.file(dir).toString(), name: 'ws' }],
    });
    assert.equal((init as { serverInfo: { name: string } }).serverInfo.name, 'db-design');
    await client.conn.sendNotification('initialized', {});
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

  it('publishes fk-missing-index on a Prisma schema, with docs link, quick fixes and hover', async () => {
    const file = path.join(dir, 'prisma', 'schema.prisma');
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, PRISMA);
    const uri = URI.file(file).toString();
    client.open(uri, 'prisma', PRISMA);
    const diags = await client.waitFor(uri, has('fk-missing-index'), 'fk-missing-index on schema.prisma');
    const d = diags.find((x) => x.code === 'fk-missing-index')!;
    assert.equal(d.source, 'db-design');
    assert.match(d.codeDescription!.href, /fk-missing-index\.md$/);
    const relationLine = PRISMA.split('\n').findIndex((l) => l.includes('@relation'));
    assert.equal(d.range.start.line, relationLine);

    const hover = (await client.conn.sendRequest('textDocument/hover', { textDocument: { uri }, position: d.range.start })) as Hover;
    assert.match(JSON.stringify(hover.contents), /fk-missing-index/);
    const modelLine = PRISMA.split('\n').findIndex((l) => l.startsWith('model Post'));
    const modelHover = (await client.conn.sendRequest('textDocument/hover', { textDocument: { uri }, position: { line: modelLine, character: 7 } })) as Hover;
    assert.match(JSON.stringify(modelHover.contents), /not indexed/);

    const actions = (await client.conn.sendRequest('textDocument/codeAction', {
      textDocument: { uri },
      range: d.range,
      context: { diagnostics: [d] },
    })) as CodeAction[];
    const titles = actions.map((a) => a.title);
    assert.ok(titles.includes('Add @@index([authorId])'), titles.join(' | '));
    assert.ok(titles.includes('Disable fk-missing-index for this line'), titles.join(' | '));
    assert.ok(titles.includes('Disable fk-missing-index for this file'), titles.join(' | '));

    const fixAll = (await client.conn.sendRequest('textDocument/codeAction', {
      textDocument: { uri },
      range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } },
      context: { diagnostics: [], only: ['source.fixAll.db-design'] },
    })) as CodeAction[];
    assert.equal(fixAll.length, 1);
    assert.equal(fixAll[0].kind, 'source.fixAll.db-design');

    const fix = actions.find((a) => a.title === 'Add @@index([authorId])')!;
    const edits = fix.edit!.changes![uri];
    const fixed = applyLocal(PRISMA, edits);
    assert.match(fixed, /@@index\(\[authorId\]\)/);
    client.change(uri, edits);
    await client.waitFor(uri, (ds) => !ds.some((x) => x.code === 'fk-missing-index'), 'fk-missing-index to disappear');
  });

  it('reads a Drizzle schema: fk-missing-index with its hover, a fix adding the index to the callback; other TypeScript is left alone', async () => {
    const app = path.join(dir, 'drizzle-app');
    fs.mkdirSync(path.join(app, 'src', 'db'), { recursive: true });
    fs.writeFileSync(path.join(app, 'package.json'), '{ "dependencies": { "drizzle-orm": "^0.44.0" } }\n');
    fs.writeFileSync(path.join(app, 'drizzle.config.ts'), 'export default { dialect: "postgresql", schema: "./src/db/schema.ts" };\n');
    const schema = [
      "import { index, integer, pgTable, text } from 'drizzle-orm/pg-core';",
      '',
      "export const users = pgTable('users', {",
      "  id: integer('id').primaryKey().generatedAlwaysAsIdentity(),",
      '});',
      '',
      "export const notes = pgTable('notes', {",
      "  id: integer('id').primaryKey().generatedAlwaysAsIdentity(),",
      "  body: text('body').notNull(),",
      "  authorId: integer('author_id').notNull().references(() => users.id, { onDelete: 'cascade' }),",
      "}, (t) => [index('notes_body_idx').on(t.body)]);",
      '',
    ].join('\n');
    const file = path.join(app, 'src', 'db', 'schema.ts');
    fs.writeFileSync(file, schema);
    const uri = URI.file(file).toString();
    // Any other TypeScript of the project, open first: the server publishes nothing for it.
    const other = path.join(app, 'src', 'service.ts');
    const otherText = "import { db } from './db';\nexport async function notesOf(id: number) {\n  return db.query.notes.findMany({ where: (n, { eq }) => eq(n.authorId, id) });\n}\n";
    fs.writeFileSync(other, otherText);
    const otherUri = URI.file(other).toString();
    client.open(otherUri, 'typescript', otherText);
    client.open(uri, 'typescript', schema);

    const diags = await client.waitFor(uri, has('fk-missing-index'), 'fk-missing-index on schema.ts');
    const d = diags.find((x) => x.code === 'fk-missing-index')!;
    assert.equal(d.range.start.line, schema.split('\n').findIndex((l) => l.includes('authorId:')));
    const hover = (await client.conn.sendRequest('textDocument/hover', { textDocument: { uri }, position: d.range.start })) as Hover;
    assert.match(JSON.stringify(hover.contents), /fk-missing-index/);

    const actions = (await client.conn.sendRequest('textDocument/codeAction', { textDocument: { uri }, range: d.range, context: { diagnostics: [d] } })) as CodeAction[];
    const fix = actions.find((a) => a.kind === 'quickfix' && a.title === 'Create index on notes (authorId)');
    assert.ok(fix, actions.map((a) => a.title).join(' | '));
    const fixed = applyLocal(schema, fix.edit!.changes![uri]);
    assert.match(fixed, /\(t\) => \[[\s\S]*index\('notes_body_idx'\)\.on\(t\.body\),?\s*index\('notes_author_id_idx'\)\.on\(t\.authorId\)/);
    client.change(uri, fix.edit!.changes![uri]);
    await client.waitFor(uri, (ds) => !ds.some((x) => x.code === 'fk-missing-index'), 'fk-missing-index to disappear');

    // Edits of the other file are looked at and dropped: still nothing published for it.
    client.change(otherUri, [{ range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, newText: '// notes\n' }]);
    await new Promise((r) => setTimeout(r, 600));
    assert.ok(client.published.has(uri));
    assert.ok(!client.published.has(otherUri), [...client.published].join('\n'));
  });

  it('an edit of one open Drizzle schema file re-checks the other open ones', async () => {
    const app = path.join(dir, 'drizzle-split');
    fs.mkdirSync(app, { recursive: true });
    fs.writeFileSync(path.join(app, 'package.json'), '{ "dependencies": { "drizzle-orm": "^0.44.0" } }\n');
    const users = "import { bigint, integer, pgTable } from 'drizzle-orm/pg-core';\nexport const users = pgTable('users', { id: integer('id').primaryKey() });\n";
    const notes = [
      "import { index, integer, pgTable } from 'drizzle-orm/pg-core';",
      "import { users } from './users';",
      "export const notes = pgTable('notes', {",
      "  id: integer('id').primaryKey(),",
      "  authorId: integer('author_id').notNull().references(() => users.id, { onDelete: 'cascade' }),",
      "}, (t) => [index('notes_author_id_idx').on(t.authorId)]);",
      '',
    ].join('\n');
    fs.writeFileSync(path.join(app, 'users.ts'), users);
    fs.writeFileSync(path.join(app, 'notes.ts'), notes);
    const usersUri = URI.file(path.join(app, 'users.ts')).toString();
    const notesUri = URI.file(path.join(app, 'notes.ts')).toString();
    client.open(usersUri, 'typescript', users);
    client.open(notesUri, 'typescript', notes);
    await client.waitFor(notesUri, (d) => !has('fk-type-mismatch')(d), 'the first diagnostics of notes.ts');
    // users.id becomes bigint in the editor, unsaved: the integer author_id that references it no longer matches.
    const at = users.indexOf("integer('id')");
    client.change(usersUri, [{ range: { start: { line: 1, character: at - users.indexOf('\n') - 1 }, end: { line: 1, character: at - users.indexOf('\n') - 1 + 'integer'.length } }, newText: 'bigint' }]);
    await client.waitFor(notesUri, has('fk-type-mismatch'), 'fk-type-mismatch on notes.ts after users.ts changed');
  });

  it('places SQL diagnostics by UTF-16 column after emoji and CJK text', async () => {
    const file = path.join(dir, 'migrations', '001_init.sql');
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, SQL);
    const uri = URI.file(file).toString();
    client.open(uri, 'sql', SQL);
    const diags = await client.waitFor(uri, has('prefer-timestamptz'), 'prefer-timestamptz');
    const d = diags.find((x) => x.code === 'prefer-timestamptz')!;
    const col = SQL.indexOf('timestamp NOT');
    assert.deepEqual(d.range.start, { line: 0, character: col });
    assert.deepEqual(d.range.end, { line: 0, character: col + 'timestamp'.length });

    const actions = (await client.conn.sendRequest('textDocument/codeAction', { textDocument: { uri }, range: d.range, context: { diagnostics: [d] } })) as CodeAction[];
    const change = actions.find((a) => a.title === 'Change type to timestamptz')!;
    assert.ok(change, actions.map((a) => a.title).join(' | '));
    assert.equal(applyLocal(SQL, change.edit!.changes![uri]), SQL.replace('timestamp NOT', 'timestamptz NOT'));
  });

  it('reports a syntax error at the token and keeps checking the rest of the file', async () => {
    const text = 'SELEC 1;\nCREATE TABLE t (id bigint PRIMARY KEY, at timestamp);\n';
    const uri = URI.file(path.join(dir, 'broken.sql')).toString();
    client.open(uri, 'sql', text);
    const diags = await client.waitFor(uri, (d) => has('syntax-error')(d) && has('prefer-timestamptz')(d), 'syntax-error and prefer-timestamptz');
    const syntax = diags.find((x) => x.code === 'syntax-error')!;
    assert.deepEqual(syntax.range.start, { line: 0, character: 0 });
  });

  it("hides Prisma's own diagnostics while the official Prisma extension shows them", async () => {
    const uri = URI.file(path.join(dir, 'invalid', 'schema.prisma')).toString();
    client.open(uri, 'prisma', 'datasource db {\n  provider = "postgresql"\n}\nmodel A {\n  id Int @id\n  b  Strin\n}\n');
    await client.waitFor(uri, has('prisma-validation'), 'prisma-validation');
    await client.conn.sendNotification('dbDesign/prismaExtension', { active: true });
    await client.waitFor(uri, (d) => !has('prisma-validation')(d), 'prisma-validation to be hidden');
    await client.conn.sendNotification('dbDesign/prismaExtension', { active: false });
    await client.waitFor(uri, has('prisma-validation'), 'prisma-validation to come back');
  });

  it('keeps serving after binary and half-typed input', async () => {
    const bin = URI.file(path.join(dir, 'bin.sql')).toString();
    client.open(bin, 'sql', 'SELECT 1;\u0000\u0001\u0002garbage');
    await client.waitFor(bin, () => true, 'diagnostics for a binary file');
    const half = URI.file(path.join(dir, 'half', 'schema.prisma')).toString();
    client.open(half, 'prisma', 'datasource db {\n  provider = "postgresql"\n}\nmodel A {\n  id Int @id\n  b  Str');
    await client.waitFor(half, () => true, 'diagnostics for a half-typed schema');
    const hover = await client.conn.sendRequest('textDocument/hover', { textDocument: { uri: half }, position: { line: 4, character: 3 } });
    assert.ok(hover === null || typeof hover === 'object');
  });

  it('tells the client which engine a file was read for, and why', async () => {
    // Its own package, beside the PostgreSQL Prisma schema of the other tests: the nearest project file decides.
    const app = path.join(dir, 'app');
    fs.mkdirSync(path.join(app, 'drizzle'), { recursive: true });
    fs.writeFileSync(path.join(app, 'drizzle.config.ts'), 'export default { dialect: "sqlite", schema: "./schema.ts" };\n');
    const file = path.join(app, 'drizzle', '0000_init.sql');
    const text = 'CREATE TABLE `users` (`id` integer PRIMARY KEY NOT NULL);\n';
    fs.writeFileSync(file, text);
    const uri = URI.file(file).toString();
    client.open(uri, 'sql', text);
    await client.waitFor(uri, () => true, 'diagnostics for a drizzle migration');
    for (let i = 0; i < 50 && !client.engines.has(uri); i++) await new Promise((r) => setTimeout(r, 50));
    assert.deepEqual(client.engines.get(uri), { name: 'sqlite', from: 'drizzle.config.ts', detail: 'dialect: "sqlite"', file: URI.file(path.join(app, 'drizzle.config.ts')).toString() });
  });

  it('offers to turn a rule off, or change its severity, for the project in db-design.json', async () => {
    const app = path.join(dir, 'rules-app');
    fs.mkdirSync(app, { recursive: true });
    const file = path.join(app, 'query.sql');
    const text = 'SELECT * FROM users;\n';
    fs.writeFileSync(file, text);
    const uri = URI.file(file).toString();
    client.open(uri, 'sql', text);
    const diagnostics = await client.waitFor(uri, has('select-star'), 'select-star');
    const actions = (await client.conn.sendRequest('textDocument/codeAction', {
      textDocument: { uri },
      range: diagnostics[0].range,
      context: { diagnostics },
    })) as CodeAction[];
    const titles = actions.map((a) => a.title);
    const off = actions.find((a) => /^Turn off select-star for this project/.test(a.title));
    assert.ok(off, titles.join(' | '));
    assert.ok(titles.some((t) => /^Change select-star severity to info for this project/.test(t)), titles.join(' | '));
    // No db-design.json yet: the action creates one at the workspace folder's top, with the rule off.
    const changes = off.edit!.documentChanges! as ({ kind: 'create'; uri: string } | { textDocument: { uri: string }; edits: TextEdit[] })[];
    const created = changes.find((c): c is { kind: 'create'; uri: string } => 'kind' in c && c.kind === 'create');
    assert.equal(created?.uri, URI.file(path.join(dir, 'db-design.json')).toString());
    const body = changes.find((c): c is { textDocument: { uri: string }; edits: TextEdit[] } => 'textDocument' in c)!.edits[0].newText;
    assert.deepEqual(JSON.parse(body), { rules: { 'select-star': 'off' } });
  });
});

