import { ruleTester } from '../helpers/rule-tester';

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
  ],
  invalid: [
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
