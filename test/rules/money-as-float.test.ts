import { ruleTester } from '../helpers/rule-tester';

const DS = (provider: string) => `datasource db {\n  provider = "${provider}"\n}\n`;

ruleTester('money-as-float', {
  valid: [
    { name: 'prisma Decimal', language: 'prisma', code: `${DS('postgresql')}\nmodel P {\n  id    Int     @id\n  price Decimal @db.Decimal(12, 2)\n}\n` },
    { name: 'prisma: a float that says it is not money', language: 'prisma', code: `${DS('postgresql')}\nmodel P {\n  id         Int   @id\n  totalCount Float\n  feeRatio   Float\n}\n` },
    { name: 'prisma: a float without a money word', language: 'prisma', code: `${DS('mysql')}\nmodel P {\n  id     Int   @id\n  rating Float\n}\n` },
    { name: 'sql numeric', language: 'sql', code: 'CREATE TABLE p (id bigint PRIMARY KEY, amount numeric(12,2));\n' },
    {
      name: 'the word list is an option',
      language: 'sql',
      config: { rules: { 'money-as-float': ['warning', { names: ['salary'] }] } },
      code: 'CREATE TABLE p (id bigint PRIMARY KEY, price real);\n',
    },
  ],
  invalid: [
    {
      name: 'a float counted in cents becomes a whole number of cents (BigInt), not a decimal of cents',
      language: 'prisma',
      code: `
        datasource db {
          provider = "postgresql"
        }

        model Order {
          id          Int   @id
          costInCents Float
                      ^^^^^ money-as-float
        }
      `,
      output: [`
        datasource db {
          provider = "postgresql"
        }

        model Order {
          id          Int    @id
          costInCents BigInt
        }
      `],
    },
    {
      name: 'sql: amount_cents real becomes bigint',
      language: 'sql',
      code: `
        CREATE TABLE orders (id bigint PRIMARY KEY, amount_cents real);
                                                                 ^^^^ money-as-float
      `,
      output: [`
        CREATE TABLE orders (id bigint PRIMARY KEY, amount_cents bigint);
      `],
    },
    {
      name: 'prisma on PostgreSQL: Float becomes Decimal @db.Decimal(12, 2), the run stays aligned',
      language: 'prisma',
      code: `
        datasource db {
          provider = "postgresql"
        }

        model Product {
          id    Int   @id
          price Float @default(0)
                ^^^^^ money-as-float
        }
      `,
      output: [`
        datasource db {
          provider = "postgresql"
        }

        model Product {
          id    Int     @id
          price Decimal @default(0) @db.Decimal(12, 2)
        }
      `],
    },
    {
      name: 'prisma on MySQL: @db.Double is replaced; precision and scale are options',
      language: 'prisma',
      config: { rules: { 'money-as-float': ['warning', { precision: 19, scale: 4 }] } },
      code: `
        datasource db {
          provider = "mysql"
        }

        model Invoice {
          id        Int    @id
          totalNet  Float? @db.Double
                    ^^^^^^ money-as-float
        }
      `,
      output: [`
        datasource db {
          provider = "mysql"
        }

        model Invoice {
          id        Int      @id
          totalNet  Decimal? @db.Decimal(19, 4)
        }
      `],
    },
    {
      name: 'prisma on SQLite: reported with advice, no fix',
      language: 'prisma',
      code: `
        datasource db {
          provider = "sqlite"
        }

        model Payment {
          id     Int   @id
          amount Float
                 ^^^^^ money-as-float
        }
      `,
      output: [],
    },
    {
      name: 'sql: double precision becomes numeric(12,2)',
      language: 'sql',
      code: `
        CREATE TABLE orders (id bigint PRIMARY KEY, shipping_cost double precision NOT NULL);
                                                                  ^^^^^^^^^^^^^^^^ money-as-float
      `,
      output: [`
        CREATE TABLE orders (id bigint PRIMARY KEY, shipping_cost numeric(12,2) NOT NULL);
      `],
    },
  ],
});
