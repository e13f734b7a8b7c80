import assert from 'node:assert/strict';
import { test } from 'node:test';
import { detectSqlDialect, dialectFromPath, isTemplated } from '../../server/src/sql';

test('dialect: configuration wins over path and content', () => {
  assert.equal(detectSqlDialect('file:///db/mysql/1.sql', 'CREATE TABLE `t` (a int);', 'postgresql'), 'postgresql');
});

test('dialect: path segments and file-name suffixes, nearest first', () => {
  const cases: [string, string | undefined][] = [
    ['file:///app/db/postgres/001_init.sql', 'postgresql'],
    ['file:///app/migrations/pg/001.sql', 'postgresql'],
    ['file:///app/sqlite3/schema.sql', 'sqlite'],
    ['file:///app/migrations/20200830_identities.mysql.up.sql', 'mysql'],
    ['file:///app/migrations/20200830_identities.sqlite3.down.sql', 'sqlite'],
    ['file:///app/migrations/x.cockroach.up.sql', 'cockroachdb'],
    ['file:///app/schema.sql.sqlite', 'sqlite'],
    ['file:///app/postgres/x.sqlite.sql', 'sqlite'],
    ['file:///app/sakila/mariadb-sakila-db/schema.sql', 'mysql'],
    ['file:///app/migrations/0001_init/up.sql', undefined],
    ['file:///C%3A/work/mysql/up.sql', 'mysql'],
  ];
  for (const [uri, want] of cases) assert.equal(dialectFromPath(uri), want, uri);
});

test('dialect: content telltales, comments ignored, PostgreSQL by default', () => {
  const d = (text: string) => detectSqlDialect('file:///app/migrations/1.sql', text);
  assert.equal(d('CREATE TABLE t (id int PRIMARY KEY);'), 'postgresql');
  assert.equal(d('CREATE TABLE `t` (`id` int);'), 'mysql');
  assert.equal(d('CREATE TABLE t (id int) ENGINE=InnoDB;'), 'mysql');
  assert.equal(d('CREATE TABLE t (id int UNSIGNED NOT NULL AUTO_INCREMENT);'), 'mysql');
  assert.equal(d('CREATE TABLE t (\n  id int,\n  KEY t_id (id)\n);'), 'mysql');
  assert.equal(d('CREATE TABLE t (\n  id int,\n  UNIQUE INDEX t_id (id)\n);'), 'mysql');
  assert.equal(d('CREATE TABLE t (id INTEGER PRIMARY KEY AUTOINCREMENT);'), 'sqlite');
  assert.equal(d('PRAGMA foreign_keys = ON;'), 'sqlite');
  assert.equal(d('CREATE TABLE t (a text) WITHOUT ROWID;'), 'sqlite');
  assert.equal(d('CREATE TABLE t (a text) STRICT;'), 'sqlite');
  assert.equal(d('INSERT OR IGNORE INTO t VALUES (1);'), 'sqlite');
  assert.equal(d('-- unlike MySQL we need no AUTO_INCREMENT or `backticks`\nCREATE TABLE t (id serial);'), 'postgresql');
  assert.equal(d('CREATE UNIQUE INDEX t_id ON t (id);'), 'postgresql');
  // Real PostgreSQL migrations quote code in strings and function bodies.
  assert.equal(d("COMMENT ON TABLE t IS 'seeded from the `resources` option';"), 'postgresql');
  assert.equal(d('DO $$ BEGIN\n  -- keeps `expiresAt` honest\n  PERFORM 1;\nEND $$;'), 'postgresql');
});

test('dialect: templated files', () => {
  assert.equal(isTemplated('ALTER TABLE {{ index .Options "Namespace" }}.users ADD a int;'), true);
  assert.equal(isTemplated('SELECT @extschema@.f();'), true);
  assert.equal(isTemplated("SELECT '{{}}'::int[][];"), false);
});
