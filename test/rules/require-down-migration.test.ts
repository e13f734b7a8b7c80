import { ruleTester } from '../helpers/rule-tester';

ruleTester('require-down-migration', {
  valid: [
    {
      name: 'pop (Ory): each engine variant of a version pairs with its own down file, `.autocommit` on either side',
      language: 'sql',
      file: 'migrations/20240612222110000001_indices.mysql.up.sql',
      files: {
        'migrations/20240612222110000001_indices.mysql.down.sql': 'DROP INDEX i ON t;\n',
        'migrations/20240612222110000001_indices.autocommit.up.sql': 'CREATE INDEX CONCURRENTLY i ON t (x);\n',
        'migrations/20240612222110000001_indices.down.sql': 'DROP INDEX i;\n',
        'migrations/20150101000001000000_init.up.sql': 'CREATE TABLE t (id int PRIMARY KEY, x int);\n',
        'migrations/20150101000001000000_init.down.sql': 'DROP TABLE t;\n',
      },
      code: 'CREATE INDEX i ON t (x);\n',
    },
    {
      name: "pop (Ory's older folders): a plain down file serves each engine's up file of its version",
      language: 'sql',
      file: 'legacy/20191100000011_courier_body_type.mysql.up.sql',
      files: {
        'legacy/20191100000011_courier_body_type.down.sql': '',
        'legacy/20191100000001_identities.mysql.up.sql': 'CREATE TABLE t (id int PRIMARY KEY);\n',
        'legacy/20191100000001_identities.mysql.down.sql': 'DROP TABLE t;\n',
      },
      code: 'ALTER TABLE t ADD COLUMN body text;\n',
    },
    { name: 'Prisma Migrate has no down migrations', language: 'sql', file: 'prisma/migrations/20240101000000_a/migration.sql', code: 'CREATE TABLE t (id bigint PRIMARY KEY);\n' },
    { name: 'goose with a Down section', language: 'sql', file: 'db/00001_a.sql', code: '-- +goose Up\nCREATE TABLE t (id bigint PRIMARY KEY);\n-- +goose Down\nDROP TABLE t;\n' },
    { name: 'golang-migrate with its down file (even empty)', language: 'sql', file: 'db/1_a.up.sql', files: { 'db/1_a.down.sql': '' }, code: 'CREATE TABLE t (id bigint PRIMARY KEY);\n' },
    {
      name: 'a project that does not write down migrations is not asked',
      language: 'sql',
      file: 'db/3_c.up.sql',
      files: { 'db/1_a.up.sql': '', 'db/2_b.up.sql': '' },
      code: 'CREATE TABLE t (id bigint PRIMARY KEY);\n',
    },
  ],
  invalid: [
    {
      name: 'goose without a Down section',
      language: 'sql',
      file: 'db/00002_b.sql',
      files: { 'db/00001_a.sql': '-- +goose Up\nSELECT 1;\n-- +goose Down\nSELECT 1;\n' },
      code: `
        -- +goose Up
        ^^^^^^^^^^^^ require-down-migration
        CREATE TABLE t (id bigint PRIMARY KEY);
      `,
      output: ['-- +goose Up\nCREATE TABLE t (id bigint PRIMARY KEY);\n\n-- +goose Down\n'],
    },
    {
      name: 'golang-migrate up file without its down file: the fix creates it',
      language: 'sql',
      file: 'db/2_b.up.sql',
      files: { 'db/1_a.up.sql': '', 'db/1_a.down.sql': '' },
      code: `
        CREATE TABLE t (id bigint PRIMARY KEY);
        ^^^^^^^^^^^^ require-down-migration
      `,
      // The fix creates db/2_b.down.sql (checked in test/workspace/fixes.test.ts).
    },
  ],
});
