/**
 * A statement's AST is the largest part of what a parsed file keeps, and nothing reads it once the statement's
 * two readings (what it does, what it changes) are worked out: the parse cache lets it go then (sql/parse.ts
 * `release`), and parses the statement again if something asks for it later.
 */
import assert from 'node:assert/strict';
import { before, test } from 'node:test';
import { parseSync } from 'libpg-query';
import { ensureSqlParser } from '../../server/src/sql';
import { statementChanges } from '../../server/src/sql/build';
import { parseSqlFile } from '../../server/src/sql/file';
import { parseCacheAsts, parseWork, releaseReadAsts } from '../../server/src/sql/parse';
import { StatementView } from '../../server/src/sql/statements';

before(() => {
  releaseReadAsts(true);
  return ensureSqlParser();
});

/** Texts no other test in this process parses (the cache is keyed by statement text). */
const TEXT = `CREATE TABLE release_a (id bigint PRIMARY KEY, name text NOT NULL);
CREATE INDEX release_a_name_idx ON release_a (name);
ALTER TABLE release_a ADD COLUMN note varchar(20);
DO $$ BEGIN CREATE TABLE release_b (id int); END $$;
CREATE SEQUENCE release_seq;
CREATE TABLE release_a (broken;
`;

test('a statement read both ways keeps no AST, and gets the same one back when asked', () => {
  const uri = 'file:///release/a.sql';
  const asts = parseCacheAsts();
  const file = parseSqlFile({ uri, text: TEXT }, 'postgresql');
  const parsed = file.statements.filter((st) => !st.container && !st.error);
  assert.equal(parsed.length, 5);
  assert.equal(parseCacheAsts(), asts + parsed.length);
  // One reading alone keeps the AST: the other still needs it.
  for (const st of parsed) void new StatementView(st, uri, 'postgresql').info;
  assert.equal(parseCacheAsts(), asts + parsed.length);
  for (const st of parsed) statementChanges(st, { uri, dialect: 'postgresql' });
  // Each statement's AST released; the statement inside the DO block, parsed while its block was read, keeps its own.
  assert.equal(parseCacheAsts(), asts + 1, 'every AST released');
  const reparsed = parseWork.reparsed;
  for (const st of parsed) assert.deepEqual(st.stmt, parseSync(st.text).stmts?.[0]?.stmt, st.text);
  assert.equal(parseWork.reparsed, reparsed + parsed.length);
  // What was worked out before is what a reading of the AST parsed again gives.
  const again = parseSqlFile({ uri: 'file:///release/b.sql', text: TEXT }, 'postgresql');
  const read = (st: (typeof parsed)[number], u: string) =>
    JSON.stringify({ info: new StatementView(st, u, 'postgresql').info, changes: statementChanges(st, { uri: u, dialect: 'postgresql' }) }).split(u).join('URI');
  again.statements.filter((st) => !st.container && !st.error).forEach((st, k) => assert.equal(read(st, 'file:///release/b.sql'), read(parsed[k], uri)));
  // The statement the parser rejected has no AST, and is never parsed again for one.
  const bad = file.statements.find((st) => st.error)!;
  assert.equal(bad.stmt, undefined);
  assert.equal(parseWork.reparsed, reparsed + parsed.length);
});

test('a check run keeps the ASTs: it reads the same statement text in several files and engines', () => {
  releaseReadAsts(false);
  try {
    const text = 'CREATE TABLE release_kept (id bigint PRIMARY KEY);\nCREATE INDEX release_kept_idx ON release_kept (id);\n';
    const asts = parseCacheAsts();
    const reparsed = parseWork.reparsed;
    for (const [uri, dialect] of [['file:///release/pg.sql', 'postgresql'], ['file:///release/crdb.sql', 'cockroachdb'], ['file:///release/pg2.sql', 'postgresql']] as const) {
      for (const st of parseSqlFile({ uri, text }, dialect).statements) {
        void new StatementView(st, uri, dialect).info;
        statementChanges(st, { uri, dialect });
      }
    }
    assert.equal(parseCacheAsts(), asts + 2);
    assert.equal(parseWork.reparsed, reparsed, 'nothing parsed again');
  } finally {
    releaseReadAsts(true);
  }
});
