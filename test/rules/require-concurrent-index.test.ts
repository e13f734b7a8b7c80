import { ruleTester } from '../helpers/rule-tester';

const init = 'CREATE TABLE orders (id bigint PRIMARY KEY, customer_id bigint NOT NULL);\n';

ruleTester('require-concurrent-index', {
  valid: [
    { name: 'already concurrent', language: 'sql', code: 'CREATE INDEX CONCURRENTLY orders_c_idx ON orders (customer_id);\n' },
    {
      name: 'table created earlier in the same migration: still empty',
      language: 'sql',
      code: `${init}CREATE INDEX orders_c_idx ON orders (customer_id);\n`,
    },
    {
      name: 'a down migration is not judged',
      language: 'sql',
      file: 'migrations/000002_idx.down.sql',
      code: 'CREATE INDEX orders_c_idx ON orders (customer_id);\n',
      files: { 'migrations/000001_init.up.sql': init, 'migrations/000002_idx.up.sql': 'DROP INDEX orders_c_idx;\n' },
    },
    {
      name: 'a script that is not a migration (schema dump) is not judged',
      language: 'sql',
      file: 'db/structure.sql',
      code: 'CREATE INDEX orders_c_idx ON orders (customer_id);\n',
    },
    {
      name: 'a CREATE TABLE the parser rejects (a template token) still creates its table in this file',
      language: 'sql',
      code: 'CREATE TABLE IF NOT EXISTS widgets (id bigint PRIMARY KEY, owner {{owner_type}});\nCREATE INDEX widgets_owner_idx ON widgets (owner);\n',
    },
  ],
  invalid: [
    {
      name: 'deltas/<n>/ folders are one history: the table comes from delta 1',
      language: 'sql',
      file: 'db/deltas/2/001_idx.sql',
      files: { 'db/deltas/1/001_orders.sql': '\\set ON_ERROR_STOP 1\nCREATE TABLE orders (id bigint PRIMARY KEY, customer_id bigint);\n' },
      code: `
        CREATE INDEX orders_c_idx ON orders (customer_id);
        ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^ require-concurrent-index
      `,
      output: ['CREATE INDEX CONCURRENTLY orders_c_idx ON orders (customer_id);\n'],
    },
    {
      name: 'upgrade scripts named by version are one history, in version order (1.10 after 1.9)',
      language: 'sql',
      file: 'sql/myapp-1.10.sql',
      files: {
        'sql/myapp-1.9.sql': '\\set ON_ERROR_STOP 1\nCREATE TABLE orders (id bigint PRIMARY KEY, customer_id bigint);\n',
        'sql/myapp-1.8.sql': 'CREATE TABLE audit (id bigint PRIMARY KEY);\n',
      },
      code: `
        CREATE INDEX orders_c_idx ON orders (customer_id);
        ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^ require-concurrent-index
      `,
      output: ['CREATE INDEX CONCURRENTLY orders_c_idx ON orders (customer_id);\n'],
    },
    {
      name: 'runner not known: CONCURRENTLY might land in its transaction, so no fix, and the message says what settles it',
      language: 'sql',
      file: 'db/updates/0002_b.sql',
      files: { 'db/updates/0001_a.sql': 'CREATE TABLE orders (id bigint PRIMARY KEY, customer_id bigint);\n' },
      code: `
        CREATE INDEX orders_c_idx ON orders (customer_id);
        ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^ require-concurrent-index
      `,
      output: [],
    },
    {
      name: 'a table from an earlier migration whose CREATE TABLE does not parse exists',
      language: 'sql',
      file: 'migrations/000002_idx.up.sql',
      files: { 'migrations/000001_init.up.sql': 'CREATE TABLE widgets (id bigint PRIMARY KEY, owner {{owner_type}});\n' },
      code: `
        CREATE INDEX widgets_owner_idx ON widgets (owner);
        ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^ require-concurrent-index
      `,
    },
    {
      name: 'table from an earlier Prisma migration',
      language: 'sql',
      file: 'prisma/migrations/20240102000000_idx/migration.sql',
      files: { 'prisma/migrations/20240101000000_init/migration.sql': init },
      code: `
        CREATE INDEX "orders_c_idx" ON "orders"("customer_id");
        ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^ require-concurrent-index
      `,
      output: ['CREATE INDEX CONCURRENTLY "orders_c_idx" ON "orders"("customer_id");\n'],
    },
    {
      name: 'in a multi-statement Prisma migration (one implicit transaction): moved to a migration of its own',
      language: 'sql',
      file: 'prisma/migrations/20240102000000_idx/migration.sql',
      files: { 'prisma/migrations/20240101000000_init/migration.sql': init },
      code: `
        ALTER TABLE "orders" ADD COLUMN "note" TEXT;
        CREATE INDEX "orders_c_idx" ON "orders"("customer_id");
        ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^ require-concurrent-index
      `,
      output: ['ALTER TABLE "orders" ADD COLUMN "note" TEXT;\n'],
    },
    {
      name: 'goose, alone in its migration: CONCURRENTLY in place, with -- +goose NO TRANSACTION (no move)',
      language: 'sql',
      file: 'db/00002_idx.sql',
      files: { 'db/00001_init.sql': '-- +goose Up\nCREATE TABLE orders (id bigint PRIMARY KEY, customer_id bigint);\n' },
      code: `
        -- +goose Up
        CREATE INDEX orders_c_idx ON orders (customer_id);
        ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^ require-concurrent-index
      `,
      output: ['-- +goose NO TRANSACTION\n-- +goose Up\nCREATE INDEX CONCURRENTLY orders_c_idx ON orders (customer_id);\n'],
    },
    {
      name: "Diesel, alone in its migration: CONCURRENTLY in place, with run_in_transaction = false in the folder's metadata.toml",
      language: 'sql',
      file: 'migrations/2024-01-02-000000_idx/up.sql',
      files: {
        'migrations/2024-01-01-000000_init/up.sql': 'CREATE TABLE orders (id bigint PRIMARY KEY, customer_id bigint);\n',
        'migrations/2024-01-01-000000_init/down.sql': 'DROP TABLE orders;\n',
        'migrations/2024-01-02-000000_idx/down.sql': 'DROP INDEX orders_c_idx;\n',
      },
      code: `
        CREATE INDEX orders_c_idx ON orders (customer_id);
        ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^ require-concurrent-index
      `,
      output: ['CREATE INDEX CONCURRENTLY orders_c_idx ON orders (customer_id);\n'],
    },
    {
      name: 'unknown table (the history does not create it): it exists',
      language: 'sql',
      code: `
        CREATE UNIQUE INDEX orders_c_idx ON public.orders (customer_id);
        ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^ require-concurrent-index
      `,
      output: ['CREATE UNIQUE INDEX CONCURRENTLY orders_c_idx ON public.orders (customer_id);\n'],
    },
  ],
});
