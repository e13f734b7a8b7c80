/**
 * Snapshots share tables with the schema they were taken from (model/snapshot.ts): a later statement
 * must copy a table before changing it. Each history below is replayed one statement at a time with a
 * snapshot after every statement; at the end every snapshot must still read as it did when taken, and
 * the end state must be the one a replay without snapshots reaches. With ../shared/corpus present, the
 * largest PostgreSQL files there go through the same check.
 */
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { before, describe, it } from 'node:test';
import { applyChanges } from '../../server/src/model/apply';
import { emptySchema, type Dialect, type Schema } from '../../server/src/model/schema';
import { snapshot, snapshotWork } from '../../server/src/model/snapshot';
import { ensureSqlParser } from '../../server/src/sql';
import { statementChanges } from '../../server/src/sql/build';
import { parseSqlFile } from '../../server/src/sql/file';
import { corpusRoot, NO_CORPUS } from '../helpers/paths';

before(() => ensureSqlParser());

function picture(schema: Schema): string {
  return JSON.stringify({ tables: [...schema.tables.entries()], enums: [...schema.enums.entries()] });
}

/**
 * Replays `sql` with a snapshot after every statement; returns what the snapshots read as when taken and
 * at the end (at most `pictures` of them, evenly spread, so a file of thousands of statements stays linear).
 */
function replayWithSnapshots(sql: string, dialect: Dialect, uri = 'file:///h.sql', pictures = Infinity): { taken: string[]; now: string[]; end: string; plain: string } {
  const parse = parseSqlFile({ uri, text: sql }, dialect);
  const live = emptySchema(dialect);
  const kept: Schema[] = [];
  const taken: string[] = [];
  const every = Math.max(1, Math.ceil(parse.statements.length / pictures));
  for (const [i, st] of parse.statements.entries()) {
    applyChanges(live, statementChanges(st, { uri, dialect }));
    const s = snapshot(live);
    if (i % every !== 0) continue;
    kept.push(s);
    taken.push(picture(s));
  }
  const plain = emptySchema(dialect);
  for (const st of parse.statements) applyChanges(plain, statementChanges(st, { uri, dialect }));
  return { taken, now: kept.map(picture), end: picture(live), plain: picture(plain) };
}

