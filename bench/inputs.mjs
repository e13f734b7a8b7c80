// Deterministic pathological inputs for the scale benchmarks (and `node bench/inputs.mjs OUT_DIR` to write
// them to disk for a CLI run under /usr/bin/time):
//   oneLine(bytes)        a minified dump: DDL, DML and comments on one line, no newline at all
//   bigInsert(bytes)      one INSERT of many rows over many lines
//   ddl(n)                n PostgreSQL DDL statements in one file (tables, indexes, constraints, comments)
//   prismaSchema(models)  a Prisma schema of that many models, each related to the one before
//   drizzleSchema(tables) a Drizzle pgTable schema of that many tables, each related to the one before
//   migrationFolders(dir, n)  n Prisma-style migration folders (migrations/<timestamp>_name/migration.sql)
import * as fs from 'node:fs';
import * as path from 'node:path';

/** The statements of table `i` (of a growing schema): each references the table before it; pg_dump quotes `"order"`. */
function tableStatements(i, sep = '\n') {
  const out = [
    `CREATE TABLE app.t${i} (${sep}  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,${sep}` +
      (i > 0 ? `  parent_id bigint NOT NULL REFERENCES app.t${i - 1} (id) ON DELETE CASCADE,${sep}` : '') +
      `  name varchar(200) NOT NULL,${sep}  "order" integer NOT NULL DEFAULT 0,${sep}  body text,${sep}  amount numeric(12, 2) NOT NULL DEFAULT 0,${sep}` +
      `  created_at timestamp NOT NULL DEFAULT now(),${sep}  updated_at timestamptz NOT NULL DEFAULT now()${sep});`,
  ];
  if (i > 0) out.push(`CREATE INDEX t${i}_parent_idx ON app.t${i} (parent_id);`);
  out.push(`ALTER TABLE app.t${i} ADD CONSTRAINT t${i}_name_len CHECK (char_length(name) > 0);`);
  out.push(`COMMENT ON TABLE app.t${i} IS 'table ${i} -- with ''quotes''; and a semicolon';`);
  return out;
}

/** `n` DDL statements, one per line or over a few lines (as pg_dump writes them). */
export function ddl(n) {
  const parts = ['CREATE SCHEMA app;'];
  for (let i = 0; parts.length < n; i++) parts.push(...tableStatements(i));
  return parts.slice(0, n).join('\n') + '\n';
}

/** A minified dump of about `bytes` bytes on a single line: DDL, rows, block comments, dollar quotes. */
export function oneLine(bytes) {
  const parts = ['CREATE SCHEMA app;'];
  let size = parts[0].length;
  for (let i = 0; size < bytes; i++) {
    const chunk = [
      ...tableStatements(i, ' '),
      `/* rows of t${i} */ INSERT INTO app.t${i} (${i > 0 ? 'parent_id, ' : ''}name, body) VALUES (${i > 0 ? '1, ' : ''}'n${i}', $b$body; with a semicolon$b$);`,
      `UPDATE app.t${i} SET body = 'x' WHERE id = ${i};`,
    ].join(' ');
    parts.push(chunk);
    size += chunk.length + 1;
  }
  return parts.join(' ');
}

/** A Prisma schema of `models` models in a chain of relations (every other foreign key indexed). */
export function prismaSchema(models) {
  const parts = ['datasource db {\n  provider = "postgresql"\n}\n', 'model M0 {\n  id Int @id @default(autoincrement())\n  children M1[]\n}\n'];
  for (let i = 1; i < models; i++) {
    const child = i + 1 < models ? `\n  children  M${i + 1}[]` : '';
    parts.push(
      `model M${i} {\n  id        Int      @id @default(autoincrement())\n  parentId  Int\n  parent    M${i - 1} @relation(fields: [parentId], references: [id], onDelete: Cascade)\n` +
        `  title     String   @db.VarChar(200)\n  createdAt DateTime @default(now())${child}\n${i % 2 ? '\n  @@index([parentId])\n' : ''}}\n`,
    );
  }
  return parts.join('\n');
}

