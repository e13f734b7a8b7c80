import { ruleTester } from '../helpers/rule-tester';

/** A Diesel migration whose up.sql is the file under test, after one that made the table. */
const indexMigration = {
  file: 'migrations/2024-01-02-000000_idx/up.sql',
  files: {
    'migrations/2024-01-01-000000_init/up.sql': 'CREATE TABLE users (id bigint PRIMARY KEY, email text NOT NULL UNIQUE);\n',
    'migrations/2024-01-01-000000_init/down.sql': 'DROP TABLE users;\n',
    'migrations/2024-01-02-000000_idx/down.sql': 'DROP INDEX users_email_idx;\n',
  },
};

ruleTester('redundant-index', {
  valid: [
    {
      name: 'prisma: composite unique and an index on its second column',
      language: 'prisma',
      code: `
        datasource db {
          provider = "postgresql"
        }

        model Member {
          teamId Int
          userId Int

          @@id([teamId, userId])
          @@index([userId])
        }
      `,
    },
    {
      name: 'prisma: same columns, different method (GIN) is another index',
      language: 'prisma',
      code: `
        datasource db {
          provider = "postgresql"
        }

        model Doc {
          id   Int  @id
          tags Json

          @@index([tags])
          @@index([tags], type: Gin, map: "doc_tags_gin")
        }
      `,
    },
    {
      name: 'prisma on MySQL: a unique over (a, b) does not make @unique(a) redundant',
      language: 'prisma',
      code: `
        datasource db {
          provider = "mysql"
        }

        model Slot {
          id    Int    @id
          code  String @unique
          place String

          @@unique([code, place])
        }
      `,
    },
    {
      name: 'sql: a partial index is not a duplicate of the full one',
      language: 'sql',
      code: `
        CREATE TABLE jobs (id bigint PRIMARY KEY, queue text NOT NULL, done boolean NOT NULL);
        CREATE INDEX jobs_queue_idx ON jobs (queue);
        CREATE INDEX jobs_queue_pending_idx ON jobs (queue) WHERE NOT done;
      `,
    },
    {
      name: 'sql: index on (b, a) beside a key on (a, b)',
      language: 'sql',
      code: `
        CREATE TABLE t (a int NOT NULL, b int NOT NULL, PRIMARY KEY (a, b));
        CREATE INDEX t_b_a_idx ON t (b, a);
      `,
    },
    {
      name: 'sqlite: different columns',
      language: 'sql',
      file: 'sqlite/001.sql',
      code: `
        CREATE TABLE t (id INTEGER PRIMARY KEY, a TEXT, b TEXT);
        CREATE INDEX t_a ON t (a);
        CREATE INDEX t_b ON t (b);
      `,
    },
  ],
  invalid: [
    {
      name: 'prisma: @@index beside @unique on the same field (safe removal of the line)',
      language: 'prisma',
      code: `
        datasource db {
          provider = "postgresql"
        }

        model User {
          id    Int    @id
          email String @unique

          @@index([email])
          ^^^^^^^^^^^^^^^^ redundant-index
        }
      `,
      output: [`
        datasource db {
          provider = "postgresql"
        }

        model User {
          id    Int    @id
          email String @unique
        }
      `],
    },
    {
      name: 'prisma: a leading prefix of a composite index; other attributes stay',
      language: 'prisma',
      code: `
        datasource db {
          provider = "postgresql"
        }

        model Order {
          id         Int      @id
          customerId Int
          createdAt  DateTime @db.Timestamptz(3)

          @@index([customerId, createdAt])
          @@index([customerId]) // old
          ^^^^^^^^^^^^^^^^^^^^^ redundant-index
          @@map("orders")
        }
      `,
      output: [`
        datasource db {
          provider = "postgresql"
        }

        model Order {
          id         Int      @id
          customerId Int
          createdAt  DateTime @db.Timestamptz(3)

          @@index([customerId, createdAt])
          @@map("orders")
        }
      `],
    },
    {
      name: 'prisma: @unique duplicating @id on the same field',
      language: 'prisma',
      code: `
        datasource db {
          provider = "postgresql"
        }

        model Token {
          id    String @id @unique
                           ^^^^^^^ redundant-index
          value String
        }
      `,
      output: [`
        datasource db {
          provider = "postgresql"
        }

        model Token {
          id    String @id
          value String
        }
      `],
    },
    {
      name: 'prisma on SQLite: the index a composite @@unique already provides',
      language: 'prisma',
      code: `
        datasource db {
          provider = "sqlite"
        }

        model Vote {
          id     Int @id
          pollId Int
          userId Int

          @@unique([pollId, userId])
          @@index([pollId])
          ^^^^^^^^^^^^^^^^^ redundant-index
        }
      `,
      output: [`
        datasource db {
          provider = "sqlite"
        }

        model Vote {
          id     Int @id
          pollId Int
          userId Int

          @@unique([pollId, userId])
        }
      `],
    },
    {
      name: 'prisma on MySQL: two identical indexes, the second is reported',
      language: 'prisma',
      code: `
        datasource db {
          provider = "mysql"
        }

        model Item {
          id  Int @id
          sku Int

          @@index([sku])
          @@index([sku], map: "item_sku")
          ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^ redundant-index
        }
      `,
      output: [`
        datasource db {
          provider = "mysql"
        }

        model Item {
          id  Int @id
          sku Int

          @@index([sku])
        }
      `],
    },
    {
      name: 'sql: CREATE INDEX duplicating a UNIQUE column; the statement goes with its line',
      language: 'sql',
      code: `
        CREATE TABLE users (id bigint PRIMARY KEY, email text NOT NULL UNIQUE);
        CREATE INDEX users_email_idx ON users (email);
        ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^ redundant-index
        CREATE INDEX users_id_idx ON users (id);
        ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^ redundant-index
      `,
      output: [`
        CREATE TABLE users (id bigint PRIMARY KEY, email text NOT NULL UNIQUE);
        CREATE INDEX users_id_idx ON users (id);
      `],
    },
    {
      name: 'sql: the only statement of its migration is not removed (an empty migration says nothing, and Diesel refuses one)',
      language: 'sql',
      ...indexMigration,
      code: `
        CREATE INDEX CONCURRENTLY users_email_idx ON users (email);
        ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^ redundant-index
      `,
      output: [],
    },
    {
      name: 'sql: the only statement among comments and semicolons is the only statement too',
      language: 'sql',
      ...indexMigration,
      code: `
        -- the email index; it was meant to go
        /* a block /* nested; */ comment */ ;
        CREATE INDEX CONCURRENTLY users_email_idx ON users (email);
        ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^ redundant-index
        ;
      `,
      output: [],
    },
    {
      name: 'sql: an inline UNIQUE that repeats the PRIMARY KEY',
      language: 'sql',
      code: `
        CREATE TABLE codes (code text PRIMARY KEY UNIQUE, label text);
                                                  ^^^^^^ redundant-index
      `,
      output: [`
        CREATE TABLE codes (code text PRIMARY KEY, label text);
      `],
    },
    {
      name: 'sql: a table-level UNIQUE that repeats another one',
      language: 'sql',
      code: `
        CREATE TABLE pairs (
          a int NOT NULL,
          b int NOT NULL,
          UNIQUE (a, b),
          CONSTRAINT pairs_again UNIQUE (a, b)
          ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^ redundant-index
        );
      `,
      output: [`
        CREATE TABLE pairs (
          a int NOT NULL,
          b int NOT NULL,
          UNIQUE (a, b)
        );
      `],
    },
  ],
});
