import { ruleTester } from '../helpers/rule-tester';

ruleTester('add-unique-constraint', {
  valid: [
    { name: 'USING INDEX', language: 'sql', code: 'ALTER TABLE users ADD CONSTRAINT users_email_key UNIQUE USING INDEX users_email_key;\n' },
    { name: 'table created in the same migration', language: 'sql', code: 'CREATE TABLE users (id bigint, email text);\nALTER TABLE users ADD PRIMARY KEY (id);\n' },
  ],
  invalid: [
    {
      name: 'runner not known: no CONCURRENTLY fix',
      language: 'sql',
      file: 'db/updates/0002_b.sql',
      files: { 'db/updates/0001_a.sql': 'CREATE TABLE users (id bigint PRIMARY KEY, email text);\n' },
      code: `
        ALTER TABLE users ADD CONSTRAINT users_email_key UNIQUE (email);
                                         ^^^^^^^^^^^^^^^ add-unique-constraint
      `,
      output: [],
    },
    {
      name: 'named UNIQUE constraint: build concurrently, then USING INDEX',
      language: 'sql',
      code: `
        ALTER TABLE users ADD CONSTRAINT users_email_key UNIQUE (email);
                                         ^^^^^^^^^^^^^^^ add-unique-constraint
      `,
      output: ['CREATE UNIQUE INDEX CONCURRENTLY users_email_key ON users (email);\nALTER TABLE users ADD CONSTRAINT users_email_key UNIQUE USING INDEX users_email_key;\n'],
    },
    {
      name: 'Prisma: the concurrent index and the constraint go to two new migrations (in one file they would share an implicit transaction)',
      language: 'sql',
      file: 'prisma/migrations/20240102000000_unique_email/migration.sql',
      files: {
        'prisma/migrations/20240101000000_init/migration.sql': 'CREATE TABLE "User" ("id" TEXT NOT NULL, "email" TEXT);\n',
        'prisma/migrations/migration_lock.toml': 'provider = "postgresql"\n',
      },
      code: `
        ALTER TABLE "User" ADD COLUMN "name" TEXT;
        ALTER TABLE "User" ADD CONSTRAINT "User_email_key" UNIQUE ("email");
                                          ^^^^^^^^^^^^^^^^ add-unique-constraint
      `,
      output: ['ALTER TABLE "User" ADD COLUMN "name" TEXT;\n'],
    },
    {
      name: 'a new column declared UNIQUE builds the index too',
      language: 'sql',
      code: `
        ALTER TABLE users ADD COLUMN handle text UNIQUE;
                                                 ^^^^^^ add-unique-constraint
      `,
      output: [],
    },
  ],
});