/** A Drizzle pgTable schema of `tables` tables (about 12 lines each), each referencing the one before. */
export function drizzleSchema(tables) {
  const out = ["import { pgTable, bigint, text, timestamp, integer, index } from 'drizzle-orm/pg-core';", ''];
  for (let i = 0; i < tables; i++) {
    out.push(`export const t${i} = pgTable('t${i}', {`, "  id: bigint('id', { mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),");
    if (i > 0) out.push(`  parentId: bigint('parent_id', { mode: 'number' }).notNull().references(() => t${i - 1}.id, { onDelete: 'cascade' }),`);
    out.push(
      "  name: text('name').notNull(),",
      "  count: integer('count').default(0),",
      "  body: text('body'),",
      "  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),",
      "  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),",
    );
    out.push('}, (t) => [', i % 2 ? `  index('t${i}_parent_idx').on(t.parentId),` : `  index('t${i}_name_idx').on(t.name),`, ']);', '');
  }
  return out.join('\n');
}

/** One INSERT of about `bytes` bytes, one row per line. */
export function bigInsert(bytes) {
  const head = 'CREATE TABLE items (id bigint PRIMARY KEY, name text NOT NULL, price numeric(10, 2), tags text[]);\nINSERT INTO items (id, name, price, tags) VALUES\n';
  const rows = [];
  let size = head.length;
  for (let i = 0; size < bytes; i++) {
    const row = `  (${i}, 'item ${i} ''quoted''', ${(i % 1000) / 10}, ARRAY['a${i % 7}', 'b${i % 11}'])`;
    rows.push(row);
    size += row.length + 2;
  }
  return head + rows.join(',\n') + ';\n';
}

/** The text of migration `i` of a history: tables, columns, indexes and the odd data fix. */
export function migrationText(i) {
  const t = Math.floor(i / 3);
  switch (i % 3) {
    case 0:
      return (
        `-- CreateTable\nCREATE TABLE "t${t}" (\n    "id" BIGSERIAL NOT NULL,\n    "name" TEXT NOT NULL,\n    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,\n` +
        (t > 0 ? `    "parent_id" BIGINT,\n` : '') +
        `\n    CONSTRAINT "t${t}_pkey" PRIMARY KEY ("id")\n);\n`
      );
    case 1:
      return (
        `-- AlterTable\nALTER TABLE "t${t}" ADD COLUMN "note" TEXT;\n\n-- CreateIndex\nCREATE INDEX "t${t}_name_idx" ON "t${t}"("name");\n` +
        (t > 0 ? `\n-- AddForeignKey\nALTER TABLE "t${t}" ADD CONSTRAINT "t${t}_parent_id_fkey" FOREIGN KEY ("parent_id") REFERENCES "t${t - 1}"("id") ON DELETE SET NULL ON UPDATE CASCADE;\n` : '')
      );
    default:
      return `-- AlterTable\nALTER TABLE "t${t}" ALTER COLUMN "note" SET DEFAULT '';\nUPDATE "t${t}" SET "note" = '' WHERE "note" IS NULL;\n`;
  }
}

/** Writes `n` Prisma migration folders (and the schema they come with) under `dir`; returns the migrations folder. */
export function migrationFolders(dir, n) {
  const migrations = path.join(dir, 'prisma', 'migrations');
  fs.mkdirSync(migrations, { recursive: true });
  fs.writeFileSync(path.join(migrations, 'migration_lock.toml'), 'provider = "postgresql"\n');
  for (let i = 0; i < n; i++) {
    const stamp = String(20200101000000 + i * 100).padStart(14, '0');
    const folder = path.join(migrations, `${stamp}_m${i}`);
    fs.mkdirSync(folder, { recursive: true });
    fs.writeFileSync(path.join(folder, 'migration.sql'), migrationText(i));
  }
  return migrations;
}

if (process.argv[1] && path.resolve(process.argv[1]) === path.resolve(new URL(import.meta.url).pathname)) {
  const out = path.resolve(process.argv[2] ?? 'perf-inputs');
  fs.mkdirSync(out, { recursive: true });
  fs.writeFileSync(path.join(out, 'oneline.sql'), oneLine(2 * 1048576));
  fs.writeFileSync(path.join(out, 'insert.sql'), bigInsert(2 * 1048576));
  for (const n of [2000, 4000, 8000]) fs.writeFileSync(path.join(out, `ddl${n}.sql`), ddl(n));
  for (const n of [750, 1500, 3000]) migrationFolders(path.join(out, `history${n}`), n);
  console.log(`wrote ${out}`);
}
