import { ruleTester } from '../helpers/rule-tester';

const DS = (provider: string) => `datasource db {\n  provider = "${provider}"\n}\n`;

ruleTester('index-low-cardinality', {
  valid: [
    { name: 'prisma: the flag behind a selective column', language: 'prisma', code: `${DS('postgresql')}\nmodel P {\n  id       Int     @id\n  userId   Int\n  archived Boolean\n\n  @@index([userId, archived])\n}\n` },
    {
      name: 'prisma: an enum with many values',
      language: 'prisma',
      code: `${DS('postgresql')}\nenum Country {\n  DE\n  FR\n  IT\n  ES\n}\n\nmodel P {\n  id      Int     @id\n  country Country\n\n  @@index([country])\n}\n`,
    },
    { name: 'sql: a partial index', language: 'sql', code: 'CREATE TABLE j (id bigint PRIMARY KEY, done boolean, at timestamptz);\nCREATE INDEX ON j (at) WHERE NOT done;\n' },
    { name: 'sql: a unique index is about uniqueness', language: 'sql', code: 'CREATE TABLE j (id bigint PRIMARY KEY, done boolean);\nCREATE UNIQUE INDEX ON j (done) WHERE done;\n' },
  ],
  invalid: [
    {
      name: 'prisma: boolean',
      language: 'prisma',
      code: `
        datasource db {
          provider = "postgresql"
        }

        model Post {
          id        Int     @id
          published Boolean

          @@index([published])
          ^^^^^^^^^^^^^^^^^^^^ index-low-cardinality
        }
      `,
    },
    {
      name: 'prisma on MySQL: an enum with three values',
      language: 'prisma',
      code: `
        datasource db {
          provider = "mysql"
        }

        enum Status {
          DRAFT
          LIVE
          GONE
        }

        model Post {
          id     Int    @id
          status Status

          @@index([status])
          ^^^^^^^^^^^^^^^^^ index-low-cardinality
        }
      `,
    },
    {
      name: 'sql: boolean and a small enum type',
      language: 'sql',
      code: `
        CREATE TYPE mood AS ENUM ('sad', 'ok', 'happy');
        CREATE TABLE j (id bigint PRIMARY KEY, done boolean NOT NULL, m mood);
        CREATE INDEX j_done_idx ON j (done);
        ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^ index-low-cardinality
        CREATE INDEX j_m_idx ON j USING hash (m);
        ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^ index-low-cardinality
      `,
    },
  ],
});
