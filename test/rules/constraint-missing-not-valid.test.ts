import { ruleTester } from '../helpers/rule-tester';

ruleTester('constraint-missing-not-valid', {
  valid: [
    { name: 'NOT VALID', language: 'sql', code: 'ALTER TABLE orders ADD CONSTRAINT orders_c_fk FOREIGN KEY (c) REFERENCES c (id) NOT VALID;\n' },
    {
      name: 'Prisma adds the FK in the migration that creates the table',
      language: 'sql',
      file: 'prisma/migrations/20240101000000_init/migration.sql',
      code: 'CREATE TABLE "Order" ("id" TEXT NOT NULL, "c" TEXT NOT NULL);\nALTER TABLE "Order" ADD CONSTRAINT "Order_c_fkey" FOREIGN KEY ("c") REFERENCES "C"("id") ON DELETE RESTRICT ON UPDATE CASCADE;\n',
    },
  ],
  invalid: [
    {
      name: 'unnamed foreign key: PostgreSQL\'s name is used for VALIDATE',
      language: 'sql',
      code: `
        ALTER TABLE orders ADD FOREIGN KEY (customer_id) REFERENCES customers (id);
                               ^^^^^^^^^^^^^^^^^^^^^^^^^ constraint-missing-not-valid
      `,
      output: ['ALTER TABLE orders ADD FOREIGN KEY (customer_id) REFERENCES customers (id) NOT VALID;\nALTER TABLE orders VALIDATE CONSTRAINT orders_customer_id_fkey;\n'],
    },
    {
      name: 'CHECK in a goose migration (a transaction): VALIDATE goes to a new migration',
      language: 'sql',
      file: 'db/00002_check.sql',
      files: { 'db/00001_init.sql': '-- +goose Up\nCREATE TABLE orders (id bigint PRIMARY KEY, total numeric);\n' },
      code: `
        -- +goose Up
        ALTER TABLE orders ADD CONSTRAINT orders_total_positive CHECK (total >= 0);
                                          ^^^^^^^^^^^^^^^^^^^^^ constraint-missing-not-valid
      `,
      output: ['-- +goose Up\nALTER TABLE orders ADD CONSTRAINT orders_total_positive CHECK (total >= 0) NOT VALID;\n'],
    },
  ],
});
