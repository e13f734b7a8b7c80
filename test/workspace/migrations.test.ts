import assert from 'node:assert/strict';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { findMigrationSet, naturalCompare } from '../../server/src/workspace/migrations';
import { fileMode, RUNNER_IDS, runsInTransaction, siblingMigration } from '../../server/src/workspace/runners';
import { MemoryHost } from '../helpers/rule-tester';
import { SqlWorkspace } from '../../server/src/workspace/unit';
import * as fs from 'node:fs';
import { repoRoot } from '../helpers/paths';

const root = path.resolve('/ws');

function host(files: Record<string, string>): MemoryHost {
  const h = new MemoryHost();
  for (const [p, t] of Object.entries(files)) h.files.set(path.join(root, p), t);
  return h;
}

function names(files: Record<string, string>, target: string) {
  const set = findMigrationSet(path.join(root, target), host(files));
  assert.ok(set, `no set for ${target}`);
  return { runner: set.runner, files: set.files.map((f) => `${f.direction}:${path.relative(set.root, f.fsPath).split(path.sep).join('/')}`) };
}

describe('migration sets: found from the layout and markers, in the order the runner applies them', () => {
  it('Prisma Migrate: one folder per migration, by folder name', () => {
    const files = {
      'prisma/migrations/20240102000000_b/migration.sql': '',
      'prisma/migrations/20240101000000_a/migration.sql': '',
      'prisma/migrations/migration_lock.toml': 'provider = "postgresql"',
    };
    assert.deepEqual(names(files, 'prisma/migrations/20240102000000_b/migration.sql'), {
      runner: 'prisma',
      files: ['up:20240101000000_a/migration.sql', 'up:20240102000000_b/migration.sql'],
    });
  });

  it('Diesel: up.sql replayed, down.sql kept beside it but not replayed', () => {
    const files = { 'migrations/2019-02-26-002946_create_user/up.sql': '', 'migrations/2019-02-26-002946_create_user/down.sql': '', 'migrations/00000000000000_diesel_initial_setup/up.sql': '' };
    assert.deepEqual(names(files, 'migrations/2019-02-26-002946_create_user/down.sql'), {
      runner: 'diesel',
      files: ['up:00000000000000_diesel_initial_setup/up.sql', 'up:2019-02-26-002946_create_user/up.sql', 'down:2019-02-26-002946_create_user/down.sql'],
    });
  });

  it('Diesel: versions compared with their dashes removed, as Diesel does, not by folder name', () => {
    const files = { 'migrations/2017-08-01-000000_b/up.sql': '', 'migrations/20170701000000_a/up.sql': '', 'migrations/2017-09-01-000000_c/up.sql': '' };
    assert.deepEqual(names(files, 'migrations/2017-08-01-000000_b/up.sql'), {
      runner: 'diesel',
      files: ['up:20170701000000_a/up.sql', 'up:2017-08-01-000000_b/up.sql', 'up:2017-09-01-000000_c/up.sql'],
    });
  });

  it('golang-migrate: numeric versions, not text order; pop for Ory names', () => {
    const files = { 'db/10_c.up.sql': '', 'db/2_b.up.sql': '', 'db/2_b.down.sql': '', 'db/1_a.up.sql': '' };
    assert.deepEqual(names(files, 'db/2_b.up.sql'), { runner: 'golang-migrate', files: ['up:1_a.up.sql', 'up:2_b.up.sql', 'down:2_b.down.sql', 'up:10_c.up.sql'] });
    assert.equal(names({ 'm/20150101000001000000_networks.postgres.up.sql': '' }, 'm/20150101000001000000_networks.postgres.up.sql').runner, 'pop');
  });

  it("pop: a plain file among engine files is pop's (Ory's 14-digit folders), whichever file is read first", () => {
    const files = {
      'legacy/20191100000001_identities.mysql.up.sql': '',
      'legacy/20191100000001_identities.postgres.up.sql': '',
      'legacy/20191100000011_courier_body_type.postgres.up.sql': '',
      'legacy/20191100000011_courier_body_type.down.sql': '',
    };
    for (const target of Object.keys(files)) assert.equal(names(files, target).runner, 'pop', target);
    assert.deepEqual(names(files, 'legacy/20191100000011_courier_body_type.down.sql').files, [
      'up:20191100000001_identities.postgres.up.sql',
      'up:20191100000011_courier_body_type.postgres.up.sql',
      'down:20191100000011_courier_body_type.down.sql',
    ]);
  });

  it('pop: one detection serves every file of an engine history, so per-set facts are computed once', () => {
    const files: Record<string, string> = {};
    for (let i = 1; i <= 5; i++) {
      for (const e of ['mysql', 'postgres']) files[`m/2015010100000${i}000000_m${i}.${e}.up.sql`] = '';
      files[`m/2015010100000${i}000000_m${i}.down.sql`] = '';
    }
    const h = host(files) as MemoryHost & { revision(): number };
    h.revision = () => 1;
    const ws = new SqlWorkspace(h);
    const setOf = (p: string) => ws.setOf(path.join(root, p), {});
    const pg = setOf('m/20150101000001000000_m1.postgres.up.sql');
    assert.ok(pg);
    assert.equal(setOf('m/20150101000005000000_m5.postgres.up.sql'), pg, 'same engine: the same set object');
    assert.equal(setOf('m/20150101000003000000_m3.down.sql'), pg, "plain files belong to PostgreSQL's history");
    const my = setOf('m/20150101000002000000_m2.mysql.up.sql');
    assert.notEqual(my, pg, 'another engine: its own history');
    assert.equal(setOf('m/20150101000004000000_m4.mysql.up.sql'), my);
  });

  it('goose and plain folders: files that detect the same set each get that one set object, until the disk changes', () => {
    const files: Record<string, string> = {};
    for (let i = 1; i <= 4; i++) files[`g/0000${i}_m${i}.sql`] = `-- +goose Up\nCREATE TABLE t${i} (id int);\n`;
    for (let i = 1; i <= 4; i++) files[`p/migrations/00${i}_m${i}.sql`] = `CREATE TABLE p${i} (id int);\n`;
    const h = host(files) as MemoryHost & { revision(): number };
    let revision = 1;
    h.revision = () => revision;
    const ws = new SqlWorkspace(h);
    const setOf = (p: string) => ws.setOf(path.join(root, p), {});
    const goose = setOf('g/00001_m1.sql');
    assert.equal(goose?.runner, 'goose');
    for (let i = 2; i <= 4; i++) assert.equal(setOf(`g/0000${i}_m${i}.sql`), goose, `g/0000${i}_m${i}.sql`);
    const plain = setOf('p/migrations/001_m1.sql');
    assert.equal(plain?.runner, 'plain');
    assert.equal(setOf('p/migrations/004_m4.sql'), plain);
    assert.notEqual(plain, goose);
    revision++;
    const again = setOf('g/00002_m2.sql');
    assert.notEqual(again, goose, 'a new revision: a new set object (what was worked out per set may be stale)');
    assert.deepEqual(again, goose, 'with the same files');
  });

  it('goose, dbmate, sql-migrate and node-pg-migrate by their marker comments', () => {
    assert.equal(names({ 'm/00001_a.sql': '-- +goose Up\nSELECT 1;' }, 'm/00001_a.sql').runner, 'goose');
    assert.equal(names({ 'm/20200101_a.sql': '-- migrate:up\nSELECT 1;' }, 'm/20200101_a.sql').runner, 'dbmate');
    assert.equal(names({ 'm/1_a.sql': '-- +migrate Up\nSELECT 1;' }, 'm/1_a.sql').runner, 'sql-migrate');
    assert.equal(names({ 'm/1700000000000_a.sql': '-- Up Migration\nSELECT 1;' }, 'm/1700000000000_a.sql').runner, 'node-pg-migrate');
  });

  it('Drizzle by its statement breakpoints; Flyway by V<version>__ names (repeatables last, U = undo)', () => {
    assert.equal(names({ 'drizzle/0000_init.sql': 'CREATE TABLE a (id int);\n--> statement-breakpoint\nSELECT 1;' }, 'drizzle/0000_init.sql').runner, 'drizzle');
    const files = { 'sql/V1.10__c.sql': '', 'sql/V1.2__b.sql': '', 'sql/R__views.sql': '', 'sql/V1__a.sql': '', 'sql/U1.2__b.sql': '' };
    assert.deepEqual(names(files, 'sql/V1.2__b.sql'), { runner: 'flyway', files: ['up:V1__a.sql', 'up:V1.2__b.sql', 'down:U1.2__b.sql', 'up:V1.10__c.sql', 'up:R__views.sql'] });
  });

  it('sqlx in a Cargo project; plain numbered and version-folder sets otherwise', () => {
    assert.equal(names({ 'Cargo.toml': '', 'migrations/20210425153745_create_history.sql': '' }, 'migrations/20210425153745_create_history.sql').runner, 'sqlx');
    assert.deepEqual(names({ 'updates/20110602-a.sql': '', 'updates/20110721-b.sql': '' }, 'updates/20110602-a.sql'), { runner: 'plain', files: ['up:20110602-a.sql', 'up:20110721-b.sql'] });
    const versions = { 'versioned/v1.10/x.sql': '', 'versioned/v1.2/x.sql': '', 'versioned/v1.0/a.sql': '' };
    assert.deepEqual(names(versions, 'versioned/v1.2/x.sql').files, ['up:v1.0/a.sql', 'up:v1.2/x.sql', 'up:v1.10/x.sql']);
    // Extension upgrade scripts: a lower target version is a downgrade.
    assert.deepEqual(names({ 'updates/2.13.0--2.13.1.sql': '', 'updates/2.13.1--2.13.0.sql': '' }, 'updates/2.13.0--2.13.1.sql').files, ['up:2.13.0--2.13.1.sql', 'down:2.13.1--2.13.0.sql']);
  });

  it('a schema dump or query file is not a migration; the config can say otherwise', () => {
    assert.equal(findMigrationSet(path.join(root, 'db/structure.sql'), host({ 'db/structure.sql': '' })), undefined);
    const set = findMigrationSet(path.join(root, 'db/changes/add.sql'), host({ 'db/changes/add.sql': '' }), { folders: ['db'], baseDir: root, runner: 'goose' });
    assert.equal(set?.runner, 'goose');
  });

  it('natural order compares digit runs as numbers', () => {
    assert.deepEqual(['v1.10', 'v1.9', 'v1.2'].sort(naturalCompare), ['v1.2', 'v1.9', 'v1.10']);
  });
});

