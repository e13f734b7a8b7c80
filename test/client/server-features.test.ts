/**
 * The server side of the client's commands, over the real protocol (dist/server.js --stdio): the schema
 * report request, fix-all for files open or on disk, SQL formatting and its registration, the rule list.
 */
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { TextEdit } from 'vscode-languageserver-protocol';
import { URI } from 'vscode-uri';
import type { FixAllResult, ReportResult, RuleInfo } from '../../server/src/lsp/protocol';
import { repoRoot } from '../helpers/paths';
import { LspSession } from './lsp-session';

const demo = path.join(repoRoot, 'examples', 'demo');

function tempCopyOfDemo(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'db-design-features-'));
  fs.cpSync(demo, dir, { recursive: true });
  // A repository where the demo migrations are not committed: they are new, so their safe fixes apply.
  execFileSync('git', ['init', '-q'], { cwd: dir });
  return dir;
}

/** Applies LSP edits (non-overlapping) to a text. */
function apply(text: string, edits: { range: TextEdit['range']; newText: string }[]): string {
  const lines = text.split('\n');
  const offset = (p: { line: number; character: number }) => lines.slice(0, p.line).reduce((n, l) => n + l.length + 1, 0) + p.character;
  return [...edits]
    .sort((a, b) => offset(b.range.start) - offset(a.range.start))
    .reduce((t, e) => t.slice(0, offset(e.range.start)) + e.newText + t.slice(offset(e.range.end)), text);
}

