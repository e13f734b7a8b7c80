import { ruleTester } from '../helpers/rule-tester';

const DS = (provider: string) => `datasource db {\n  provider = "${provider}"\n}\n`;

ruleTester('require-timestamps', {
  valid: [
    {
      name: 'prisma: mapped snake_case names',
      language: 'prisma',
      code: `${DS('postgresql')}\nmodel A {\n  id        Int      @id\n  createdAt DateTime @default(now()) @map("created_at") @db.Timestamptz(3)\n  updatedAt DateTime @updatedAt @map("updated_at") @db.Timestamptz(3)\n}\n`,
    },
    {
      name: 'prisma: a pure join table',
      language: 'prisma',
      code: `${DS('postgresql')}
model Post {
  id        Int       @id
  tags      PostTag[]
  createdAt DateTime  @default(now()) @db.Timestamptz(3)
  updatedAt DateTime  @updatedAt @db.Timestamptz(3)
}

model Tag {
  id        Int       @id
  posts     PostTag[]
  createdAt DateTime  @default(now()) @db.Timestamptz(3)
  updatedAt DateTime  @updatedAt @db.Timestamptz(3)
}

model PostTag {
  postId Int
  tagId  Int
  post   Post @relation(fields: [postId], references: [id], onDelete: Cascade)
  tag    Tag  @relation(fields: [tagId], references: [id], onDelete: Cascade)

  @@id([postId, tagId])
  @@index([tagId])
}
`,
    },
    {
      name: 'prisma: an append-only log needs only its creation time; joinedAt @default(now()) counts',
      language: 'prisma',
      code: `${DS('mysql')}\nmodel AuditLog {\n  id       Int      @id\n  joinedAt DateTime @default(now())\n}\n`,
    },
    {
      name: 'sql: both columns',
      language: 'sql',
      code: 'CREATE TABLE a (id bigint PRIMARY KEY, created_at timestamptz NOT NULL DEFAULT now(), updated_at timestamptz NOT NULL DEFAULT now());\n',
    },
    {
      name: 'sql: custom names from the options',
      language: 'sql',
      config: { rules: { 'require-timestamps': ['info', { createdNames: ['born'], updatedNames: ['touched'] }] } },
      code: 'CREATE TABLE a (id bigint PRIMARY KEY, born timestamptz, touched timestamptz);\n',
    },
    { name: 'sql: a partial table is not judged', language: 'sql', code: 'ALTER TABLE a ADD COLUMN note text;\n' },
  ],
  invalid: [
    {
      name: 'prisma on PostgreSQL: both fields, timestamptz, as their own run',
      language: 'prisma',
      code: `
        datasource db {
          provider = "postgresql"
        }

        model Project {
              ^^^^^^^ require-timestamps
          id   Int    @id
          name String

          @@index([name])
        }
      `,
      output: [`
        datasource db {
          provider = "postgresql"
        }

        model Project {
          id   Int    @id
          name String

          createdAt DateTime @default(now()) @db.Timestamptz(3)
          updatedAt DateTime @default(now()) @updatedAt @db.Timestamptz(3)

          @@index([name])
        }
      `],
    },
    {
      name: 'prisma on MySQL: the missing one, named like the rest of the schema',
      language: 'prisma',
      code: `
        datasource db {
          provider = "mysql"
        }

        model User {
          id        Int      @id
          createdAt DateTime @default(now()) @map("created_at")
          updatedAt DateTime @updatedAt @map("updated_at")
        }

        model Team {
              ^^^^ require-timestamps
          id        Int      @id
          createdAt DateTime @default(now()) @map("created_at")
        }
      `,
      output: [`
        datasource db {
          provider = "mysql"
        }

        model User {
          id        Int      @id
          createdAt DateTime @default(now()) @map("created_at")
          updatedAt DateTime @updatedAt @map("updated_at")
        }

        model Team {
          id        Int      @id
          createdAt DateTime @default(now()) @map("created_at")

          updatedAt DateTime @default(now()) @updatedAt @map("updated_at")
        }
      `],
    },
    {
      name: 'sql on PostgreSQL: columns appended to CREATE TABLE, one per line like the others',
      language: 'sql',
      code: `
        CREATE TABLE projects (
                     ^^^^^^^^ require-timestamps
          id bigint PRIMARY KEY,
          name text NOT NULL,
          UNIQUE (name)
        );
      `,
      output: [`
        CREATE TABLE projects (
          id bigint PRIMARY KEY,
          name text NOT NULL,
          created_at timestamptz NOT NULL DEFAULT now(),
          updated_at timestamptz NOT NULL DEFAULT now(),
          UNIQUE (name)
        );
      `],
    },
    {
      name: 'sql on SQLite: one line, lower-case keywords',
      language: 'sql',
      file: 'sqlite/001.sql',
      code: `
        create table notes (id integer primary key, body text);
                     ^^^^^ require-timestamps
      `,
      output: [`
        create table notes (id integer primary key, body text, created_at datetime not null default current_timestamp, updated_at datetime not null default current_timestamp);
      `],
    },
  ],
});
