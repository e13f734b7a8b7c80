import assert from 'node:assert/strict';
import { before, test } from 'node:test';
import type { TextEdit } from '../../server/src/model/findings';
import { coveringIndex, findColumn, type Table } from '../../server/src/model/schema';
import type { FixIntent } from '../../server/src/model/intents';
import { scanSync } from 'libpg-query';
import { ensureSqlParser, loadSql } from '../../server/src/sql';
import { tokensOf } from '../../server/src/sql/render-design';

before(() => ensureSqlParser());

const URI = 'file:///m.sql';

function load(text: string) {
  const r = loadSql({ uri: URI, text }, { dialect: 'postgresql' });
  assert.deepEqual(r.problems, [], `valid SQL:\n${text}`);
  return r;
}

function apply(text: string, edits: TextEdit[] | undefined): string {
  assert.ok(edits && edits.length > 0, 'an edit');
  let out = text;
  for (const e of [...edits].sort((a, b) => b.span.start - a.span.start)) {
    assert.equal(e.uri, URI);
    out = out.slice(0, e.span.start) + e.newText + out.slice(e.span.end);
  }
  return out;
}

function table(r: ReturnType<typeof load>, key: string): Table {
  const t = r.schema.tables.get(key);
  assert.ok(t, key);
  return t;
}

/** Renders "index the first FK of `key`", applies it, checks the result parses and covers the FK. */
function addFkIndex(text: string, key: string, concurrently = false): string {
  const r = load(text);
  const t = table(r, key);
  const fk = t.foreignKeys[0];
  const intent: FixIntent = { kind: 'addIndex', table: t, columns: fk.columns, fk, concurrently };
  const fixed = apply(text, r.render(intent));
  const again = load(fixed);
  assert.ok(coveringIndex(table(again, key), fk.columns), `index covers the FK:\n${fixed}`);
  return fixed;
}

test('render addIndex: a CREATE INDEX right after the statement that adds the FK', () => {
  const text = 'CREATE TABLE users (id bigint PRIMARY KEY);\nCREATE TABLE posts (\n  id bigint PRIMARY KEY,\n  author_id bigint REFERENCES users (id)\n);\nSELECT 1;\n';
  assert.equal(
    addFkIndex(text, 'posts'),
    'CREATE TABLE users (id bigint PRIMARY KEY);\nCREATE TABLE posts (\n  id bigint PRIMARY KEY,\n  author_id bigint REFERENCES users (id)\n);\n' +
      'CREATE INDEX posts_author_id_idx ON posts (author_id);\nSELECT 1;\n',
  );
  assert.match(addFkIndex(text, 'posts', true), /\nCREATE INDEX CONCURRENTLY posts_author_id_idx ON posts \(author_id\);\n/);
});

test('render addIndex: after an ALTER TABLE ... ADD CONSTRAINT, quoting what needs it, composite keys', () => {
  const text =
    'CREATE TABLE "User" (id text PRIMARY KEY, region text, UNIQUE (id, region));\n' +
    'CREATE TABLE "Post" ("authorId" text, "order" text, region text);\n' +
    'ALTER TABLE "Post" ADD CONSTRAINT "Post_author_fkey" FOREIGN KEY ("authorId", region) REFERENCES "User"(id, region);\n';
  assert.equal(
    addFkIndex(text, 'post'),
    text.slice(0, -1) + '\nCREATE INDEX "Post_authorId_region_idx" ON "Post" ("authorId", region);\n',
  );
  const keyword = 'CREATE TABLE o (id int PRIMARY KEY);\nCREATE TABLE t ("order" int REFERENCES o);';
  assert.equal(addFkIndex(keyword, 't'), keyword + '\nCREATE INDEX t_order_idx ON t ("order");');
});

test('render addIndex: schema-qualified tables, taken names, long names', () => {
  // posts_user_id_idx exists (on another column, so the FK is not covered): the new index takes the next name.
  const text =
    'CREATE TABLE app.users (id int PRIMARY KEY);\nCREATE TABLE app.posts (id int, user_id int REFERENCES app.users);\n' +
    'CREATE INDEX posts_user_id_idx ON app.posts (id);';
  assert.match(addFkIndex(text, 'app.posts'), /\);\nCREATE INDEX posts_user_id_idx1 ON app\.posts \(user_id\);\nCREATE INDEX posts_user_id_idx ON/);
  const long = 'a'.repeat(40);
  const longText = `CREATE TABLE ${long} (id int PRIMARY KEY);\nCREATE TABLE ${long}_child (${long}_parent_id int REFERENCES ${long});`;
  const name = /CREATE INDEX (\S+) ON/.exec(addFkIndex(longText, `${long}_child`))?.[1] ?? '';
  assert.ok(Buffer.byteLength(name) <= 63 && name.endsWith('_idx'), name);
});

