import assert from 'node:assert/strict';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { Engine, pathToUri } from '../../server/src/engine/analyze';
import { MemoryHost } from '../helpers/memory-host';
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
      name: 'not moved past a later migration that changes the same table (the history would end differently)',
      language: 'sql',
      file: 'prisma/migrations/20240102000000_idx/migration.sql',
      files: {
        'prisma/migrations/20240101000000_init/migration.sql': init,
        'prisma/migrations/20240103000000_pk/migration.sql': 'ALTER TABLE "orders" ADD COLUMN "x" TEXT;\n',
      },
      code: `
        ALTER TABLE "orders" ADD COLUMN "note" TEXT;
        CREATE INDEX "orders_c_idx" ON "orders"("customer_id");
        ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^ require-concurrent-index
      `,
      output: [],
    },
    {
      name: 'pop: alone in its migration, which pop wraps: not moved out (that would empty the migration), no marker to add in place',
      language: 'sql',
      file: 'm/20240102000000000000_idx.postgres.up.sql',
      files: {
        'm/20240101000000000000_init.postgres.up.sql': 'CREATE TABLE orders (id bigint PRIMARY KEY, customer_id bigint);\n',
        'm/20240101000000000000_init.postgres.down.sql': 'DROP TABLE orders;\n',
        'm/20240102000000000000_idx.postgres.down.sql': 'DROP INDEX orders_c_idx;\n',
      },
      code: `
        CREATE INDEX orders_c_idx ON orders (customer_id);
        ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^ require-concurrent-index
      `,
      output: [],
    },
    {
      name: 'not moved past a twin this migration declares after it (redundant-index would then report the moved one instead)',
      language: 'sql',
      file: 'prisma/migrations/20240102000000_idx/migration.sql',
      files: { 'prisma/migrations/20240101000000_init/migration.sql': init },
      code: `
        CREATE INDEX "orders_c_desc" ON "orders"("customer_id" DESC);
        ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^ require-concurrent-index
        CREATE INDEX "orders_c_asc" ON "orders"("customer_id");
        ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^ require-concurrent-index
      `,
      fixMayAdd: { 'redundant-index': 'the later twin moved to the end is still the later one: the same finding, now in the new migration' },
      output: [],
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

describe('require-concurrent-index: a statement Prisma generated, moved to a new migration', () => {
  it("keeps Prisma's section comment, so its design findings stay with schema.prisma", async () => {
    const host = new MemoryHost();
    const root = path.resolve('/prisma-move');
    const put = (p: string, t: string) => host.files.set(path.join(root, p), t);
    put('prisma/schema.prisma', 'datasource db {\n  provider = "postgresql"\n}\n\nmodel orders {\n  id          BigInt @id\n  customer_id BigInt\n  note        String?\n\n  @@index([customer_id])\n}\n');
    put('prisma/migrations/migration_lock.toml', 'provider = "postgresql"\n');
    put('prisma/migrations/20240101000000_init/migration.sql', `-- CreateTable\n${init}`);
    const file = path.join(root, 'prisma/migrations/20240102000000_idx/migration.sql');
    const text = '-- AlterTable\nALTER TABLE "orders" ADD COLUMN "note" TEXT;\n\n-- CreateIndex\nCREATE INDEX "orders_c_idx" ON "orders"("customer_id");\n';
    host.files.set(file, text);
    const analysis = await new Engine(host, () => ({})).analyze(pathToUri(file), text, 'sql');
    const finding = analysis.findings.find((f) => f.rule === 'require-concurrent-index');
    assert.ok(finding, JSON.stringify(analysis.findings.map((f) => f.rule)));
    const created = finding.fixes[0]?.edits.find((e) => e.uri !== pathToUri(file));
    assert.ok(created, `a new migration: ${JSON.stringify(finding.fixes)}`);
    assert.match(created.newText, /^-- CreateIndex\nCREATE INDEX CONCURRENTLY "orders_c_idx"/m);
  });
});
