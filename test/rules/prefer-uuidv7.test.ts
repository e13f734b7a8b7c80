import { ruleTester } from '../helpers/rule-tester';

const DS = (provider: string) => `datasource db {\n  provider = "${provider}"\n}\n`;

ruleTester('prefer-uuidv7', {
  valid: [
    { name: 'prisma uuid(7)', language: 'prisma', code: `${DS('postgresql')}\nmodel A {\n  id String @id @default(uuid(7)) @db.Uuid\n}\n` },
    { name: 'prisma cuid()', language: 'prisma', code: `${DS('postgresql')}\nmodel A {\n  id String @id @default(cuid())\n}\n` },
    { name: 'prisma uuid() on a non-key column', language: 'prisma', code: `${DS('postgresql')}\nmodel A {\n  id    Int    @id\n  token String @default(uuid())\n}\n` },
    { name: 'prisma uuid() on a unique column (option off)', language: 'prisma', code: `${DS('postgresql')}\nmodel A {\n  id    Int    @id\n  token String @unique @default(uuid())\n}\n` },
    {
      name: 'allowRandom: v4 keys are a deliberate choice',
      language: 'sql',
      config: { rules: { 'prefer-uuidv7': ['info', { allowRandom: true }] } },
      code: 'CREATE TABLE a (id uuid PRIMARY KEY DEFAULT gen_random_uuid());\n',
    },
    { name: 'sql uuidv7()', language: 'sql', code: 'CREATE TABLE a (id uuid PRIMARY KEY DEFAULT uuidv7());\n' },
    { name: 'sql random uuid on a non-key column', language: 'sql', code: 'CREATE TABLE a (id bigint PRIMARY KEY, token uuid DEFAULT gen_random_uuid());\n' },
  ],
  invalid: [
    {
      name: 'prisma: uuid() becomes uuid(7)',
      language: 'prisma',
      code: `
        datasource db {
          provider = "postgresql"
        }

        model Order {
          id String @id @default(uuid()) @db.Uuid
                        ^^^^^^^^^^^^^^^^ prefer-uuidv7
        }
      `,
      output: [`
        datasource db {
          provider = "postgresql"
        }

        model Order {
          id String @id @default(uuid(7)) @db.Uuid
        }
      `],
    },
    {
      name: 'prisma on MySQL: uuid(4) on the primary key',
      language: 'prisma',
      code: `
        datasource db {
          provider = "mysql"
        }

        model Order {
          id String @id @default(uuid(4))
                        ^^^^^^^^^^^^^^^^^ prefer-uuidv7
        }
      `,
      output: [`
        datasource db {
          provider = "mysql"
        }

        model Order {
          id String @id @default(uuid(7))
        }
      `],
    },
    {
      name: 'prisma: the uniqueColumns option also checks unique keys',
      language: 'prisma',
      config: { rules: { 'prefer-uuidv7': ['info', { uniqueColumns: true }] } },
      code: `
        datasource db {
          provider = "sqlite"
        }

        model Session {
          id    Int    @id
          token String @unique @default(uuid())
                               ^^^^^^^^^^^^^^^^ prefer-uuidv7
        }
      `,
    },
    {
      name: 'prisma: dbgenerated("gen_random_uuid()") before PostgreSQL 18 is explained, not fixed',
      language: 'prisma',
      code: `
        datasource db {
          provider = "postgresql"
        }

        model Order {
          id String @id @default(dbgenerated("gen_random_uuid()")) @db.Uuid
                        ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^ prefer-uuidv7
        }
      `,
      output: [],
    },
    {
      name: 'sql before PostgreSQL 18: explained, no fix',
      language: 'sql',
      code: `
        CREATE TABLE orders (id uuid PRIMARY KEY DEFAULT gen_random_uuid());
                                                         ^^^^^^^^^^^^^^^^^ prefer-uuidv7
      `,
      output: [],
    },
    {
      name: 'sql on PostgreSQL 18: uuidv7()',
      language: 'sql',
      config: { postgresVersion: 18 },
      code: `
        CREATE TABLE orders (id uuid DEFAULT uuid_generate_v4() PRIMARY KEY);
                                             ^^^^^^^^^^^^^^^^^^ prefer-uuidv7
      `,
      output: [`
        CREATE TABLE orders (id uuid DEFAULT uuidv7() PRIMARY KEY);
      `],
    },
  ],
});
