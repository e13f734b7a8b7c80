/**
 * A large file split chunk by chunk (sql/split-file.ts) gives exactly what `splitStatements` gives on the whole
 * text: on generated files full of what can leave a chunk open (function bodies, comments and strings over
 * `;` line ends, COPY data, an unclosed parenthesis, runner markers), on each SQL file of the corpus for its
 * engine, and after edits; and after an edit only the chunk typed in is split again.
 */
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import type { Dialect } from '../../server/src/model/schema';
import { splitStatements, splitWork } from '../../server/src/sql/split';
import { splitFile } from '../../server/src/sql/split-file';
import { manifest } from '../helpers/manifest';
import { corpusRoot, NO_CORPUS } from '../helpers/paths';

/** A file of `n` groups of statements, each group with something that may leave a chunk open. */
function tricky(n: number, run = ''): string {
  const parts: string[] = [];
  for (let i = 0; i < n; i++) {
    parts.push(`CREATE TABLE t${run}${i} (\n  id bigint PRIMARY KEY,\n  name text NOT NULL\n);`);
    switch (i % 9) {
      case 0:
        parts.push(`CREATE FUNCTION f${i}() RETURNS void AS $$\nBEGIN\n  UPDATE t${i} SET name = 'x';\n  DELETE FROM t${i};\nEND;\n$$ LANGUAGE plpgsql;`);
        break;
      case 1:
        parts.push(`/* a block comment;\n   over lines; with semicolons;\n*/ CREATE INDEX t${i}_name ON t${i} (name);`);
        break;
      case 2:
        parts.push(`INSERT INTO t${i} (id, name) VALUES (1, 'a string;\nover a line;\n');`);
        break;
      case 3:
        parts.push(`COPY t${i} (id, name) FROM stdin;\n1\tone;\n2\ttwo;\n\\.`);
        break;
      case 4:
        parts.push(`-- +goose StatementBegin\nCREATE PROCEDURE p${i}() BEGIN ATOMIC\n  SELECT 1;\n  SELECT 2;\nEND;\n-- +goose StatementEnd`);
        break;
      case 5:
        parts.push(`COMMENT ON TABLE t${i} IS 'it''s; fine';`);
        break;
      case 6:
        parts.push(`ALTER TABLE t${i} ADD COLUMN c${i} integer;  `);
        break;
      case 7:
        parts.push(`CREATE VIEW v${i} AS SELECT "a;b" FROM t${i};`);
        break;
      default:
        parts.push(`-- a line comment; with a semicolon;\nSELECT ${i};`);
    }
  }
  return parts.join('\n') + '\n';
}

function same(text: string, dialect: Dialect, what: string): void {
  assert.deepEqual(splitFile(text, dialect, 0), splitStatements(text, dialect), what);
}

describe('splitting a large file chunk by chunk', () => {
  it('gives what splitting the whole text gives', () => {
    const text = tricky(2000);
    assert.ok(text.length > 200_000);
    same(text, 'postgresql', 'generated');
    same('\ufeff' + text, 'postgresql', 'with a byte order mark');
    // An unclosed parenthesis swallows every later `;` until the splitter goes back and splits at each one.
    const mid = text.indexOf('CREATE TABLE t1000 (');
    same(text.slice(0, mid) + 'SELECT (1;\n' + text.slice(mid), 'postgresql', 'an unclosed parenthesis');
    // A block comment left open runs to the end of the file.
    same(text.slice(0, mid) + '/* never closed;\n' + text.slice(mid), 'postgresql', 'an unclosed comment');
    same(text.slice(0, mid) + "SELECT 'never closed;\n" + text.slice(mid), 'postgresql', 'an unclosed string');
    same(text.replace(/"a;b"/g, '`a;b`'), 'mysql', 'MySQL');
    same(text, 'sqlite', 'SQLite');
    same(text.replace(/\n/g, '\r\n'), 'postgresql', 'CRLF');
    same(text.replace(/\n/g, ' '), 'postgresql', 'on one line');
    same(text.replace(/name/g, 'nämé_名前'), 'postgresql', 'non-ASCII names');
    // Binary junk: control characters, lone surrogates, quotes and semicolons at random.
    let seed = 3;
    const junk = Array.from({ length: 200_000 }, () => ((seed = (seed * 1103515245 + 12345) & 0x7fffffff), String.fromCharCode(seed % 5 === 0 ? 59 : seed % 7 === 0 ? 10 : seed % 11 === 0 ? 39 : seed % 0xdfff))).join('');
    same(junk, 'postgresql', 'binary junk');
    // psql variables set in the file change how later statements read: such a file is split whole.
    same('\\set schema app\n' + text.replace('SELECT 5;', 'SELECT :schema;'), 'postgresql', 'psql variables');
  });

  it('splits again only the chunk an edit is in', () => {
    const text = tricky(2000, 'edit');
    splitFile(text, 'postgresql');
    const at = text.indexOf('CREATE TABLE tedit1000 (') + 'CREATE TABLE tedit1000 ('.length;
    const edited = text.slice(0, at) + '\n  x integer,' + text.slice(at);
    const before = splitWork.chars;
    const split = splitFile(edited, 'postgresql');
    const chars = splitWork.chars - before;
    assert.ok(chars > 0 && chars < edited.length / 8, `split ${chars} of ${edited.length} characters again`);
    assert.deepEqual(split, splitStatements(edited, 'postgresql'));
  });

  it('gives what splitting the whole text gives on every SQL file of the corpus, for its engine (read in chunks whatever its size)', (t) => {
    if (!corpusRoot) {
      t.skip(NO_CORPUS);
      return;
    }
    let compared = 0;
    for (const row of manifest()) {
      if (row.kind !== 'sql') continue;
      const file = path.join(corpusRoot, row.path);
      const dialect: Dialect = row.dialect === 'mysql' || row.dialect === 'sqlite' ? row.dialect : 'postgresql';
      same(fs.readFileSync(file, 'utf8'), dialect, row.path);
      compared++;
    }
    assert.ok(compared > 8000, `${compared} files`);
  });
});
