import { ruleTester } from '../helpers/rule-tester';

const DS = (provider: string) => `datasource db {\n  provider = "${provider}"\n}\n`;

ruleTester('soft-delete-unique', {
  valid: [
    { name: 'prisma: no soft delete', language: 'prisma', code: `${DS('postgresql')}\nmodel U {\n  id    Int    @id\n  email String @unique\n}\n` },
    { name: 'prisma: generated tokens are never re-used', language: 'prisma', code: `${DS('postgresql')}\nmodel U {\n  id        Int       @id\n  token     String    @unique @default(cuid())\n  deletedAt DateTime?\n}\n` },
    { name: 'prisma on MySQL: no partial indexes there', language: 'prisma', code: `${DS('mysql')}\nmodel U {\n  id        Int       @id\n  email     String    @unique\n  deletedAt DateTime?\n}\n` },
    {
      name: 'sql: partial unique index',
      language: 'sql',
      code: 'CREATE TABLE u (id bigint PRIMARY KEY, email text, deleted_at timestamptz);\nCREATE UNIQUE INDEX ON u (email) WHERE deleted_at IS NULL;\n',
    },
    {
      name: 'sql: a 1:1 reference is not a value anyone picks',
      language: 'sql',
      code: 'CREATE TABLE a (id bigint PRIMARY KEY);\nCREATE TABLE u (id bigint PRIMARY KEY, a_id bigint UNIQUE REFERENCES a, deleted_at timestamptz);\n',
    },
  ],
  invalid: [
    {
      name: 'prisma without the preview feature: explained, no fix',
      language: 'prisma',
      code: `
        datasource db {
          provider = "postgresql"
        }

        model User {
          id        Int       @id
          email     String    @unique
                              ^^^^^^^ soft-delete-unique
          deletedAt DateTime?
        }
      `,
      output: [],
    },
    {
      name: 'prisma 7 with partialIndexes: where: { deletedAt: null }',
      language: 'prisma',
      code: `
        generator client {
          provider        = "prisma-client"
          output          = "./generated"
          previewFeatures = ["partialIndexes"]
        }

        datasource db {
          provider = "postgresql"
        }

        model Project {
          id        Int       @id
          teamId    Int
          slug      String
          deletedAt DateTime?

          @@unique([teamId, slug])
          ^^^^^^^^^^^^^^^^^^^^^^^^ soft-delete-unique
        }
      `,
      output: [`
        generator client {
          provider        = "prisma-client"
          output          = "./generated"
          previewFeatures = ["partialIndexes"]
        }

        datasource db {
          provider = "postgresql"
        }

        model Project {
          id        Int       @id
          teamId    Int
          slug      String
          deletedAt DateTime?

          @@unique([teamId, slug], where: { deletedAt: null })
        }
      `],
    },
    {
      name: 'prisma on SQLite with a boolean flag',
      language: 'prisma',
      code: `
        datasource db {
          provider = "sqlite"
        }

        model Poll {
          id      Int     @id
          slug    String  @unique
                          ^^^^^^^ soft-delete-unique
          deleted Boolean @default(false)
        }
      `,
    },
    {
      name: 'sql: CREATE UNIQUE INDEX gets the predicate',
      language: 'sql',
      code: `
        CREATE TABLE users (id bigint PRIMARY KEY, email text NOT NULL, deleted_at timestamptz);
        CREATE UNIQUE INDEX users_email_key ON users (lower(email));
        ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^ soft-delete-unique
      `,
      output: [`
        CREATE TABLE users (id bigint PRIMARY KEY, email text NOT NULL, deleted_at timestamptz);
        CREATE UNIQUE INDEX users_email_key ON users (lower(email)) WHERE deleted_at IS NULL;
      `],
    },
    {
      name: 'sql: a UNIQUE constraint cannot be made partial (no fix); deleted_at in the key does not help',
      language: 'sql',
      code: `
        CREATE TABLE users (id bigint PRIMARY KEY, email text UNIQUE, nick text, deleted_at timestamptz, UNIQUE (nick, deleted_at));
                                                              ^^^^^^ soft-delete-unique
                                                                                                         ^^^^^^^^^^^^^^^^^^^^^^^^^ soft-delete-unique
      `,
      output: [],
    },
  ],
});
