import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Dialect } from '../../server/src/model/schema';
import { splitStatements } from '../../server/src/sql';

/** The statements' text, as the splitter cut them. */
function split(text: string, dialect?: Dialect): string[] {
  return splitStatements(text, dialect).statements.map((s) => text.slice(s.span.start, s.span.end));
}

test('split: semicolons inside quotes, identifiers and E-strings do not split', () => {
  assert.deepEqual(split(`SELECT 'a;b'; SELECT "x;""y"; SELECT E'it\\'s; ok', 'it''s;';`), [
    `SELECT 'a;b';`,
    `SELECT "x;""y";`,
    `SELECT E'it\\'s; ok', 'it''s;';`,
  ]);
  // Without the E prefix a backslash is an ordinary character (standard_conforming_strings).
  assert.deepEqual(split(`SELECT 'a\\'; SELECT 2;`), [`SELECT 'a\\';`, 'SELECT 2;']);
});

test('split: dollar-quoted bodies, with and without tags; $1 parameters', () => {
  const text = 'CREATE FUNCTION f() RETURNS int AS $body$ SELECT 1; $x$ $body$ LANGUAGE sql;\nSELECT $$a;b$$, $1;\nSELECT a$b; SELECT 3;';
  assert.deepEqual(split(text), [
    'CREATE FUNCTION f() RETURNS int AS $body$ SELECT 1; $x$ $body$ LANGUAGE sql;',
    'SELECT $$a;b$$, $1;',
    'SELECT a$b;',
    'SELECT 3;',
  ]);
});

test('split: nested block comments and line comments are skipped and collected', () => {
  const text = '/* a /* b; */ c; */ SELECT 1; -- x; y\nSELECT /* in */ 2;';
  const r = splitStatements(text);
  assert.deepEqual(split(text), ['SELECT 1;', 'SELECT /* in */ 2;']);
  assert.deepEqual(
    r.comments.map((c) => [text.slice(c.span.start, c.span.end), c.body]),
    [
      ['/* a /* b; */ c; */', 'a /* b; */ c;'],
      ['-- x; y', 'x; y'],
      ['/* in */', 'in'],
    ],
  );
});

test('split: BEGIN ATOMIC bodies keep their semicolons; transaction BEGIN does not', () => {
  const text =
    'BEGIN;\nCREATE OR REPLACE FUNCTION f() RETURNS int LANGUAGE sql\nBEGIN ATOMIC\n  SELECT 1;\n  SELECT CASE WHEN true THEN 1 END;\nEND;\nCOMMIT;';
  assert.deepEqual(split(text), [
    'BEGIN;',
    'CREATE OR REPLACE FUNCTION f() RETURNS int LANGUAGE sql\nBEGIN ATOMIC\n  SELECT 1;\n  SELECT CASE WHEN true THEN 1 END;\nEND;',
    'COMMIT;',
  ]);
});

test('split: psql meta-commands are skipped, and end a statement they follow', () => {
  const text = "\\set ON_ERROR_STOP 1\nBEGIN;\n\\i other.sql\nSELECT format('x')\\gexec\nSELECT 2;\n";
  const r = splitStatements(text);
  assert.deepEqual(split(text), ['BEGIN;', "SELECT format('x')", 'SELECT 2;']);
  assert.deepEqual(r.statements.map((s) => s.end), ['semicolon', 'meta', 'semicolon']);
  assert.deepEqual(
    r.skipped.map((s) => text.slice(s.span.start, s.span.end)),
    ['\\set ON_ERROR_STOP 1', '\\i other.sql', '\\gexec'],
  );
});

test('split: psql variables are noticed only when \\set in the file', () => {
  const text = "\\set id '5'\nSELECT :id, :'id';\nSELECT a::text, b[1:2];\nSELECT :other;";
  assert.deepEqual(
    splitStatements(text).statements.map((s) => s.psqlVariables),
    [true, false, false],
  );
});

test('split: COPY ... FROM stdin data is skipped up to the \\. line', () => {
  const text = "COPY t (a, b) FROM stdin;\n1\tx;y\n2\t'z\n\\.\nSELECT 1;\nCOPY t TO stdout;\n";
  const r = splitStatements(text);
  assert.deepEqual(split(text), ['COPY t (a, b) FROM stdin;', 'SELECT 1;', 'COPY t TO stdout;']);
  assert.deepEqual(r.skipped.map((s) => [s.kind, text.slice(s.span.start, s.span.end)]), [['copy-data', "1\tx;y\n2\t'z\n\\."]]);
  // Data that never ends runs to the end of the file, and nothing of it is parsed.
  assert.deepEqual(split('COPY t FROM STDIN;\r\n1\t2;\r\n'), ['COPY t FROM STDIN;']);
});

test('split: CRLF, a BOM, empty and comment-only files', () => {
  assert.deepEqual(split('SELECT 1;\r\nSELECT\r\n  2;\r\n'), ['SELECT 1;', 'SELECT\r\n  2;']);
  const bom = '\uFEFFSELECT 1;';
  assert.deepEqual(splitStatements(bom).statements[0].span, { start: 1, end: bom.length });
  assert.deepEqual(split(''), []);
  assert.deepEqual(split('  \n\t\r\n'), []);
  assert.deepEqual(split('-- only\n/* comments */ ;;\n'), []);
});

