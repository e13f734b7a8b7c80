import { ruleTester } from '../helpers/rule-tester';

ruleTester('fk-type-mismatch', {
  valid: [
    {
      name: 'prisma: same native type on both sides',
      language: 'prisma',
      code: `
        datasource db {
          provider = "postgresql"
        }

        model User {
          id    String @id @db.Uuid
          posts Post[]
        }

        model Post {
          id       Int    @id
          authorId String @db.Uuid
          author   User   @relation(fields: [authorId], references: [id], onDelete: Cascade)

          @@index([authorId])
        }
      `,
    },
    { name: 'sql: varchar referencing text compares without a cast', language: 'sql', code: 'CREATE TABLE u (id text PRIMARY KEY);\nCREATE TABLE p (id bigint PRIMARY KEY, u varchar(40) REFERENCES u);\n' },
    { name: 'sqlite: char(36) and text have the same affinity', language: 'sql', file: 'sqlite/1.sql', code: 'CREATE TABLE u (id text PRIMARY KEY);\nCREATE TABLE p (id integer PRIMARY KEY, u char(36) REFERENCES u (id));\n' },
    {
      name: 'prisma on MySQL: Char(36) referencing VarChar(40) is "similar" to MySQL',
      language: 'prisma',
      code: 'datasource db {\n  provider = "mysql"\n}\n\nmodel U {\n  id String @id @db.VarChar(40)\n  ps P[]\n}\n\nmodel P {\n  id  Int    @id\n  uId String @db.Char(36)\n  u   U      @relation(fields: [uId], references: [id], onDelete: Cascade)\n}\n',
    },
    { name: 'sql: serial key, integer reference', language: 'sql', code: 'CREATE TABLE u (id serial PRIMARY KEY);\nCREATE TABLE p (id bigint PRIMARY KEY, u integer REFERENCES u (id));\n' },
  ],
  invalid: [
    {
      name: 'prisma: String referencing @db.Uuid gets @db.Uuid, aligned with its run',
      language: 'prisma',
      code: `
        datasource db {
          provider = "postgresql"
        }

        model User {
          id    String @id @db.Uuid
          posts Post[]
        }

        model Post {
          id       Int    @id
          authorId String
                   ^^^^^^ fk-type-mismatch
          author   User   @relation(fields: [authorId], references: [id], onDelete: Cascade)

          @@index([authorId])
        }
      `,
      output: [`
        datasource db {
          provider = "postgresql"
        }

        model User {
          id    String @id @db.Uuid
          posts Post[]
        }

        model Post {
          id       Int    @id
          authorId String @db.Uuid
          author   User   @relation(fields: [authorId], references: [id], onDelete: Cascade)

          @@index([authorId])
        }
      `],
    },
    {
      name: 'prisma on MySQL: a signed key referencing an unsigned one (MySQL refuses the constraint)',
      language: 'prisma',
      code: `
        datasource db {
          provider = "mysql"
        }

        model User {
          id    Int    @id @db.UnsignedInt
          posts Post[]
        }

        model Post {
          id       Int  @id
          authorId Int
                   ^^^ fk-type-mismatch
          author   User @relation(fields: [authorId], references: [id], onDelete: Cascade)
        }
      `,
      output: [`
        datasource db {
          provider = "mysql"
        }

        model User {
          id    Int    @id @db.UnsignedInt
          posts Post[]
        }

        model Post {
          id       Int  @id
          authorId Int  @db.UnsignedInt
          author   User @relation(fields: [authorId], references: [id], onDelete: Cascade)
        }
      `],
    },
    {
      name: 'sql: integer referencing bigint becomes bigint',
      language: 'sql',
      code: `
        CREATE TABLE users (id bigint PRIMARY KEY);
        CREATE TABLE posts (id bigint PRIMARY KEY, author_id integer NOT NULL REFERENCES users (id));
                                                             ^^^^^^^ fk-type-mismatch
      `,
      output: [`
        CREATE TABLE users (id bigint PRIMARY KEY);
        CREATE TABLE posts (id bigint PRIMARY KEY, author_id bigint NOT NULL REFERENCES users (id));
      `],
    },
    {
      name: 'sql: char(36) referencing varchar(40) becomes text, which PostgreSQL compares alike (varchar(40) would bring out prefer-text-over-varchar)',
      language: 'sql',
      code: `
        CREATE TABLE organizations (uuid varchar(40) PRIMARY KEY);
        CREATE TABLE org_policies (uuid char(36) PRIMARY KEY, org_uuid char(36) NOT NULL REFERENCES organizations (uuid));
                                                                       ^^^^^^^^ fk-type-mismatch
      `,
      output: [`
        CREATE TABLE organizations (uuid varchar(40) PRIMARY KEY);
        CREATE TABLE org_policies (uuid char(36) PRIMARY KEY, org_uuid text NOT NULL REFERENCES organizations (uuid));
      `],
    },
    {
      name: 'sql: the same with prefer-text-over-varchar allowing varchar(n): the key\'s own type',
      language: 'sql',
      config: { rules: { 'prefer-text-over-varchar': ['info', { allowVarchar: true }] } },
      code: `
        CREATE TABLE organizations (uuid varchar(40) PRIMARY KEY);
        CREATE TABLE org_policies (uuid char(36) PRIMARY KEY, org_uuid char(36) NOT NULL REFERENCES organizations (uuid));
                                                                       ^^^^^^^^ fk-type-mismatch
      `,
      output: [`
        CREATE TABLE organizations (uuid varchar(40) PRIMARY KEY);
        CREATE TABLE org_policies (uuid char(36) PRIMARY KEY, org_uuid varchar(40) NOT NULL REFERENCES organizations (uuid));
      `],
    },
    {
      name: 'prisma: @db.Char(36) referencing @db.VarChar(40) loses its native type (String is text)',
      language: 'prisma',
      code: `
        datasource db {
          provider = "postgresql"
        }

        model Org {
          id       String   @id @db.VarChar(40)
          policies Policy[]
        }

        model Policy {
          id    Int    @id
          orgId String @db.Char(36)
                ^^^^^^ fk-type-mismatch
          org   Org    @relation(fields: [orgId], references: [id], onDelete: Cascade)

          @@index([orgId])
        }
      `,
      output: [`
        datasource db {
          provider = "postgresql"
        }

        model Org {
          id       String   @id @db.VarChar(40)
          policies Policy[]
        }

        model Policy {
          id    Int    @id
          orgId String
          org   Org    @relation(fields: [orgId], references: [id], onDelete: Cascade)

          @@index([orgId])
        }
      `],
    },
    {
      name: 'sql: text referencing uuid (PostgreSQL would refuse the constraint)',
      language: 'sql',
      code: `
        CREATE TABLE users (id uuid PRIMARY KEY);
        CREATE TABLE posts (id bigint PRIMARY KEY, author_id text, FOREIGN KEY (author_id) REFERENCES users (id));
                                                             ^^^^ fk-type-mismatch
      `,
      output: [`
        CREATE TABLE users (id uuid PRIMARY KEY);
        CREATE TABLE posts (id bigint PRIMARY KEY, author_id uuid, FOREIGN KEY (author_id) REFERENCES users (id));
      `],
    },
  ],
});
