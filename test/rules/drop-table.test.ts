import { ruleTester } from '../helpers/rule-tester';

ruleTester('drop-table', {
  valid: [
    {
      name: 'MySQL: the old table set aside, a new one takes its name and its rows, then the old goes',
      language: 'sql',
      file: 'mysql/migrations/0002_rebuild.sql',
      files: { 'mysql/migrations/0001_init.sql': 'CREATE TABLE ciphers (uuid char(36) NOT NULL PRIMARY KEY, data text) ENGINE=InnoDB;\n' },
      code:
        'ALTER TABLE ciphers RENAME TO oldciphers;\nCREATE TABLE ciphers (uuid char(36) NOT NULL PRIMARY KEY, data text NOT NULL);\n' +
        'INSERT INTO ciphers (uuid, data) SELECT uuid, data FROM oldciphers;\nDROP TABLE oldciphers;\n',
    },
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
      name: 'a new table takes the name, but nothing copies the rows into it',
      language: 'sql',
      file: 'prisma/migrations/20240102000000_swap/migration.sql',
      files: { 'prisma/migrations/20240101000000_init/migration.sql': 'CREATE TABLE "ApiKey" ("id" TEXT NOT NULL);\n' },
      code: `
        CREATE TABLE "ApiKeyNew" ("id" TEXT NOT NULL, "hash" TEXT NOT NULL);
        DROP TABLE "ApiKey";
        ^^^^^^^^^^^^^^^^^^^ drop-table
        ALTER TABLE "ApiKeyNew" RENAME TO "ApiKey";
      `,
    },
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