test('split: the last statement may lack its semicolon; trailing comments stay outside', () => {
  const r = splitStatements('SELECT 1;\nSELECT 2 -- done\n');
  assert.deepEqual(split('SELECT 1;\nSELECT 2 -- done\n'), ['SELECT 1;', 'SELECT 2']);
  assert.equal(r.statements[1].end, 'eof');
});

test('split: runner markers end statements (goose, Drizzle) and are comments', () => {
  const goose = '-- +goose Up\n-- +goose StatementBegin\nALTER TABLE a ADD b int\n-- +goose StatementEnd\n-- +goose Down\nALTER TABLE a DROP b;\n';
  assert.deepEqual(split(goose), ['ALTER TABLE a ADD b int', 'ALTER TABLE a DROP b;']);
  assert.equal(splitStatements(goose).statements[0].end, 'marker');
  const drizzle = 'CREATE TABLE a (x int);--> statement-breakpoint\nCREATE INDEX a_x ON a (x);';
  assert.deepEqual(split(drizzle), ['CREATE TABLE a (x int);', 'CREATE INDEX a_x ON a (x);']);
  assert.deepEqual(splitStatements(drizzle).comments.map((c) => c.body), ['> statement-breakpoint']);
});

test('split: an unclosed parenthesis does not swallow the rest of the file', () => {
  assert.deepEqual(split('CREATE TABLE t (a int;\nSELECT 1;\nSELECT (2);'), ['CREATE TABLE t (a int;', 'SELECT 1;', 'SELECT (2);']);
  // Balanced parentheses keep psql's behaviour: a `;` inside them does not split (rule actions).
  assert.deepEqual(split('CREATE RULE r AS ON INSERT TO t DO ALSO (SELECT 1; SELECT 2);\nSELECT 3;'), [
    'CREATE RULE r AS ON INSERT TO t DO ALSO (SELECT 1; SELECT 2);',
    'SELECT 3;',
  ]);
});

test('split: template placeholders outside strings and comments', () => {
  const templated = (t: string) => splitStatements(t).templated;
  assert.equal(templated('CREATE TABLE {{ .Schema }}.t (a int);'), true);
  assert.equal(templated('CREATE INDEX i ON "{{ index .Options "Namespace" }}".users (a);'), true);
  assert.equal(templated('CREATE FUNCTION @extschema@.f() RETURNS int AS $$ SELECT 1 $$ LANGUAGE sql;'), true);
  assert.equal(templated('CREATE TABLE ${flyway:defaultSchema}.t (a int);'), true);
  assert.equal(templated("SELECT '{{1,2},{3,4}}'::int[][], '${x}'; -- {{ not }} @me@"), false);
  assert.equal(templated('SELECT a @> b, c <@ d;'), false);
});

test('split: MySQL strings, # comments and DELIMITER blocks', () => {
  const text = "INSERT INTO t VALUES ('it\\'s; x', \"a;b\"); # note; here\nDELIMITER $$\nCREATE TRIGGER tr BEFORE INSERT ON t FOR EACH ROW BEGIN SET NEW.a = 1; END$$\nDELIMITER ;\nSELECT 1;";
  assert.deepEqual(split(text, 'mysql'), [
    "INSERT INTO t VALUES ('it\\'s; x', \"a;b\");",
    'CREATE TRIGGER tr BEFORE INSERT ON t FOR EACH ROW BEGIN SET NEW.a = 1; END',
    'SELECT 1;',
  ]);
});

test('split: SQLite trigger bodies and backticks', () => {
  const text = 'CREATE TRIGGER t AFTER INSERT ON a BEGIN UPDATE b SET x = 1; END;\nCREATE TABLE `c` (`id` integer);';
  assert.deepEqual(split(text, 'sqlite'), ['CREATE TRIGGER t AFTER INSERT ON a BEGIN UPDATE b SET x = 1; END;', 'CREATE TABLE `c` (`id` integer);']);
  const st = splitStatements(text, 'sqlite').statements[1];
  assert.deepEqual(st.backticks?.map((b) => text[b]), ['`', '`', '`', '`']);
});

test('split: binary junk never throws', () => {
  let seed = 7;
  const rand = () => (seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648;
  for (let n = 0; n < 200; n++) {
    let s = '';
    const len = Math.floor(rand() * 300);
    for (let i = 0; i < len; i++) s += String.fromCharCode(Math.floor(rand() * (rand() < 0.1 ? 0xffff : 128)));
    s += ['', "'", '"', '$a$', '/*', '(', 'E\'\\', '\\', '\u0000'][n % 9];
    for (const d of ['postgresql', 'mysql', 'sqlite'] as Dialect[]) {
      const r = splitStatements(s, d);
      for (const st of r.statements) {
        assert.ok(st.span.start >= 0 && st.span.start < st.span.end && st.span.end <= s.length);
      }
    }
  }
});

test('sqlite3 shell dot-commands between statements are client commands, not SQL', () => {
  const text = '.timeout 30000\n\nBEGIN TRANSACTION;\nALTER TABLE a ADD COLUMN b text;\nCOMMIT;\n';
  const r = splitStatements(text, 'sqlite');
  assert.deepEqual(r.statements.map((s) => text.slice(s.span.start, s.span.end)), ['BEGIN TRANSACTION;', 'ALTER TABLE a ADD COLUMN b text;', 'COMMIT;']);
  assert.deepEqual(r.skipped.map((s) => text.slice(s.span.start, s.span.end)), ['.timeout 30000']);
  // Only SQLite's shell has them; elsewhere a line starting with a dot stays part of the statement text.
  assert.equal(splitStatements(text, 'postgresql').skipped.length, 0);
});
