import { ruleTester } from '../helpers/rule-tester';

ruleTester('drop-table', {
  valid: [
    { name: 'temporary table of the same migration', language: 'sql', code: 'CREATE TABLE tmp AS SELECT 1 AS x;\nDROP TABLE tmp;\n' },
    { name: 'views hold no data', language: 'sql', code: 'DROP VIEW v;\n' },
    { name: 'a query script is not a migration', language: 'sql', file: 'scripts/reset.sql', code: 'DROP TABLE t;\n' },
    {
      name: 'SQLite: a table rebuilt in the same migration keeps its rows (Prisma and drizzle-kit write this)',
      language: 'sql',
      file: 'prisma/migrations/20240102000000_change/migration.sql',
      files: {
        'prisma/migrations/20240101000000_init/migration.sql': 'CREATE TABLE "User" ("id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT, "name" TEXT);\n',
        'prisma/migrations/migration_lock.toml': 'provider = "sqlite"\n',
      },
      code:
        'PRAGMA foreign_keys=OFF;\nCREATE TABLE "new_User" ("id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT, "name" TEXT NOT NULL);\n' +
        'INSERT INTO "new_User" ("id", "name") SELECT "id", "name" FROM "User";\nDROP TABLE "User";\nALTER TABLE "new_User" RENAME TO "User";\nPRAGMA foreign_keys=ON;\n',
    },
  ],
  invalid: [
    {
      name: 'MySQL: the rows are gone there too',
      language: 'sql',
      file: 'mysql/migrations/0002_drop.sql',
      files: { 'mysql/migrations/0001_init.sql': 'CREATE TABLE `audit` (`id` int NOT NULL AUTO_INCREMENT PRIMARY KEY) ENGINE=InnoDB;\n' },
      code: `
        DROP TABLE \`audit\`;
        ^^^^^^^^^^^^^^^^^^ drop-table
      `,
    },
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