describe('server features for the client commands', () => {
  let dir: string;
  let lsp: LspSession;

  before(async () => {
    dir = tempCopyOfDemo();
    lsp = await LspSession.start({ root: dir, dynamicFormatting: true });
  });
  after(async () => {
    await lsp.stop();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('dbDesign/report renders a folder for the panel: strict CSP page, every file it read', async () => {
    const res = (await lsp.conn.sendRequest('dbDesign/report', { targets: [URI.file(dir).toString()], format: 'html', purpose: 'view' })) as ReportResult;
    assert.match(res.content, /<meta http-equiv="Content-Security-Policy" content="default-src 'none';/);
    assert.match(res.content, /data-key="post"/);
    assert.deepEqual(
      res.files.map((u) => path.relative(dir, URI.parse(u).fsPath).split(path.sep).join('/')).sort(),
      ['migrations/20240101000000_init/migration.sql', 'prisma/schema.prisma'],
    );
    // In the editor, docs links point at the installed copy of the rule pages.
    assert.match(res.content, /href="file:\/\/[^"]*\/docs\/rules\/fk-missing-index\.md" data-rule="fk-missing-index"/);
  });

  it('dbDesign/report exports with links relative to the file it will be written to', async () => {
    const exportTo = URI.file(path.join(dir, 'docs', 'schema.md')).toString();
    const res = (await lsp.conn.sendRequest('dbDesign/report', { targets: [URI.file(path.join(dir, 'prisma', 'schema.prisma')).toString()], format: 'md', purpose: 'export', exportTo })) as ReportResult;
    assert.match(res.content, /\]\(\.\.\/prisma\/schema\.prisma#L\d+\)/);
    assert.match(res.content, /\(https:\/\/github\.com\/db-design\/db-design\/blob\/main\/docs\/rules\/fk-missing-index\.md\)/);
  });

  it('dbDesign/report answers a scope error as a request error, not a crash', async () => {
    await assert.rejects(lsp.conn.sendRequest('dbDesign/report', { targets: ['untitled:Untitled-1'], format: 'html', purpose: 'view' }), /only files on disk/);
  });

  it('dbDesign/fixAll returns the labelled safe fixes of a file that is not open', async () => {
    const file = path.join(dir, 'migrations', '20240101000000_init', 'migration.sql');
    const text = fs.readFileSync(file, 'utf8');
    const res = (await lsp.conn.sendRequest('dbDesign/fixAll', { uri: URI.file(file).toString() })) as FixAllResult;
    const index = res.edits.find((e) => /posts_author_id_idx/.test(e.newText));
    assert.ok(index, JSON.stringify(res.edits));
    assert.match(index.label, /index/i, 'each edit carries the title of its fix, for the refactor preview');
    assert.match(apply(text, res.edits), /CREATE INDEX (CONCURRENTLY )?posts_author_id_idx ON posts \(author_id\);/);
  });

  it('dbDesign/fixAll reads an open document, unsaved edits included', async () => {
    const file = path.join(dir, 'scratch.sql');
    // Only in the editor: an unused suppression, whose removal is a safe fix.
    const text = '-- db-design-disable-next-line fk-missing-index\nCREATE TABLE t (id bigint PRIMARY KEY);\n';
    const uri = lsp.open(file, 'sql', text);
    const res = (await lsp.conn.sendRequest('dbDesign/fixAll', { uri })) as FixAllResult;
    assert.ok(res.edits.some((e) => /suppression/i.test(e.label)), JSON.stringify(res.edits));
    assert.doesNotMatch(apply(text, res.edits), /db-design-disable/);
  });

  it('dbDesign/fixAll skips files the config ignores', async () => {
    fs.writeFileSync(path.join(dir, 'db-design.json'), JSON.stringify({ ignore: ['generated/**'] }));
    const file = path.join(dir, 'generated', 'x.sql');
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, 'CREATE TABLE t (at timestamp);\n');
    const res = (await lsp.conn.sendRequest('dbDesign/fixAll', { uri: URI.file(file).toString() })) as FixAllResult;
    assert.deepEqual(res.edits, []);
    fs.rmSync(path.join(dir, 'db-design.json'));
  });

  it('formats SQL in its dialect, keeps comments, and registers for SQL files only', async () => {
    const regs = await lsp.registrationsAfterReading('dbDesign.format', 'textDocument/formatting');
    assert.equal(regs.length, 1);
    assert.deepEqual((regs[0].registerOptions as { documentSelector: { language: string }[] }).documentSelector.map((s) => s.language), ['sql', 'sql']);
    assert.equal(lsp.capabilities.documentFormattingProvider, undefined, 'no static registration when the client registers dynamically');

    const text =
      '-- db-design-disable-next-line prefer-timestamptz -- legacy\n' +
      'create table events (id bigint primary key, /* keep */ created_at timestamp not null, payload jsonb);\n' +
      'select 1; select 2;\n';
    const uri = lsp.open(path.join(dir, 'format.sql'), 'sql', text);
    const edits = (await lsp.conn.sendRequest('textDocument/formatting', { textDocument: { uri }, options: { tabSize: 4, insertSpaces: true } })) as TextEdit[];
    const formatted = apply(text, edits);
    // The suppression comment stays on the line before its statement; the block comment stays too.
    assert.equal(
      formatted,
      '-- db-design-disable-next-line prefer-timestamptz -- legacy\n' +
        'create table events (\n    id bigint primary key,\n    /* keep */\n    created_at timestamp not null,\n    payload jsonb\n);\n' +
        'select\n    1;\nselect\n    2;\n',
    );
    const range = { start: { line: 2, character: 0 }, end: { line: 2, character: 3 } };
    const rangeEdits = (await lsp.conn.sendRequest('textDocument/rangeFormatting', { textDocument: { uri }, range, options: { tabSize: 2, insertSpaces: true } })) as TextEdit[];
    assert.equal(apply(text, rangeEdits), text.replace('select 1; select 2;', 'select\n  1; select 2;'), 'only the statement under the range');

    lsp.update(uri, formatted);
    const again = (await lsp.conn.sendRequest('textDocument/formatting', { textDocument: { uri }, options: { tabSize: 4, insertSpaces: true } })) as TextEdit[];
    assert.deepEqual(again, [], 'formatting twice changes nothing');

  });

  it('dbDesign/rules lists every rule with its documentation', async () => {
    const rules = (await lsp.conn.sendRequest('dbDesign/rules')) as RuleInfo[];
    const fk = rules.find((r) => r.id === 'fk-missing-index');
    assert.ok(fk);
    assert.equal(fk.fixable, true);
    assert.match(fk.docs, /fk-missing-index\.md$/);
    assert.ok(rules.length >= 5);
  });
});

describe('SQL formatting registration', () => {
  it('is static for clients without dynamic registration, and formats nothing but SQL', async () => {
    const dir = tempCopyOfDemo();
    const lsp = await LspSession.start({ root: dir });
    try {
      assert.equal(lsp.capabilities.documentFormattingProvider, true);
      const uri = lsp.open(path.join(dir, 'prisma', 'schema.prisma'), 'prisma', fs.readFileSync(path.join(dir, 'prisma', 'schema.prisma'), 'utf8'));
      assert.equal(await lsp.conn.sendRequest('textDocument/formatting', { textDocument: { uri }, options: { tabSize: 2, insertSpaces: true } }), null);
    } finally {
      await lsp.stop();
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it('is not registered when dbDesign.format.enable is false', async () => {
    const dir = tempCopyOfDemo();
    const lsp = await LspSession.start({ root: dir, dynamicFormatting: true, settings: { 'dbDesign.format': { enable: false } } });
    try {
      assert.deepEqual(await lsp.registrationsAfterReading('dbDesign.format', 'textDocument/formatting'), []);
    } finally {
      await lsp.stop();
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
