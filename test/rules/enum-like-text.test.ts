import { ruleTester } from '../helpers/rule-tester';

const DS = (provider: string) => `datasource db {\n  provider = "${provider}"\n}\n`;

ruleTester('enum-like-text', {
  valid: [
    { name: 'prisma: an enum', language: 'prisma', code: `${DS('postgresql')}\nenum S {\n  a\n  b\n}\n\nmodel P {\n  id     Int @id\n  status S   @default(a)\n}\n` },
    { name: 'prisma: no literal default', language: 'prisma', code: `${DS('postgresql')}\nmodel P {\n  id     Int    @id\n  status String\n}\n` },
    { name: 'prisma: a name that is no status', language: 'prisma', code: `${DS('postgresql')}\nmodel P {\n  id    Int    @id\n  title String @default("Untitled")\n}\n` },
    { name: 'sql: CHECK', language: 'sql', code: "CREATE TABLE p (id bigint PRIMARY KEY, status text NOT NULL DEFAULT 'draft' CHECK (status IN ('draft', 'live')));\n" },
    { name: 'sql: table-level CHECK added later', language: 'sql', code: "CREATE TABLE p (id bigint PRIMARY KEY, role text DEFAULT 'member');\nALTER TABLE p ADD CONSTRAINT p_role_check CHECK (role IN ('member', 'admin'));\n" },
  ],
  invalid: [
    {
      name: 'prisma on PostgreSQL',
      language: 'prisma',
      code: `
        datasource db {
          provider = "postgresql"
        }

        model Post {
          id            Int    @id
          paymentStatus String @default("pending")
          ^^^^^^^^^^^^^ enum-like-text
        }
      `,
      output: [],
    },
    {
      name: 'prisma on SQL Server (no enums there: the message says so)',
      language: 'prisma',
      code: `
        datasource db {
          provider = "sqlserver"
        }

        model Member {
          id   Int    @id
          role String @default("member") @db.NVarChar(20)
          ^^^^ enum-like-text
        }
      `,
    },
    {
      name: 'sql',
      language: 'sql',
      code: `
        CREATE TABLE posts (id bigint PRIMARY KEY, status varchar(20) NOT NULL DEFAULT 'draft'::character varying);
                                                   ^^^^^^ enum-like-text
      `,
    },
  ],
});
