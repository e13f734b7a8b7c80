import { ruleTester } from '../helpers/rule-tester';

ruleTester('require-down-migration', {
  valid: [
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
