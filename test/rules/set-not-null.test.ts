import { ruleTester } from '../helpers/rule-tester';

ruleTester('set-not-null', {
  valid: [
    {
      name: 'a validated CHECK (col IS NOT NULL) from an earlier migration proves it (PostgreSQL 12+)',
      language: 'sql',
      file: 'migrations/0003_nn.sql',
      files: {
        'migrations/0001_check.sql': 'ALTER TABLE users ADD CONSTRAINT users_email_nn CHECK (email IS NOT NULL) NOT VALID;\n',
        'migrations/0002_validate.sql': 'ALTER TABLE users VALIDATE CONSTRAINT users_email_nn;\n',
      },
      code: 'ALTER TABLE users ALTER COLUMN email SET NOT NULL;\n',
    },
    { name: 'table created in the same migration', language: 'sql', code: 'CREATE TABLE users (id bigint PRIMARY KEY, email text);\nALTER TABLE users ALTER COLUMN email SET NOT NULL;\n' },
  ],
  invalid: [
    {
      name: 'Prisma migration of one statement: the fix does not grow it into one implicit transaction with its VALIDATE',
      language: 'sql',
      file: 'prisma/migrations/20240102000000_require_email/migration.sql',
      files: {
        'prisma/migrations/20240101000000_init/migration.sql': 'CREATE TABLE "User" ("id" TEXT NOT NULL, "email" TEXT);\n',
        'prisma/migrations/migration_lock.toml': 'provider = "postgresql"\n',
      },
      code: `
        ALTER TABLE "User" ALTER COLUMN "email" SET NOT NULL;
                           ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^ set-not-null
      `,
    },
    {
      name: 'goose: the new migration that validates and sets NOT NULL runs in goose\'s transaction (no NO TRANSACTION marker: two changes there would not be atomic)',
      language: 'sql',
      file: 'db/00002_nn.sql',
      files: { 'db/00001_init.sql': '-- +goose Up\nCREATE TABLE users (id bigint PRIMARY KEY, email text);\n' },
      code: `
        -- +goose Up
        ALTER TABLE users ALTER COLUMN email SET NOT NULL;
                          ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^ set-not-null
      `,
      output: ['-- +goose Up\nALTER TABLE users ADD CONSTRAINT users_email_not_null CHECK (email IS NOT NULL) NOT VALID;\n'],
    },
    {
      name: 'psql scripts: the new migration wraps its changes in BEGIN/COMMIT, since psql runs each statement on its own',
      language: 'sql',
      file: 'migrations/0002_nn.sql',
      config: { migrations: { runner: 'plain' } },
      files: { 'migrations/0001_init.sql': 'CREATE TABLE users (id bigint PRIMARY KEY, email text);\n' },
      code: `
        BEGIN;
        ALTER TABLE users ALTER COLUMN email SET NOT NULL;
                          ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^ set-not-null
        COMMIT;
      `,
      output: ['BEGIN;\nALTER TABLE users ADD CONSTRAINT users_email_not_null CHECK (email IS NOT NULL) NOT VALID;\nCOMMIT;\n'],
    },
    {
      name: 'the check is NOT VALID only: still a scan',
      language: 'sql',
      file: 'migrations/0002_nn.sql',
      config: { migrations: { runner: 'plain' } },
      files: { 'migrations/0001_check.sql': 'ALTER TABLE users ADD CONSTRAINT users_email_nn CHECK (email IS NOT NULL) NOT VALID;\n' },
      code: `
        ALTER TABLE users ALTER COLUMN email SET NOT NULL;
                          ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^ set-not-null
      `,
      output: [
        'ALTER TABLE users ADD CONSTRAINT users_email_not_null CHECK (email IS NOT NULL) NOT VALID;\nALTER TABLE users VALIDATE CONSTRAINT users_email_not_null;\nALTER TABLE users ALTER COLUMN email SET NOT NULL;\nALTER TABLE users DROP CONSTRAINT users_email_not_null;\n',
      ],
    },
    {
      name: 'a reserved word is quoted in every statement the fix writes',
      language: 'sql',
      code: `
        ALTER TABLE orders ALTER COLUMN "order" SET NOT NULL;
                           ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^ set-not-null
      `,
      output: [
        'ALTER TABLE orders ADD CONSTRAINT orders_order_not_null CHECK ("order" IS NOT NULL) NOT VALID;\nALTER TABLE orders VALIDATE CONSTRAINT orders_order_not_null;\nALTER TABLE orders ALTER COLUMN "order" SET NOT NULL;\nALTER TABLE orders DROP CONSTRAINT orders_order_not_null;\n',
      ],
    },
    {
      name: 'an upper-case name keeps its quotes, in the new constraint name too',
      language: 'sql',
      code: `
        ALTER TABLE "Orders" ALTER COLUMN "Email" SET NOT NULL;
                             ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^ set-not-null
      `,
      output: [
        'ALTER TABLE "Orders" ADD CONSTRAINT "Orders_Email_not_null" CHECK ("Email" IS NOT NULL) NOT VALID;\nALTER TABLE "Orders" VALIDATE CONSTRAINT "Orders_Email_not_null";\nALTER TABLE "Orders" ALTER COLUMN "Email" SET NOT NULL;\nALTER TABLE "Orders" DROP CONSTRAINT "Orders_Email_not_null";\n',
      ],
    },
    {
      name: 'before PostgreSQL 12 there is no way around the scan: no fix',
      language: 'sql',
      config: { postgresVersion: 11 },
      code: `
        ALTER TABLE users ALTER COLUMN email SET NOT NULL;
                          ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^ set-not-null
      `,
      output: [],
    },
    {
      name: 'runner not known: the CHECK is added here, validated in a new migration (its own transaction whatever the runner)',
      language: 'sql',
      file: 'migrations/0002_nn.sql',
      files: { 'migrations/0001_check.sql': 'ALTER TABLE users ADD CONSTRAINT users_email_nn CHECK (email IS NOT NULL) NOT VALID;\n' },
      code: `
        ALTER TABLE users ALTER COLUMN email SET NOT NULL;
                          ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^ set-not-null
      `,
      output: ['ALTER TABLE users ADD CONSTRAINT users_email_not_null CHECK (email IS NOT NULL) NOT VALID;\n'],
    },
  ],
});
