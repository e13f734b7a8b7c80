/**
 * A migration a fix creates never reuses a version and comes strictly after the newest one, for every
 * runner that creates migrations: the new file, added to the project, is found in the same set, is the last
 * up migration in the runner's own order, and no other migration has its version.
 */
import assert from 'node:assert/strict';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { findMigrationSet, upFiles, type MigrationSet } from '../../server/src/workspace/migrations';
import { siblingMigration } from '../../server/src/workspace/runners';
import { versionAfter } from '../../server/src/workspace/runners/layout';
import { MemoryHost } from '../helpers/rule-tester';

const root = path.resolve('/ws');

interface Project {
  runner: string;
  files: Record<string, string>;
  /** The migration the fix starts from (not the newest, to show the new one does not go right after it). */
  from: string;
  /** The new migration's name in its set. */
  expect: string;
}

const PROJECTS: Project[] = [
  {
    runner: 'goose',
    files: { 'db/00001_a.sql': '-- +goose Up\n', 'db/00002_b.sql': '-- +goose Up\n', 'db/00010_c.sql': '-- +goose Up\n' },
    from: 'db/00002_b.sql',
    expect: '00011_b_concurrently.sql',
  },
  {
    runner: 'dbmate',
    files: { 'db/migrations/20240101120000_a.sql': '-- migrate:up\n', 'db/migrations/20240131235959_b.sql': '-- migrate:up\n' },
    from: 'db/migrations/20240101120000_a.sql',
    expect: '20240201000000_a_concurrently.sql',
  },
  {
    runner: 'sql-migrate',
    files: { 'm/1_a.sql': '-- +migrate Up\n', 'm/2_b.sql': '-- +migrate Up\n' },
    from: 'm/1_a.sql',
    expect: '3_a_concurrently.sql',
  },
  {
    runner: 'sqlx',
    files: { 'Cargo.toml': '', 'migrations/20240101000000_a.sql': '', 'migrations/20240102000000_b.sql': '' },
    from: 'migrations/20240101000000_a.sql',
    expect: '20240102000001_a_concurrently.sql',
  },
  {
    runner: 'golang-migrate',
    files: { 'db/000001_a.up.sql': '', 'db/000001_a.down.sql': '', 'db/000009_b.up.sql': '', 'db/000009_b.down.sql': '' },
    from: 'db/000001_a.up.sql',
    expect: '000010_a_concurrently.up.sql',
  },
  {
    runner: 'flyway',
    files: { 'sql/V1__a.sql': '', 'sql/V1.9__b.sql': '', 'sql/R__views.sql': '' },
    from: 'sql/V1__a.sql',
    expect: 'V1.10__a_concurrently.sql',
  },
  {
    runner: 'diesel',
    files: { 'migrations/20170701000000_y/up.sql': '', 'migrations/2017-08-01-000000_x/up.sql': '', 'migrations/2017-08-01-000000_x/down.sql': '' },
    from: 'migrations/20170701000000_y/up.sql',
    expect: '2017-08-01-000001_y_concurrently/up.sql',
  },
  {
    runner: 'pop',
    files: {
      'persistence/sql/migrations/20240101000000000000_a.up.sql': '',
      'persistence/sql/migrations/20240101000000000000_a.down.sql': '',
      'persistence/sql/migrations/20240612222110000001_b.autocommit.up.sql': '',
      'persistence/sql/migrations/20240612222110000001_b.mysql.up.sql': '',
    },
    from: 'persistence/sql/migrations/20240101000000000000_a.up.sql',
    expect: '20240612222110000002_a_concurrently.postgres.autocommit.up.sql',
  },
  {
    runner: 'prisma',
    files: { 'prisma/migrations/20240101000000_a/migration.sql': '', 'prisma/migrations/20240105000000_b/migration.sql': '' },
    from: 'prisma/migrations/20240101000000_a/migration.sql',
    expect: '20240105000001_a_concurrently/migration.sql',
  },
  {
    runner: 'plain',
    files: { 'db/migrations/0001_a.sql': '', 'db/migrations/0002_b.sql': '', 'db/migrations/0009_c.sql': '' },
    from: 'db/migrations/0002_b.sql',
    expect: '0010_b_concurrently.sql',
  },
  {
    runner: 'plain',
    files: { 'schema/versioned/v1.2/a.sql': '', 'schema/versioned/v1.10/b.sql': '', 'schema/versioned/v1.9/c.sql': '' },
    from: 'schema/versioned/v1.2/a.sql',
    expect: 'v1.11/a_concurrently.sql',
  },
  {
    runner: 'plain',
    files: { 'db/deltas/1/a.sql': '', 'db/deltas/2/b.sql': '' },
    from: 'db/deltas/1/a.sql',
    expect: '3/a_concurrently.sql',
  },
  {
    runner: 'plain',
    files: { 'gravity/1_to_2.sql': '', 'gravity/2_to_3.sql': '', 'gravity/9_to_10.sql': '' },
    from: 'gravity/2_to_3.sql',
    expect: '10_to_11.sql',
  },
  {
    runner: 'plain',
    files: { 'sql/app-1.2.sql': '', 'sql/app-1.9.sql': '', 'sql/app-1.10.sql': '' },
    from: 'sql/app-1.2.sql',
    expect: 'app-1.11.sql',
  },
];

