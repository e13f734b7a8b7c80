import { ruleTester } from '../helpers/rule-tester';

const DS = (provider: string) => `datasource db {\n  provider = "${provider}"\n}\n`;

ruleTester('require-primary-key', {
  valid: [
    { name: 'prisma @id', language: 'prisma', code: `${DS('postgresql')}\nmodel A {\n  id Int @id\n}\n` },
    { name: 'prisma @@id on MySQL', language: 'prisma', code: `${DS('mysql')}\nmodel A {\n  a Int\n  b Int\n\n  @@id([a, b])\n}\n` },
    { name: 'prisma view', language: 'prisma', code: `generator c {\n  provider        = "prisma-client-js"\n  previewFeatures = ["views"]\n}\n\n${DS('postgresql')}\nview V {\n  a Int @unique\n}\n` },
    { name: 'prisma on MongoDB: _id is always there', language: 'prisma', code: `datasource db {\n  provider = "mongodb"\n  url      = env("DATABASE_URL")\n}\n\nmodel A {\n  id String @id @default(auto()) @map("_id") @db.ObjectId\n}\n` },
    { name: 'sql PRIMARY KEY added by ALTER TABLE', language: 'sql', code: 'CREATE TABLE t (a int NOT NULL);\nALTER TABLE t ADD PRIMARY KEY (a);\n' },
    { name: 'sql table known only from ALTER TABLE (partial)', language: 'sql', code: 'ALTER TABLE t ADD COLUMN b int;\n' },
    { name: 'sqlite', language: 'sql', file: 'sqlite/1.sql', code: 'CREATE TABLE t (id INTEGER PRIMARY KEY AUTOINCREMENT, a TEXT);\n' },
  ],
  invalid: [
    {
      name: 'prisma: identified only by @unique',
      language: 'prisma',
      code: `
        datasource db {
          provider = "postgresql"
        }

        model Setting {
              ^^^^^^^ require-primary-key
          key   String @unique
          value String
        }
      `,
      output: [],
    },
    {
      name: 'prisma on SQLite: a composite @@unique',
      language: 'prisma',
      code: `
        datasource db {
          provider = "sqlite"
        }

        model Pair {
              ^^^^ require-primary-key
          a Int
          b Int

          @@unique([a, b])
        }
      `,
    },
    {
      name: 'sql: a table with no key at all',
      language: 'sql',
      code: `
        CREATE TABLE audit_log (at timestamptz NOT NULL, message text);
                     ^^^^^^^^^ require-primary-key
      `,
      output: [],
    },
    {
      name: 'mysql file',
      language: 'sql',
      file: 'mysql/1.sql',
      code: `
        CREATE TABLE log (at datetime NOT NULL, message text);
                     ^^^ require-primary-key
      `,
    },
  ],
});
