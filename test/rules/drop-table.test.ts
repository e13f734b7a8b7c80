import { ruleTester } from '../helpers/rule-tester';

ruleTester('drop-table', {
  valid: [
    { name: 'temporary table of the same migration', language: 'sql', code: 'CREATE TABLE tmp AS SELECT 1 AS x;\nDROP TABLE tmp;\n' },
    { name: 'views hold no data', language: 'sql', code: 'DROP VIEW v;\n' },
    { name: 'a query script is not a migration', language: 'sql', file: 'scripts/reset.sql', code: 'DROP TABLE t;\n' },
  ],
  invalid: [
    {
      name: 'table from an earlier Prisma migration',
      language: 'sql',
      file: 'prisma/migrations/20240102000000_drop/migration.sql',
      files: { 'prisma/migrations/20240101000000_init/migration.sql': 'CREATE TABLE "Log" ("id" TEXT NOT NULL);\n' },
      code: `
        DROP TABLE "Log";
        ^^^^^^^^^^^^^^^^ drop-table
      `,
    },
  ],
});