function load(files: Record<string, string>): MemoryHost {
  const h = new MemoryHost();
  for (const [p, t] of Object.entries(files)) h.files.set(path.join(root, p), t);
  return h;
}

const digits = (v: string) => v.replace(/\D/g, '');

describe('a new migration never reuses a version and comes after the newest, for each runner', () => {
  for (const p of PROJECTS) {
    it(`${p.runner}: ${p.expect}`, () => {
      const host = load(p.files);
      const set = findMigrationSet(path.join(root, p.from), host)!;
      assert.equal(set.runner, p.runner);
      const from = set.files.find((f) => f.fsPath === path.join(root, p.from))!;
      const made = siblingMigration(set, from, 'concurrently');
      assert.ok(made, 'no new migration');
      assert.equal(made.name, p.expect);
      // Add it to the project: the runner finds it in the same set, last, with a version of its own.
      for (const f of made.files) host.files.set(f.fsPath, f.content.replace('{{SQL}}', 'CREATE INDEX CONCURRENTLY i ON t (x);'));
      const after: MigrationSet = findMigrationSet(made.files[0].fsPath, host)!;
      assert.equal(after.root, set.root);
      const ups = upFiles(after).filter((f) => f.version !== '');
      const added = ups[ups.length - 1];
      assert.equal(added.fsPath, made.files[0].fsPath, 'the new migration is the newest');
      const mine = new Set(made.files.map((f) => f.fsPath));
      assert.deepEqual(after.files.filter((f) => !mine.has(f.fsPath) && digits(f.version) === digits(added.version)), [], 'its version is its own');
      // A second fix goes after that one in turn.
      const again = siblingMigration(after, from, 'concurrently');
      assert.ok(again && again.name !== made.name);
      assert.ok(!after.files.some((f) => f.fsPath === again.files[0].fsPath));
    });
  }

  it('none for extension update scripts: all of them run in the transaction of ALTER EXTENSION', () => {
    const host = load({ 'ext/updates/1.0--1.1.sql': '', 'ext/updates/1.1--1.2.sql': '' });
    const set = findMigrationSet(path.join(root, 'ext/updates/1.1--1.2.sql'), host)!;
    assert.equal(siblingMigration(set, set.files[0], 'concurrently'), undefined);
  });

  it('the version after one is written the way it is', () => {
    assert.equal(versionAfter('0009'), '0010');
    assert.equal(versionAfter('20240131235959'), '20240201000000', 'a timestamp, one second later');
    assert.equal(versionAfter('20241231'), '20250101', 'a date, one day later');
    assert.equal(versionAfter('2017-08-01-000000'), '2017-08-01-000001');
    assert.equal(versionAfter('1.9'), '1.10');
    assert.equal(versionAfter('20241029153900000001'), '20241029153900000002', 'pop: a number, not a timestamp');
    assert.equal(versionAfter('99'), '100');
    assert.equal(versionAfter('abc'), undefined);
  });
});