describe('runners: does a migration file run in a transaction?', () => {
  const set = { root, runner: 'plain', runnerSource: 'layout' as const, files: [] };
  const facts = (text: string, statementCount = 2, extra: object = {}) => ({ text, name: '1_x.sql', statementCount, allNonTransactional: false, direction: 'up' as const, set, textOf: () => '', ...extra });
  const inTx = (runner: Parameters<typeof fileMode>[0], text: string, n = 2, extra: object = {}, override?: boolean) => runsInTransaction(fileMode(runner, facts(text, n, extra), override), n);

  it('knows each runner, and the opt-outs written in the files', () => {
    assert.equal(inTx('goose', '-- +goose Up\nSELECT 1;'), true);
    assert.equal(inTx('goose', '-- +goose NO TRANSACTION\n-- +goose Up\nSELECT 1;'), false);
    assert.equal(inTx('dbmate', '-- migrate:up\nSELECT 1;'), true);
    // dbmate without a transaction still sends the section as one query string.
    assert.equal(inTx('dbmate', '-- migrate:up transaction:false\nSELECT 1;\nSELECT 2;'), true);
    assert.equal(inTx('dbmate', '-- migrate:up transaction:false\nSELECT 1;', 1), false);
    assert.equal(inTx('sql-migrate', '-- +migrate Up notransaction\nSELECT 1;'), false);
    assert.equal(inTx('sqlx', '-- no-transaction\nSELECT 1;'), false);
    assert.equal(inTx('golang-migrate', 'SELECT 1;', 1), false);
    assert.equal(inTx('golang-migrate', 'SELECT 1; SELECT 2;', 2), true);
    assert.equal(inTx('prisma', '', 2), true);
    assert.equal(inTx('prisma', '', 2, { toolVersion: () => '7.4.0' }), false);
    assert.equal(inTx('diesel', '', 2, { sideConfig: 'run_in_transaction = false\n' }), false);
    assert.equal(inTx('flyway', '', 2, { allNonTransactional: true }), false);
    assert.equal(inTx('flyway', '', 2, { sideConfig: 'executeInTransaction=false' }), false);
    assert.equal(inTx('pop', '', 2, { name: '1_x.autocommit.up.sql' }), false);
    assert.equal(inTx('drizzle', ''), true);
    assert.equal(inTx('plain', ''), false);
    assert.equal(inTx('plain', '', 2, {}, true), true, 'migrations.inTransaction overrides');
  });

  it('plain SQL files: the mode is not known unless psql meta-commands or db-design.json say how they run', () => {
    const mode = (text: string, extra: object = {}, override?: boolean) => fileMode('plain', facts(text, 2, extra), override).mode;
    assert.equal(mode('ALTER TABLE t ADD x int;\nALTER TABLE t ADD y int;\n'), 'unknown');
    assert.equal(mode('\\set ON_ERROR_STOP 1\nALTER TABLE t ADD x int;\n'), 'none');
    // A backslash inside a string is not a meta-command.
    assert.equal(mode("INSERT INTO t VALUES (E'\\\\set');\n"), 'unknown');
    // Another file of the set being a psql script is enough.
    const files = [{ fsPath: path.join(root, 'u/1_a.sql'), name: '1_a.sql', direction: 'up' as const, version: '1' }, { fsPath: path.join(root, 'u/2_b.sql'), name: '2_b.sql', direction: 'up' as const, version: '2' }];
    const other = { root, runner: 'plain', runnerSource: 'layout' as const, files };
    assert.equal(mode('SELECT 1;', { set: other, textOf: (f: { name: string }) => (f.name === '2_b.sql' ? '\\i common.sql\n' : '') }), 'none');
    assert.equal(mode('SELECT 1;', { set: { ...set, runnerSource: 'config' } }), 'none', 'migrations.runner says plain');
    assert.equal(mode('SELECT 1;', {}, false), 'none', 'migrations.inTransaction says false');
    assert.equal(mode('', { set: { ...set, files: [{ fsPath: path.join(root, 'x/1.0--1.1.sql'), name: '1.0--1.1.sql', direction: 'up', version: '1.0' }] } }), 'transaction');
  });

  it('the config schema lists exactly the runners the code knows', () => {
    const schema = JSON.parse(fs.readFileSync(path.join(repoRoot, 'schemas/db-design.schema.json'), 'utf8'));
    assert.deepEqual(schema.properties.migrations.properties.runner.enum, [...RUNNER_IDS]);
  });
});

