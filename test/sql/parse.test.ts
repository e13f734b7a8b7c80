import assert from 'node:assert/strict';
import { before, test } from 'node:test';
import type { Dialect } from '../../server/src/model/schema';
import { ensureSqlParser, loadSql, parseCacheSize } from '../../server/src/sql';

before(() => ensureSqlParser());

function load(text: string, dialect: Dialect = 'postgresql') {
  return loadSql({ uri: 'file:///m.sql', text }, { dialect });
}

/** Each syntax error as [message, the text it covers]. */
function errors(text: string, dialect?: Dialect): [string, string][] {
  return load(text, dialect).problems.map((p) => {
    assert.equal(p.rule, 'syntax-error');
    return [p.message, text.slice(p.span.start, p.span.end)];
  });
}

test('parse: a syntax error after emoji and CJK text points at the exact token; later statements still parse', () => {
  const text = "COMMENT ON TABLE t IS '🎉 中文'; SELEC 1; CREATE TABLE after_it (a int);";
  const r = load(text);
  assert.equal(r.problems.length, 1);
  const p = r.problems[0];
  assert.equal(p.message, 'syntax error at or near "SELEC"');
  assert.deepEqual(p.span, { start: text.indexOf('SELEC'), end: text.indexOf('SELEC') + 5 });
  assert.deepEqual(
    r.statements.map((s) => !!s.stmt),
    [true, false, true],
  );
  assert.ok(r.schema.tables.has('after_it'));
});

test('parse: error positions inside a statement that has astral characters before them', () => {
  const text = "SELECT '𝄞𝄞' AS \"ключ\", x FROM t WHERE a = = 1;";
  assert.deepEqual(errors(text), [['syntax error at or near "="', '=']]);
  assert.equal(load(text).problems[0].span.start, text.lastIndexOf('= 1'));
});

test('parse: errors at end of input, unterminated strings, messages without a token', () => {
  assert.deepEqual(errors('SELECT 1;\nCREATE TABLE t (a int,'), [['syntax error at end of input', ',']]);
  assert.deepEqual(errors("SELECT 'abc\nmore"), [[`unterminated quoted string at or near "'abc\nmore"`, "'abc"]]);
  assert.deepEqual(errors('CREATE EXTENSION cube FROM unpackaged;'), [['CREATE EXTENSION ... FROM is no longer supported', 'FROM']]);
  assert.deepEqual(errors('SELECT 1\u0000;'), [['invalid byte sequence for encoding "UTF8": 0x00', '\u0000']]);
});

test('parse: no syntax errors for SQLite, MySQL, templated files or psql-variable statements', () => {
  assert.deepEqual(errors('CREATE TABLE t (id INTEGER PRIMARY KEY AUTOINCREMENT);', 'sqlite'), []);
  assert.deepEqual(errors('CREATE TABLE `t` (id int unsigned) ENGINE=InnoDB;', 'mysql'), []);
  assert.deepEqual(errors('CREATE TABLE t (id int) WITH garbage;', 'cockroachdb'), []);
  const templated = load('CREATE TABLE {{ .Schema }}.t (a int);\nCREATE TABLE u (a int);');
  assert.equal(templated.templated, true);
  assert.deepEqual(templated.problems, []);
  assert.ok(templated.schema.tables.has('u'), 'statements that parse still feed the model');
  assert.deepEqual(errors("\\set n 5\nSELECT * FROM t WHERE id = :n;\nSELEC 2;"), [['syntax error at or near "SELEC"', 'SELEC']]);
});

test('parse: MySQL/SQLite statements the PostgreSQL parser understands still feed the model', () => {
  const r = load('CREATE TABLE `users` (`id` integer PRIMARY KEY, `name` text);\nCREATE INDEX `users_name` ON `users` (`name`);', 'sqlite');
  const users = r.schema.tables.get('users');
  assert.ok(users);
  assert.deepEqual(users.columns.map((c) => c.name), ['id', 'name']);
  // SQLite names no primary key (PostgreSQL would call it users_pkey); the index keeps its own name.
  assert.deepEqual(users.indexes.map((i) => [i.kind, i.name]), [['primary', undefined], ['index', 'users_name']]);
  // Spans point at the original text, backticks included.
  assert.equal(r.files[0].text.slice(users.source.span.start, users.source.span.end), '`users`');
});

test('parse: statements are cached by text, so an edit re-parses only what changed', () => {
  const a = load('CREATE TABLE a (x int);\nCREATE TABLE b (y int);');
  const size = parseCacheSize();
  const b = load('CREATE TABLE a (x int);\nCREATE TABLE b (y int, z int);');
  assert.equal(parseCacheSize(), size + 1);
  assert.equal(a.statements[0].stmt, b.statements[0].stmt, 'the unchanged statement is the same AST object');
});

test('parse: toFileOffset maps AST byte locations to UTF-16 file offsets', () => {
  const text = "SELECT '🎉';\nCREATE TABLE \"中文\" (\"é\" int);";
  const st = load(text).statements[1];
  const create = st.stmt as { CreateStmt: { relation: { location: number } } };
  const at = st.toFileOffset(create.CreateStmt.relation.location);
  assert.equal(text.slice(at, at + 4), '"中文"');
  const tokens = st.tokens();
  assert.deepEqual(
    tokens.map((t) => text.slice(st.toFileOffset(t.start), st.toFileOffset(t.end))),
    ['CREATE', 'TABLE', '"中文"', '(', '"é"', 'int', ')', ';'],
  );
});

test('parse: a chunk the parser reads as several statements becomes several parsed statements', () => {
  // The mysql client sends everything up to its delimiter at once.
  const text = 'DELIMITER $$\nCREATE TABLE a (x int); CREATE TABLE b (y int)$$\nDELIMITER ;\n';
  const r = load(text, 'mysql');
  assert.deepEqual(
    r.statements.map((s) => [text.slice(s.span.start, s.span.end), s.text, !!s.stmt]),
    [
      ['CREATE TABLE a (x int);', 'CREATE TABLE a (x int);', true],
      ['CREATE TABLE b (y int)', 'CREATE TABLE b (y int)', true],
    ],
  );
  assert.deepEqual([...r.schema.tables.keys()], ['a', 'b']);
});
