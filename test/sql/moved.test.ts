/**
 * A statement that an edit above it moved keeps what was worked out from it (its description and its schema
 * changes, model/moved.ts), with every place moved by the edit's length. Held to a fresh reading of the same
 * statement at its new place: the same JSON (places worked out when first read included), on statements written
 * to reach each kind of reading and on a sample of the corpus's SQL files in the engine the corpus's answer key
 * gives them.
 */
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { before, test } from 'node:test';
import type { Dialect } from '../../server/src/model/schema';
import { ensureSqlParser, parseStatement, splitStatements, type ParsedStatement } from '../../server/src/sql';
import { statementChanges } from '../../server/src/sql/build';
import { parseSqlFile } from '../../server/src/sql/file';
import { parseWork, readingWork } from '../../server/src/sql/parse';
import { StatementView } from '../../server/src/sql/statements';
import { corpusRoot, NO_CORPUS } from '../helpers/paths';

before(() => ensureSqlParser());

/** What the rules and the replay read of a statement, places worked out when first read included. */
function reading(st: ParsedStatement, uri: string, dialect: Dialect): string {
  return JSON.stringify({ info: new StatementView(st, uri, dialect).info, changes: statementChanges(st, { uri, dialect }) });
}

/**
 * Reads `text`, then `text` with `typed` inserted at `at`: each statement after the edit must be read without being
 * worked out again, the same as a fresh reading of it (a statement object not seen before). Returns how many.
 */
function compareMoved(uri: string, text: string, dialect: Dialect, typed: string, at = 0): number {
  const first = parseSqlFile({ uri, text }, dialect);
  for (const st of first.statements) reading(st, uri, dialect);
  const next = text.slice(0, at) + typed + text.slice(at);
  const second = parseSqlFile({ uri, text: next }, dialect);
  const after = second.statements.filter((st) => !st.container && st.span.start >= at + typed.length);
  const worked = readingWork.worked;
  const moved = after.map((st) => reading(st, uri, dialect));
  assert.equal(readingWork.worked, worked, `${uri}: statements after the edit were worked out again`);
  const splits = new Map(splitStatements(next, dialect).statements.map((s) => [s.span.start, s]));
  after.forEach((st, k) => {
    const fresh = parseStatement(next, splits.get(st.span.start)!);
    assert.equal(fresh.length, 1);
    assert.equal(moved[k], reading(fresh[0], uri, dialect), `${uri} at ${st.span.start}: ${st.text.slice(0, 120)}`);
  });
  return after.length;
}

const STATEMENTS = `CREATE TABLE app.users (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  email varchar(320) NOT NULL UNIQUE,
  nick text COLLATE "C" DEFAULT lower('X'),
  serial_no serial,
  org_id bigint REFERENCES app.orgs (id) ON DELETE CASCADE,
  created_at timestamp NOT NULL DEFAULT now(),
  CONSTRAINT users_email_len CHECK (char_length(email) > 3),
  CONSTRAINT users_org_fk2 FOREIGN KEY (org_id) REFERENCES app.orgs (id)
);
CREATE TABLE app.events (LIKE app.users, extra jsonb) PARTITION BY RANGE (created_at);
CREATE TABLE app.events_2024 PARTITION OF app.events FOR VALUES FROM ('2024-01-01') TO ('2025-01-01');
CREATE UNIQUE INDEX CONCURRENTLY IF NOT EXISTS users_nick_idx ON app.users (lower(nick)) WHERE nick IS NOT NULL;
ALTER TABLE app.users ADD COLUMN age integer NOT NULL DEFAULT 0 CHECK (age >= 0), ALTER COLUMN nick SET NOT NULL, ALTER COLUMN nick SET DEFAULT 'x', ALTER COLUMN age TYPE bigint USING age::bigint, ADD CONSTRAINT users_org_fk FOREIGN KEY (org_id) REFERENCES app.orgs (id) NOT VALID;
ALTER TABLE app.users ADD CONSTRAINT users_email_key UNIQUE USING INDEX users_nick_idx;
ALTER TABLE app.users VALIDATE CONSTRAINT users_org_fk;
ALTER TABLE app.users RENAME COLUMN nick TO handle;
ALTER TABLE app.users RENAME TO people;
COMMENT ON COLUMN app.people.handle IS 'shown — to others';
CREATE TYPE mood AS ENUM ('sad', 'ok');
ALTER TYPE mood ADD VALUE 'happy' AFTER 'ok';
WITH gone AS (DELETE FROM app.people WHERE id = 2 RETURNING *) UPDATE app.people SET age = 1 WHERE id = (SELECT id FROM gone LIMIT 1);
DELETE FROM app.people;
SELECT p.*, count(*) FROM app.people p OFFSET 10;
EXPLAIN ANALYZE UPDATE app.people SET age = 2;
CREATE VIEW v AS SELECT p.* FROM app.people p;
CREATE MATERIALIZED VIEW mv AS SELECT * FROM app.people WITH NO DATA;
REFRESH MATERIALIZED VIEW CONCURRENTLY mv;
CREATE POLICY own ON app.people USING (id = 1);
ALTER TABLE app.people ENABLE ROW LEVEL SECURITY;
CREATE TRIGGER t BEFORE UPDATE ON app.people FOR EACH ROW EXECUTE FUNCTION f();
TRUNCATE app.people CASCADE;
VACUUM FULL app.people;
REINDEX TABLE CONCURRENTLY app.people;
CLUSTER app.people USING users_nick_idx;
DROP INDEX CONCURRENTLY users_nick_idx;
DROP TABLE IF EXISTS app.orgs CASCADE;
DO $$ BEGIN CREATE TABLE inner_t (a int); END $$;
SELEC broken;
CREATE TABLE broken_t (a int,;
CREATE TABLE "Ünïcode" ("naïve" text);
`;

