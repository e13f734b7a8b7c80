import { displayName, findColumn, type Column, type Dialect, type Schema, type Table } from '../model/schema';
import type { FixProposal } from '../model/intents';
import { isInt32Type, label, primaryKey, referencedColumns, referencingIndex, tables } from './support/model';
import { defineRule } from './types';

export default defineRule({
  meta: {
    id: 'prefer-bigint-pk',
    category: 'design',
    defaultSeverity: 'info',
    appliesTo: ['prisma', 'pg'],
    fixable: true,
    summary: 'Integer primary keys should be 64-bit.',
    why:
      'A 32-bit key tops out at 2,147,483,647. Sequences also burn values on rolled-back inserts, `ON CONFLICT` upserts ' +
      'and bulk loads, so busy tables get there sooner than their row count suggests, and on that day every insert ' +
      'fails. Widening the key later rewrites the table and every table that references it, under locks. A `bigint` ' +
      'costs 4 more bytes a row and never runs out. SQLite is exempt: its INTEGER PRIMARY KEY is already 64-bit.',
    fix:
      'SQL: `bigint` (`bigserial` for `serial`), and make the referencing columns `bigint` too. Prisma: use ' +
      '`BigInt @id @default(autoincrement())`. There is no Prisma quick fix, because `BigInt` fields are JavaScript ' +
      '`bigint` values in the client and every piece of code that touches the id changes type.',
    principle: 'Choose key types for the table you will have, not the one you have today.',
    examples: [
      {
        language: 'prisma',
        bad: 'datasource db {\n  provider = "postgresql"\n}\n\nmodel Event {\n  id Int @id @default(autoincrement())\n}\n',
        good: 'datasource db {\n  provider = "postgresql"\n}\n\nmodel Event {\n  id BigInt @id @default(autoincrement())\n}\n',
      },
      {
        language: 'sql',
        bad: 'CREATE TABLE events (\n  id serial PRIMARY KEY\n);\n',
        good: 'CREATE TABLE events (\n  id bigserial PRIMARY KEY\n);\n',
      },
    ],
  },

  checkSchema(ctx) {
    if (ctx.dialect === 'mongodb' || ctx.dialect === 'sqlite') return;
    // How many tables reference each table: counted once a 32-bit key is found.
    let referencing: Map<string, number> | undefined;
    for (const table of tables(ctx.schema)) {
      const pk = primaryKey(table);
      if (!pk || pk.columns.length !== 1) continue;
      const column = findColumn(table, pk.columns[0]);
      if (!column || !isInt32Type(column, ctx.dialect) || column.type.array) continue;
      // A key the application assigns from elsewhere (a code, a lookup value) has a default other than a sequence.
      if (column.default && !column.default.generated) continue;
      const prisma = column.type.prisma !== undefined;
      const serial = /serial/i.test(column.type.written);
      const fixes: FixProposal[] = [];
      // A key that itself references a 32-bit key is widened by that key's fix, which carries it along.
      if (!prisma && !referencesInt32(ctx.schema, table, column, ctx.dialect)) {
        const sql = serial ? 'bigserial' : 'bigint';
        // Who references each key: worked out once per schema, and only once a 32-bit key asks.
        const also = referencingInt32(referencingIndex(ctx.schema), table, column, ctx.dialect);
        const title = `Change type to ${sql}${also.length ? ` (and ${also.length === 1 ? 'the column' : `the ${also.length} columns`} referencing it to bigint)` : ''}`;
        fixes.push({ title, safe: false, preferred: true, intent: { kind: 'changeColumnType', table, column, sql, keepParams: false, also } });
      }
      const referrers = (referencing ??= referencingTables(ctx.schema)).get(table.key) ?? 0;
      ctx.report({
        message:
          `${label(table, column)} is a 32-bit ${column.default?.generated ? 'generated ' : ''}primary key: it runs out after 2,147,483,647 ` +
          `values, and widening it later rewrites ${displayName(table)}${referrers ? ` and the ${referrers} table${referrers > 1 ? 's' : ''} referencing it` : ''}. ` +
          (prisma ? 'Use BigInt (its client type is bigint, so code using the id changes too).' : `Use ${serial ? 'bigserial' : 'bigint'}.`),
        at: column.type.source ?? column.source,
        fixes,
      });
    }
  },
});

/** Per table key (lower case), how many tables have a foreign key to it: read once, not once per table. */
function referencingTables(schema: Schema): Map<string, number> {
  const counts = new Map<string, number>();
  for (const t of schema.tables.values()) {
    for (const key of new Set(t.foreignKeys.map((fk) => fk.refTable.toLowerCase()))) counts.set(key, (counts.get(key) ?? 0) + 1);
  }
  return counts;
}

/**
 * The 32-bit columns whose foreign keys reference `key` (and, where such a column is itself a single-column
 * primary key, the columns referencing that one): widened with the key, or each join converts types.
 */
function referencingInt32(referencingOf: ReturnType<typeof referencingIndex>, table: Table, key: Column, dialect: Dialect): { table: Table; column: Column; sql: string }[] {
  const out: { table: Table; column: Column; sql: string }[] = [];
  const seen = new Set<Column>([key]);
  const queue = [{ table, column: key }];
  for (let parent = queue.shift(); parent; parent = queue.shift()) {
    for (const { table: t, column } of referencingOf(parent.table, parent.column)) {
      if (seen.has(column) || !isInt32Type(column, dialect) || column.type.array) continue;
      seen.add(column);
      out.push({ table: t, column, sql: /serial/i.test(column.type.written) ? 'bigserial' : 'bigint' });
      const pk = primaryKey(t);
      if (pk?.columns.length === 1 && pk.columns[0].toLowerCase() === column.name.toLowerCase()) queue.push({ table: t, column });
    }
  }
  return out;
}

/** Is `column` a foreign key to a 32-bit column? */
function referencesInt32(schema: Schema, table: Table, column: Column, dialect: Dialect): boolean {
  return referencedColumns(schema, table, column).some((ref) => isInt32Type(ref, dialect));
}
