import { ruleTester } from '../helpers/rule-tester';

ruleTester('ban-money-type', {
  valid: [
    { name: 'numeric', language: 'sql', code: 'CREATE TABLE i (id bigint PRIMARY KEY, total numeric(12,2));\n' },
    { name: 'prisma on SQL Server: Money is its own type there', language: 'prisma', code: 'datasource db {\n  provider = "sqlserver"\n}\n\nmodel I {\n  id    Int   @id\n  total Float @db.Money\n}\n' },
  ],
  invalid: [
    {
      name: 'sql money',
      language: 'sql',
      code: `
        CREATE TABLE invoices (id bigint PRIMARY KEY, total money NOT NULL);
                                                            ^^^^^ ban-money-type
      `,
      output: [`
        CREATE TABLE invoices (id bigint PRIMARY KEY, total numeric NOT NULL);
      `],
    },
    {
      name: 'prisma @db.Money',
      language: 'prisma',
      code: `
        datasource db {
          provider = "postgresql"
        }

        model Invoice {
          id    Int     @id
          total Decimal @db.Money
                        ^^^^^^^^^ ban-money-type
        }
      `,
      output: [`
        datasource db {
          provider = "postgresql"
        }

        model Invoice {
          id    Int     @id
          total Decimal @db.Decimal(12, 2)
        }
      `],
    },
  ],
});
