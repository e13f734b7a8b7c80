import { ruleTester } from '../helpers/rule-tester';

const DS = (provider: string) => `datasource db {\n  provider = "${provider}"\n}\n`;

ruleTester('prefer-timestamptz', {
  valid: [
    { name: 'sql timestamptz', language: 'sql', code: 'CREATE TABLE t (id bigint PRIMARY KEY, at timestamptz(3), b timestamp with time zone);' },
    { name: 'sql date and time are not instants', language: 'sql', code: 'CREATE TABLE t (id bigint PRIMARY KEY, d date, t time);' },
    { name: 'prisma @db.Timestamptz', language: 'prisma', code: `${DS('postgresql')}\nmodel E {\n  id Int      @id\n  at DateTime @db.Timestamptz(6)\n}\n` },
    { name: 'prisma on MySQL: no timestamptz there', language: 'prisma', code: `${DS('mysql')}\nmodel E {\n  id Int      @id\n  at DateTime\n}\n` },
    { name: 'prisma on SQLite', language: 'prisma', code: `${DS('sqlite')}\nmodel E {\n  id Int      @id\n  at DateTime\n}\n` },
    { name: 'sql on a MySQL file', language: 'sql', file: 'mysql/1.sql', code: 'CREATE TABLE t (id bigint PRIMARY KEY, at timestamp);' },
  ],
  invalid: [
    {
      name: 'sql plain timestamp keeps everything else',
      language: 'sql',
      code: `
        CREATE TABLE events (id bigint PRIMARY KEY, at timestamp NOT NULL DEFAULT now());
                                                       ^^^^^^^^^ prefer-timestamptz
      `,
      output: [`
        CREATE TABLE events (id bigint PRIMARY KEY, at timestamptz NOT NULL DEFAULT now());
      `],
    },
    {
      name: 'sql precision is kept',
      language: 'sql',
      code: `
        CREATE TABLE events (id bigint PRIMARY KEY, at TIMESTAMP(3));
                                                       ^^^^^^^^^^^^ prefer-timestamptz
      `,
      output: [`
        CREATE TABLE events (id bigint PRIMARY KEY, at timestamptz(3));
      `],
    },
    {
      name: 'sql spelled out without time zone',
      language: 'sql',
      code: `
        ALTER TABLE events ADD COLUMN seen_at timestamp(6) without time zone;
                                              ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^ prefer-timestamptz
      `,
      output: [`
        ALTER TABLE events ADD COLUMN seen_at timestamptz(6);
      `],
    },
    {
      name: 'prisma DateTime defaults to timestamp(3)',
      language: 'prisma',
      code: `
        datasource db {
          provider = "postgresql"
        }
        model Event {
          id        Int      @id
          createdAt DateTime @default(now()) // when it happened
                    ^^^^^^^^ prefer-timestamptz
        }
      `,
      output: [`
        datasource db {
          provider = "postgresql"
        }
        model Event {
          id        Int      @id
          createdAt DateTime @default(now()) @db.Timestamptz(3) // when it happened
        }
      `],
    },
    {
      name: 'prisma: one finding per model, one fix for all its timestamps',
      language: 'prisma',
      code: `
        datasource db {
          provider = "postgresql"
        }
        model Event {
          id        Int       @id
          createdAt DateTime  @default(now())
                    ^^^^^^^^ prefer-timestamptz
          updatedAt DateTime  @updatedAt
          seenAt    DateTime? @db.Timestamp(6)
        }
        model Tag {
          id Int      @id
          at DateTime
             ^^^^^^^^ prefer-timestamptz
        }
      `,
      output: [
        `
        datasource db {
          provider = "postgresql"
        }
        model Event {
          id        Int       @id
          createdAt DateTime  @default(now()) @db.Timestamptz(3)
          updatedAt DateTime  @updatedAt @db.Timestamptz(3)
          seenAt    DateTime? @db.Timestamptz(6)
        }
        model Tag {
          id Int      @id
          at DateTime
        }
      `,
      ],
    },
    {
      name: 'sql: one finding per table and file; a later migration adding one gets its own',
      language: 'sql',
      file: 'migrations/002_seen/migration.sql',
      files: { 'migrations/001_init/migration.sql': 'CREATE TABLE events (id bigint PRIMARY KEY, created_at timestamp, updated_at timestamp(6));\n' },
      code: `
        ALTER TABLE events ADD COLUMN seen_at timestamp;
                                              ^^^^^^^^^ prefer-timestamptz
      `,
      output: [`
        ALTER TABLE events ADD COLUMN seen_at timestamptz;
      `],
    },
    {
      name: 'sql: the type restated by ALTER COLUMN TYPE on a table an earlier migration made: timestamptz there would rewrite the table, so no fix',
      language: 'sql',
      file: 'migrations/002_seen/migration.sql',
      files: { 'migrations/001_init/migration.sql': 'CREATE TABLE errors (id bigint PRIMARY KEY, seen_at timestamp NOT NULL);\n' },
      code: `
        ALTER TABLE errors ALTER COLUMN seen_at TYPE timestamp, ALTER COLUMN seen_at DROP NOT NULL;
                                                     ^^^^^^^^^ prefer-timestamptz
      `,
      output: [],
    },
    {
      name: 'sql: the same in the migration that creates the table: no rows to convert, fixed in place',
      language: 'sql',
      file: 'migrations/001_init/migration.sql',
      code: `
        CREATE TABLE errors (id bigint PRIMARY KEY, seen_at varchar(30) NOT NULL);
        ALTER TABLE errors ALTER COLUMN seen_at TYPE timestamp USING seen_at::timestamp;
                                                     ^^^^^^^^^ prefer-timestamptz
      `,
      output: [`
        CREATE TABLE errors (id bigint PRIMARY KEY, seen_at varchar(30) NOT NULL);
        ALTER TABLE errors ALTER COLUMN seen_at TYPE timestamptz USING seen_at::timestamp;
      `],
    },
    {
      name: 'sql: two columns of one table, one fix for both',
      language: 'sql',
      code: `
        CREATE TABLE events (id bigint PRIMARY KEY, created_at timestamp NOT NULL, updated_at timestamp(6));
                                                               ^^^^^^^^^ prefer-timestamptz
      `,
      output: [`
        CREATE TABLE events (id bigint PRIMARY KEY, created_at timestamptz NOT NULL, updated_at timestamptz(6));
      `],
    },
    {
      name: 'prisma explicit @db.Timestamp keeps its precision',
      language: 'prisma',
      code: `
        datasource db {
          provider = "postgresql"
        }
        model Event {
          id Int      @id
          at DateTime @db.Timestamp(6)
             ^^^^^^^^ prefer-timestamptz
        }
      `,
      output: [`
        datasource db {
          provider = "postgresql"
        }
        model Event {
          id Int      @id
          at DateTime @db.Timestamptz(6)
        }
      `],
    },
  ],
});
