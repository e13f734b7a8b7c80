import { ruleTester } from '../helpers/rule-tester';

ruleTester('add-column-not-null-without-default', {
  valid: [
    { name: 'with a default', language: 'sql', code: "ALTER TABLE users ADD COLUMN plan text NOT NULL DEFAULT 'free';\n" },
    { name: 'nullable', language: 'sql', code: 'ALTER TABLE users ADD COLUMN plan text;\n' },
    { name: 'identity fills itself', language: 'sql', code: 'ALTER TABLE users ADD COLUMN n bigint GENERATED ALWAYS AS IDENTITY NOT NULL;\n' },
    { name: 'table created in the same migration', language: 'sql', code: 'CREATE TABLE users (id bigint PRIMARY KEY);\nALTER TABLE users ADD COLUMN plan text NOT NULL;\n' },
    { name: 'table created in the same migration, then renamed', language: 'sql', code: 'CREATE TABLE users (id bigint PRIMARY KEY);\nALTER TABLE users RENAME TO accounts;\nALTER TABLE accounts ADD COLUMN plan text NOT NULL;\n' },
  ],
  invalid: [
    {
      name: 'a renamed table is still the existing table under its new name',
      language: 'sql',
      file: 'prisma/migrations/20240102000000_rename/migration.sql',
      files: { 'prisma/migrations/20240101000000_init/migration.sql': 'CREATE TABLE users (id bigint PRIMARY KEY);\n' },
      code: `
        ALTER TABLE users RENAME TO accounts;
        ALTER TABLE accounts ADD COLUMN plan text NOT NULL;
                             ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^ add-column-not-null-without-default
      `,
    },
    {
      name: 'Prisma-style required column on a table from an earlier migration',
      language: 'sql',
      file: 'prisma/migrations/20240102000000_plan/migration.sql',
      files: { 'prisma/migrations/20240101000000_init/migration.sql': 'CREATE TABLE "User" ("id" TEXT NOT NULL, CONSTRAINT "User_pkey" PRIMARY KEY ("id"));\n' },
      code: `
        ALTER TABLE "User" ADD COLUMN "plan" TEXT NOT NULL;
                           ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^ add-column-not-null-without-default
      `,
      output: [
        'ALTER TABLE "User" ADD COLUMN "plan" TEXT;\n-- Backfill User.plan here (in batches on a big table). New rows must have it from now on:\n' +
          'ALTER TABLE "User" ADD CONSTRAINT "User_plan_not_null" CHECK (plan IS NOT NULL) NOT VALID;\n' +
          '-- Then, in a later migration: VALIDATE CONSTRAINT "User_plan_not_null", SET NOT NULL (no scan once it is validated) and drop the check.\n',
      ],
    },
  ],
});