test('render addIndex: CRLF files get CRLF; a trailing comment or Drizzle breakpoint stays with its statement, and the new statement gets its own breakpoint', () => {
  const crlf = 'CREATE TABLE u (id int PRIMARY KEY);\r\nCREATE TABLE p (u_id int REFERENCES u);\r\nSELECT 1;\r\n';
  assert.equal(addFkIndex(crlf, 'p'), crlf.replace('u);\r\n', 'u);\r\nCREATE INDEX p_u_id_idx ON p (u_id);\r\n'));
  const drizzle = 'CREATE TABLE u (id int PRIMARY KEY);--> statement-breakpoint\nCREATE TABLE p (u_id int REFERENCES u);--> statement-breakpoint\nSELECT 1;';
  assert.equal(
    addFkIndex(drizzle, 'p'),
    'CREATE TABLE u (id int PRIMARY KEY);--> statement-breakpoint\nCREATE TABLE p (u_id int REFERENCES u);--> statement-breakpoint\nCREATE INDEX p_u_id_idx ON p (u_id);--> statement-breakpoint\nSELECT 1;',
  );
  const noSemicolon = 'CREATE TABLE u (id int PRIMARY KEY);\nCREATE TABLE p (u_id int REFERENCES u)';
  assert.equal(addFkIndex(noSemicolon, 'p'), noSemicolon + ';\nCREATE INDEX p_u_id_idx ON p (u_id);');
});

test('render changeColumnType: replaces exactly the type, keeping modifiers and arrays', () => {
  const cases: [string, string, boolean, string][] = [
    ['timestamp(3)', 'timestamptz', true, 'timestamptz(3)'],
    ['timestamp(3) without time zone', 'timestamptz', true, 'timestamptz(3)'],
    ['timestamp without time zone', 'timestamptz', true, 'timestamptz'],
    ['TIMESTAMP', 'timestamptz', true, 'timestamptz'],
    ['TIMESTAMP(6) WITHOUT TIME ZONE', 'timestamptz', true, 'timestamptz(6)'],
    ['timestamp(3)[]', 'timestamptz', true, 'timestamptz(3)[]'],
    ['varchar(255)', 'text', false, 'text'],
    ['json', 'jsonb', true, 'jsonb'],
    ['integer ARRAY', 'bigint', true, 'bigint ARRAY'],
  ];
  for (const [written, sql, keepParams, want] of cases) {
    const text = `CREATE TABLE t (id int PRIMARY KEY, c ${written} NOT NULL);`;
    const r = load(text);
    const t = table(r, 't');
    const column = findColumn(t, 'c')!;
    const fixed = apply(text, r.render({ kind: 'changeColumnType', table: t, column, sql, keepParams }));
    assert.equal(fixed, text.replace(written, want), written);
    const again = findColumn(table(load(fixed), 't'), 'c')!;
    assert.equal(again.type.name, sql === 'bigint' ? 'int8' : sql);
    assert.equal(again.nullable, false);
  }
});

test('render replace: the span, verbatim', () => {
  const text = 'CREATE INDEX i ON t (a);';
  const r = loadSql({ uri: URI, text }, { dialect: 'postgresql' });
  const fixed = apply(text, r.render({ kind: 'replace', at: { uri: URI, span: { start: 7, end: 7 } }, newText: 'UNIQUE ' }));
  assert.equal(fixed, 'CREATE UNIQUE INDEX i ON t (a);');
});

test("tokensOf: the scanner's tokens in UTF-16 offsets, comments left out, whichever lexer reads the text", () => {
  for (const text of ['REFERENCES users (id) MATCH FULL', 'REFERENCES "Größe" (id) /* note */ MATCH FULL', 'timestamp(3)[] -- when', 'numeric(10, 2) ARRAY', '"naïve" TEXT']) {
    const scanned = (scanSync(text).tokens ?? []).filter((t) => !/comment/i.test(t.tokenName ?? ''));
    const bytes = Buffer.from(text);
    const utf16 = (b: number) => bytes.subarray(0, b).toString().length;
    const want = scanned.map((t) => ({ start: utf16(t.start), end: utf16(t.end), text: bytes.subarray(t.start, t.end).toString() }));
    const got = tokensOf(text);
    assert.deepEqual(
      got.map(({ start, end, text: t }) => ({ start, end, text: t })),
      want,
      text,
    );
    for (const t of got) assert.equal(t.word, t.text.toLowerCase());
  }
});

test('render setOnDelete: after REFERENCES and its MATCH clause, in ASCII and in other names', () => {
  for (const name of ['users', '"Größe"']) {
    const text = `CREATE TABLE ${name} (id int PRIMARY KEY);\nCREATE TABLE o (id int PRIMARY KEY, u int REFERENCES ${name} (id) MATCH FULL);`;
    const r = load(text);
    const fk = table(r, 'o').foreignKeys[0];
    const fixed = apply(text, r.render({ kind: 'setOnDelete', table: table(r, 'o'), fk, action: 'cascade' }));
    assert.equal(fixed, text.replace('MATCH FULL', 'MATCH FULL ON DELETE CASCADE'), name);
  }
});