const HISTORIES: { name: string; dialect: Dialect; sql: string }[] = [
  {
    name: 'PostgreSQL: every kind of change, to tables that earlier snapshots hold',
    dialect: 'postgresql',
    sql: [
      "CREATE TYPE mood AS ENUM ('ok');",
      'CREATE TABLE users (id bigint PRIMARY KEY, email text UNIQUE, mood mood, code char(4));',
      "CREATE TABLE posts (id bigint PRIMARY KEY, author_id bigint REFERENCES users, body text CHECK (body <> ''));",
      'CREATE TABLE tags (id bigint PRIMARY KEY, post_id bigint, CONSTRAINT tags_post_fk FOREIGN KEY (post_id) REFERENCES posts (id));',
      'CREATE TABLE posts_copy (LIKE posts);',
      'CREATE TABLE events (id bigint, at timestamptz) PARTITION BY RANGE (at);',
      "CREATE TABLE events_2026 PARTITION OF events FOR VALUES FROM ('2026-01-01') TO ('2027-01-01');",
      "ALTER TABLE users ADD COLUMN name text NOT NULL DEFAULT '';",
      'ALTER TABLE users ALTER COLUMN name DROP DEFAULT, ALTER COLUMN code TYPE text, ALTER COLUMN email SET NOT NULL;',
      'ALTER TABLE users RENAME COLUMN id TO user_id;',
      'CREATE INDEX posts_author_idx ON posts (author_id);',
      'ALTER INDEX posts_author_idx RENAME TO posts_author_id_idx;',
      'ALTER TABLE posts RENAME CONSTRAINT posts_body_check TO posts_body_nonempty;',
      'DROP INDEX posts_author_id_idx;',
      'ALTER TABLE posts RENAME TO articles;',
      'ALTER TABLE articles ADD CONSTRAINT articles_len CHECK (length(body) < 100) NOT VALID;',
      'ALTER TABLE articles VALIDATE CONSTRAINT articles_len;',
      'ALTER TABLE articles DROP CONSTRAINT articles_pkey;',
      'ALTER TABLE articles ENABLE ROW LEVEL SECURITY;',
      'CREATE POLICY own ON articles USING (true);',
      'ALTER POLICY own ON articles RENAME TO owner_only;',
      "COMMENT ON TABLE users IS 'people';",
      "COMMENT ON COLUMN users.email IS 'login';",
      "ALTER TYPE mood ADD VALUE 'sad';",
      "ALTER TYPE mood RENAME VALUE 'ok' TO 'fine';",
      'ALTER TABLE users DROP COLUMN email;',
      'ALTER TABLE users DROP COLUMN user_id CASCADE;',
      'DROP TABLE articles CASCADE;',
      'ALTER TABLE tags ADD COLUMN user_id bigint REFERENCES users (name);',
      'ALTER TABLE users RENAME COLUMN name TO display_name;',
      'ALTER TABLE users RENAME TO people;',
      'CREATE UNIQUE INDEX CONCURRENTLY people_display_idx ON people (display_name);',
      'ALTER TABLE people ADD CONSTRAINT people_display_key UNIQUE USING INDEX people_display_idx;',
      'DROP TYPE mood;',
      'CREATE TABLE logs (id bigint, note text, level int);',
      'CREATE INDEX logs_level_idx ON logs (level);',
      'ALTER TABLE logs ADD PRIMARY KEY (id);',
      "COMMENT ON COLUMN logs.level IS 'severity';",
      'ALTER TABLE logs ALTER COLUMN note SET NOT NULL;',
    ].join('\n'),
  },
  {
    name: 'SQLite: rebuilds, renames and drops',
    dialect: 'sqlite',
    sql: [
      'CREATE TABLE users (id INTEGER PRIMARY KEY AUTOINCREMENT, email TEXT UNIQUE);',
      'CREATE TABLE posts (id INTEGER PRIMARY KEY, author_id INTEGER REFERENCES users (id));',
      'CREATE INDEX posts_author ON posts (author_id);',
      'ALTER TABLE users ADD COLUMN name TEXT;',
      'ALTER TABLE users RENAME COLUMN email TO mail;',
      'CREATE TABLE new_posts (id INTEGER PRIMARY KEY, author_id INTEGER REFERENCES users (id), body TEXT);',
      'INSERT INTO new_posts (id, author_id) SELECT id, author_id FROM posts;',
      'DROP TABLE posts;',
      'ALTER TABLE new_posts RENAME TO posts;',
      'DROP INDEX IF EXISTS posts_author;',
      'ALTER TABLE users DROP COLUMN name;',
    ].join('\n'),
  },
  {
    name: 'MySQL: modify, change and rename',
    dialect: 'mysql',
    sql: [
      'CREATE TABLE `users` (`id` int NOT NULL AUTO_INCREMENT, `email` varchar(191), PRIMARY KEY (`id`)) ENGINE=InnoDB;',
      'CREATE TABLE posts (id int PRIMARY KEY, author_id int, FOREIGN KEY (author_id) REFERENCES users (id));',
      'ALTER TABLE users MODIFY email varchar(255) NOT NULL, ADD KEY email_idx (email);',
      'ALTER TABLE posts CHANGE author_id writer_id int;',
      'ALTER TABLE users RENAME INDEX email_idx TO users_email_idx;',
      'RENAME TABLE posts TO articles;',
      'ALTER TABLE articles DROP FOREIGN KEY articles_ibfk_1;',
      'DROP TABLE users;',
    ].join('\n'),
  },
];