describe('a new migration after the newest one, named as the runner expects', () => {
  it('Prisma folder, goose version + NO TRANSACTION, none for Drizzle', () => {
    const prisma = findMigrationSet(path.join(root, 'p/20240101000000_a/migration.sql'), host({ 'p/20240101000000_a/migration.sql': '', 'p/20240102000000_b/migration.sql': '' }))!;
    assert.equal(siblingMigration(prisma, prisma.files[0], 'concurrently')?.name, '20240102000001_a_concurrently/migration.sql');
    const goose = findMigrationSet(path.join(root, 'g/00003_add.sql'), host({ 'g/00003_add.sql': '-- +goose Up\n', 'g/00005_x.sql': '-- +goose Up\n' }))!;
    const m = siblingMigration(goose, goose.files[0], 'concurrently')!;
    assert.equal(m.name, '00006_add_concurrently.sql', 'after the newest, 00005');
    assert.match(m.files[0].content, /^-- \+goose NO TRANSACTION\n-- \+goose Up\n/);
    // The version after this one is taken: the new one still goes after the newest.
    const taken = findMigrationSet(path.join(root, 'h/00003_add.sql'), host({ 'h/00003_add.sql': '-- +goose Up\n', 'h/00004_x.sql': '-- +goose Up\n' }))!;
    assert.equal(siblingMigration(taken, taken.files[0], 'concurrently')?.name, '00005_add_concurrently.sql');
    const drizzle = findMigrationSet(path.join(root, 'd/0000_a.sql'), host({ 'd/0000_a.sql': '--> statement-breakpoint\n' }))!;
    assert.equal(siblingMigration(drizzle, drizzle.files[0], 'concurrently'), undefined);
  });
});
