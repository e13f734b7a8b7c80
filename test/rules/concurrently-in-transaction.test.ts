import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { prepare, ruleTester } from '../helpers/rule-tester';

const init = 'CREATE TABLE t (id bigint PRIMARY KEY, x int);\n';

ruleTester('concurrently-in-transaction', {
  valid: [
    { name: 'plain file, no BEGIN', language: 'sql', code: 'CREATE INDEX CONCURRENTLY t_x ON t (x);\nALTER TABLE t ADD COLUMN y int;\n' },
    { name: 'goose NO TRANSACTION', language: 'sql', file: 'db/00002_idx.sql', code: '-- +goose NO TRANSACTION\n-- +goose Up\nCREATE INDEX CONCURRENTLY t_x ON t (x);\n' },
    { name: 'single statement Prisma migration (no implicit transaction)', language: 'sql', file: 'prisma/migrations/20240102000000_idx/migration.sql', code: 'CREATE INDEX CONCURRENTLY t_x ON t (x);\n' },
    {
      name: 'Prisma 7.4+ sends statements one by one',
      language: 'sql',
      file: 'prisma/migrations/20240102000000_idx/migration.sql',
      files: { 'node_modules/prisma/package.json': '{"version":"7.4.0"}' },
      code: 'ALTER TABLE t ADD COLUMN y int;\nCREATE INDEX CONCURRENTLY t_x ON t (x);\n',
    },
    { name: 'REFRESH ... CONCURRENTLY may run in a transaction', language: 'sql', code: 'BEGIN;\nREFRESH MATERIALIZED VIEW CONCURRENTLY v;\nCOMMIT;\n' },
    {
      name: 'runner not known: not assumed to wrap the file',
      language: 'sql',
      file: 'db/updates/0002_b.sql',
      files: { 'db/updates/0001_a.sql': 'CREATE TABLE t (id bigint PRIMARY KEY, x int);\n' },
      code: 'ALTER TABLE t ADD COLUMN y int;\nCREATE INDEX CONCURRENTLY t_x ON t (x);\n',
    },
  ],
  invalid: [
    {
      name: 'runner not known, but BEGIN in the file: a transaction either way',
      language: 'sql',
      file: 'db/updates/0002_b.sql',
      files: { 'db/updates/0001_a.sql': 'CREATE TABLE t (id bigint PRIMARY KEY, x int);\n' },
      code: `
        BEGIN;
        CREATE INDEX CONCURRENTLY t_x ON t (x);
        ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^ concurrently-in-transaction
        COMMIT;
      `,
      output: ['BEGIN;\nCOMMIT;\nCREATE INDEX CONCURRENTLY t_x ON t (x);\n'],
    },
    {
      name: 'between BEGIN and COMMIT: moved after COMMIT',
      language: 'sql',
      code: `
        BEGIN;
        ALTER TABLE t ADD COLUMN y int;
        CREATE INDEX CONCURRENTLY t_y ON t (y);
        ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^ concurrently-in-transaction
        COMMIT;
      `,
      output: ['BEGIN;\nALTER TABLE t ADD COLUMN y int;\nCOMMIT;\nCREATE INDEX CONCURRENTLY t_y ON t (y);\n'],
    },
    {
      name: 'goose wraps the file in a transaction; only concurrent statements: mark NO TRANSACTION',
      language: 'sql',
      file: 'db/00002_idx.sql',
      files: { 'db/00001_init.sql': `-- +goose Up\n${init}` },
      code: `
        -- +goose Up
        CREATE INDEX CONCURRENTLY t_x ON t (x);
        ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^ concurrently-in-transaction
      `,
      output: ['-- +goose NO TRANSACTION\n-- +goose Up\nCREATE INDEX CONCURRENTLY t_x ON t (x);\n'],
    },
    {
      name: 'golang-migrate file with several statements (one implicit transaction): moved to a migration of its own',
      language: 'sql',
      file: 'db/000002_idx.up.sql',
      files: { 'db/000001_init.up.sql': init },
      code: `
        ALTER TABLE t ADD COLUMN y int;
        DROP INDEX CONCURRENTLY t_old;
        ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^ concurrently-in-transaction
      `,
      output: ['ALTER TABLE t ADD COLUMN y int;\n'],
    },
    {
      name: 'Drizzle runs every pending migration in one transaction: no move helps',
      language: 'sql',
      file: 'drizzle/0001_idx.sql',
      code: `
        CREATE INDEX CONCURRENTLY "t_x" ON "t" ("x");
        ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^ concurrently-in-transaction
      `,
      files: { 'drizzle/meta/_journal.json': '{}' },
      output: [],
    },
  ],
});

// The hover's advice speaks of the project's runner: each runner module says how one of its migrations runs
// outside a transaction.
describe('concurrently-in-transaction advice per runner', () => {
  const mixed = 'ALTER TABLE t ADD COLUMN y int;\nCREATE INDEX CONCURRENTLY t_y ON t (y);\n';
  const alone = 'CREATE INDEX CONCURRENTLY t_x ON t (x);\n';
  const cases: { runner: string; file: string; code: string; files?: Record<string, string>; advice: string }[] = [
    { runner: 'none', file: 'migration.sql', code: `BEGIN;\n${mixed}COMMIT;\n`, advice: 'Move the statement after COMMIT.' },
    { runner: 'drizzle', file: 'drizzle/0001_idx.sql', code: alone, files: { 'drizzle/meta/_journal.json': '{}' }, advice: 'Drizzle applies all pending migrations in one transaction: run this statement outside the migrator, after it.' },
    { runner: 'node-pg-migrate', file: 'migrations/2_idx.sql', code: `-- Up Migration\n${alone}`, files: { 'migrations/1_init.sql': `-- Up Migration\n${init}` }, advice: 'node-pg-migrate applies all pending migrations in one transaction: run this statement outside the migrator, after it.' },
    { runner: 'flyway', file: 'db/V2__idx.sql', code: mixed, files: { 'db/V1__init.sql': init }, advice: 'Put the statement in a migration of its own: Flyway runs such a migration outside a transaction.' },
    { runner: 'prisma', file: 'prisma/migrations/20240102000000_idx/migration.sql', code: mixed, files: { 'prisma/migrations/20240101000000_init/migration.sql': init }, advice: 'Put the statement in a migration of its own (a single statement runs outside any transaction), or use Prisma 7.4 or later.' },
    { runner: 'golang-migrate', file: 'db/000002_idx.up.sql', code: mixed, files: { 'db/000001_init.up.sql': init }, advice: 'Put the statement in a migration file of its own, or set `x-multi-statement=true` in the database URL.' },
    { runner: 'goose, alone', file: 'db/00002_idx.sql', code: `-- +goose Up\n${alone}`, files: { 'db/00001_init.sql': `-- +goose Up\n${init}` }, advice: 'goose: add `-- +goose NO TRANSACTION` at the top of the file.' },
    { runner: 'goose, mixed', file: 'db/00002_idx.sql', code: `-- +goose Up\n${mixed}`, files: { 'db/00001_init.sql': `-- +goose Up\n${init}` }, advice: 'Move the statement to a migration of its own and there add `-- +goose NO TRANSACTION` at the top of the file.' },
  ];
  for (const c of cases) {
    it(c.runner, async () => {
      const p = prepare({ language: 'sql', file: c.file, code: c.code, files: c.files });
      const findings = (await p.engine.analyze(p.uri, p.text, p.language)).findings.filter((f) => f.rule === 'concurrently-in-transaction');
      assert.deepEqual(findings.map((f) => f.advice), [c.advice]);
    });
  }
});
