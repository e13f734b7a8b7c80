import { ruleTester } from '../helpers/rule-tester';

const long = 'customer_subscription_billing_period_adjustment_history_entries_archive';

ruleTester('identifier-too-long', {
  valid: [
    { name: 'exactly 63 bytes', language: 'sql', code: `CREATE TABLE ${'a'.repeat(63)} (id bigint PRIMARY KEY);\n` },
    { name: 'quoted, 63 bytes', language: 'sql', code: `CREATE TABLE "${'A'.repeat(63)}" (id bigint PRIMARY KEY);\n` },
    { name: 'prisma on MySQL (64 there)', language: 'prisma', code: `datasource db {\n  provider = "mysql"\n}\n\nmodel A {\n  id Int @id\n\n  @@map("${'a'.repeat(64)}")\n}\n` },
  ],
  invalid: [
    {
      name: 'sql table name',
      language: 'sql',
      code: `
        CREATE TABLE ${long} (id bigint PRIMARY KEY);
                     ${'^'.repeat(long.length)} identifier-too-long
      `,
    },
    {
      name: 'sql column name',
      language: 'sql',
      code: `
        CREATE TABLE t (id bigint PRIMARY KEY, ${'x'.repeat(70)} int);
                                               ${'^'.repeat(70)} identifier-too-long
      `,
    },
    {
      name: 'multi-byte characters count as bytes',
      language: 'sql',
      code: `
        CREATE TABLE t (id bigint PRIMARY KEY, "${'é'.repeat(40)}" int);
                                               ${'^'.repeat(42)} identifier-too-long
      `,
    },
    {
      name: 'prisma @map',
      language: 'prisma',
      code: `
        datasource db {
          provider = "postgresql"
        }

        model A {
          id   Int @id
          note Int @map("${'n'.repeat(64)}")
          ^^^^ identifier-too-long
        }
      `,
    },
  ],
});