describe('schema snapshots share tables and never change', () => {
  for (const h of HISTORIES) {
    it(h.name, () => {
      const copied = snapshotWork.tablesCopied;
      const { taken, now, end, plain } = replayWithSnapshots(h.sql, h.dialect);
      assert.ok(taken.length >= 8);
      for (const [i, t] of taken.entries()) assert.equal(now[i], t, `the snapshot after statement ${i + 1} changed later`);
      assert.equal(end, plain, 'snapshots change nothing in what the replay ends with');
      // Tables are copied only when changed after a snapshot: far fewer copies than tables times snapshots.
      const tables = JSON.parse(end).tables.length as number;
      assert.ok(snapshotWork.tablesCopied - copied < taken.length * Math.max(tables, 3), `${snapshotWork.tablesCopied - copied} copies`);
    });
  }

  it('a table copied for a change that leaves its columns alone keeps their objects; a column change copies them', () => {
    const uri = 'file:///c.sql';
    const live = emptySchema('postgresql');
    const apply = (sql: string) => {
      for (const st of parseSqlFile({ uri, text: sql }, 'postgresql').statements) applyChanges(live, statementChanges(st, { uri, dialect: 'postgresql' }));
    };
    apply('CREATE TABLE t (id bigint PRIMARY KEY, note text, level int);');
    const first = snapshot(live);
    const columns = snapshotWork.columnsCopied;
    apply("CREATE INDEX t_level_idx ON t (level); COMMENT ON TABLE t IS 'logs';");
    const second = snapshot(live);
    assert.notEqual(live.tables.get('t'), first.tables.get('t'), 'the table is copied');
    assert.equal(live.tables.get('t')!.columns[1], first.tables.get('t')!.columns[1], 'its columns are not');
    assert.equal(live.tables.get('t')!.indexes[0], first.tables.get('t')!.indexes[0], 'nor its primary key');
    assert.equal(snapshotWork.columnsCopied, columns);
    const parts = snapshotWork.partsCopied;
    apply('ALTER INDEX t_level_idx RENAME TO t_level_ix;');
    assert.equal(snapshotWork.partsCopied, parts + 1, 'renaming an index copies the indexes');
    assert.deepEqual(second.tables.get('t')!.indexes.map((i) => i.name), ['t_pkey', 't_level_idx'], 'the second snapshot still reads as taken');
    apply('ALTER TABLE t ALTER COLUMN note SET NOT NULL;');
    assert.equal(snapshotWork.columnsCopied, columns + 3);
    assert.equal(live.tables.get('t')!.columns[1].nullable, false);
    assert.equal(first.tables.get('t')!.columns[1].nullable, true, 'the first snapshot still reads as taken');
    assert.equal(second.tables.get('t')!.columns[1].nullable, true, 'and so does the second');
  });

  it("a table built by a statement holds the reading's columns; changing them leaves the reading as read", () => {
    const uri = 'file:///r.sql';
    const parse = parseSqlFile({ uri, text: "CREATE TABLE t (id bigint PRIMARY KEY, note varchar(20), level int DEFAULT 1);\nCOMMENT ON COLUMN t.level IS 'how deep';\nALTER TABLE t ALTER COLUMN note SET NOT NULL, ALTER COLUMN note TYPE text, ALTER COLUMN level DROP DEFAULT;\nALTER TABLE t RENAME COLUMN level TO depth;\nALTER TABLE t ADD COLUMN at timestamptz;\nALTER TABLE t ALTER COLUMN at SET DEFAULT now();" }, 'postgresql');
    const changesOf = (i: number) => statementChanges(parse.statements[i], { uri, dialect: 'postgresql' });
    const readings = parse.statements.map((_, i) => JSON.stringify(changesOf(i)));
    const replay = () => {
      const live = emptySchema('postgresql');
      for (const i of parse.statements.keys()) {
        applyChanges(live, changesOf(i));
        if (i === 0) {
          const created = changesOf(0)[0];
          assert.ok(created.op === 'create-table');
          const column = created.parts.find((p) => 'column' in p && p.column.name === 'note');
          assert.equal(live.tables.get('t')!.columns[1], column && 'column' in column ? column.column : undefined, "the table holds the reading's column");
        }
      }
      return live;
    };
    const end = picture(replay());
    assert.deepEqual(parse.statements.map((_, i) => JSON.stringify(changesOf(i))), readings, 'every reading reads as it did');
    const t = JSON.parse(end).tables[0][1];
    assert.deepEqual(
      t.columns.map((c: { name: string; type: { name: string }; nullable?: boolean; default?: unknown; comment?: string }) => [c.name, c.type.name, c.nullable ?? true, c.default !== undefined, c.comment]),
      [['id', 'int8', false, false, undefined], ['note', 'text', false, false, undefined], ['depth', 'int4', true, false, 'how deep'], ['at', 'timestamptz', true, true, undefined]],
    );
    assert.equal(picture(replay()), end, 'a second replay of the same readings ends where the first did');
  });

  it('the largest PostgreSQL files of the shared corpus', { skip: !corpusRoot && NO_CORPUS }, () => {
    const root = corpusRoot!;
    const manifest = fs.readFileSync(path.join(root, 'MANIFEST.tsv'), 'utf8').split('\n');
    const files = manifest
      .map((line) => line.split('\t'))
      .filter((cols) => cols[0]?.endsWith('.sql') && cols[2] === 'postgresql')
      .map((cols) => path.join(root, cols[0]))
      .filter((f) => fs.existsSync(f))
      .sort((a, b) => fs.statSync(b).size - fs.statSync(a).size)
      .slice(0, 6);
    assert.ok(files.length > 0);
    for (const f of files) {
      const sql = fs.readFileSync(f, 'utf8');
      const { taken, now, end, plain } = replayWithSnapshots(sql, 'postgresql', `file://${f}`, 60);
      const changed = taken.findIndex((t, i) => now[i] !== t);
      assert.equal(changed, -1, `${path.relative(root, f)}: snapshot ${changed + 1} changed later`);
      assert.equal(end, plain, path.relative(root, f));
    }
  });
});