const count = (text: string) => splitStatements(text).statements.length;

test('a moved PostgreSQL statement reads the same as a fresh reading at its new place', () => {
  assert.equal(compareMoved('file:///moved/pg.sql', STATEMENTS, 'postgresql', '-- a comment typed above\n'), count(STATEMENTS));
  // An edit in the middle: only the statements after it move.
  const at = STATEMENTS.indexOf('ALTER TABLE app.users RENAME TO');
  assert.equal(compareMoved('file:///moved/pg2.sql', STATEMENTS, 'postgresql', 'SELECT 1;\n', at), count(STATEMENTS.slice(at)));
  // Deleting moves them back.
  const cut = STATEMENTS.indexOf('COMMENT ON COLUMN');
  const length = STATEMENTS.indexOf('CREATE TYPE') - cut;
  const uri = 'file:///moved/pg3.sql';
  parseSqlFile({ uri, text: STATEMENTS }, 'postgresql').statements.forEach((st) => reading(st, uri, 'postgresql'));
  const moved = readingWork.moved;
  parseSqlFile({ uri, text: STATEMENTS.slice(0, cut) + STATEMENTS.slice(cut + length) }, 'postgresql');
  assert.ok(readingWork.moved - moved > 2 * 10);
});

test('moved MySQL and SQLite statements (their own readers, backticks) read the same as fresh ones', () => {
  const mysql = 'CREATE TABLE `t` (`id` int AUTO_INCREMENT PRIMARY KEY, `name` varchar(20) NOT NULL, KEY `name_idx` (`name`)) ENGINE=InnoDB;\nALTER TABLE `t` ADD COLUMN `c` text, MODIFY `name` varchar(40);\n';
  assert.equal(compareMoved('file:///moved/my.sql', mysql, 'mysql', '-- x\n'), 2);
  const sqlite = "CREATE TABLE t (id INTEGER PRIMARY KEY AUTOINCREMENT, n TEXT NOT NULL DEFAULT (datetime('now')));\nCREATE INDEX t_n ON t (n);\n";
  assert.equal(compareMoved('file:///moved/lite.sql', sqlite, 'sqlite', '-- x\n'), 2);
});

test('a moved statement is not parsed or worked out again, over edits in a row', () => {
  const uri = 'file:///moved/chain.sql';
  let text = STATEMENTS;
  parseSqlFile({ uri, text }, 'postgresql').statements.forEach((st) => reading(st, uri, 'postgresql'));
  for (let i = 0; i < 5; i++) {
    text = `-- ${i}\n${text}`;
    const parsed = parseWork.statements;
    const worked = readingWork.worked;
    const last = parseSqlFile({ uri, text }, 'postgresql').statements.at(-1)!;
    assert.equal(parseWork.statements, parsed, 'no statement parsed again');
    reading(last, uri, 'postgresql');
    assert.equal(readingWork.worked, worked, 'nothing worked out again');
  }
  // Places read after five moves are where the statement now is.
  const alter = parseSqlFile({ uri, text }, 'postgresql').statements.find((st) => st.text.startsWith('ALTER TABLE app.users ADD COLUMN age'))!;
  const info = new StatementView(alter, uri, 'postgresql').info;
  assert.equal(info.kind, 'alter-table');
  const at = text.indexOf('app.users ADD COLUMN age');
  assert.deepEqual((info as Extract<typeof info, { kind: 'alter-table' }>).table.at?.span, { start: at, end: at + 'app.users'.length });
});

test('corpus: moved statements read the same as fresh ones (a sample of the SQL files, their engine from the answer key)', (t) => {
  if (!corpusRoot) return t.skip(NO_CORPUS);
  const rows = fs.readFileSync(path.join(corpusRoot, 'MANIFEST.tsv'), 'utf8').split('\n').slice(1).map((l) => l.split('\t'));
  const sql = rows.filter((r) => r[1] === 'sql' && /^(postgresql|mysql|sqlite)$/.test(r[2]));
  let moved = 0;
  let files = 0;
  for (const [k, [file, , dialect]] of sql.entries()) {
    // Every 4th PostgreSQL file, and every MySQL and SQLite one (fewer, and read by their own readers).
    if (k % 4 !== 0 && dialect === 'postgresql') continue;
    const text = fs.readFileSync(path.join(corpusRoot, file), 'utf8');
    if (text.length > 400_000) continue;
    moved += compareMoved(`file:///corpus/${file}`, text, dialect as Dialect, '-- typed\n');
    files++;
  }
  assert.ok(files > 1000 && moved > 10_000, `${files} files, ${moved} moved statements compared`);
});
