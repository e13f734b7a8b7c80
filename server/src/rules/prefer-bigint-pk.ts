import { displayName, findColumn } from '../model/schema';
import type { FixProposal } from '../model/intents';
import { isInt32Type, label, primaryKey, tables } from './support/model';
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
      if (!prisma) {
        const sql = serial ? 'bigserial' : 'bigint';
        fixes.push({ title: `Change type to ${sql}`, safe: false, preferred: true, intent: { kind: 'changeColumnType', table, column, sql, keepParams: false } });
      }
      const referencing = [...ctx.schema.tables.values()].filter((t) => t.foreignKeys.some((fk) => fk.refTable.toLowerCase() === table.key)).length;
      ctx.report({
        message:
          `${label(table, column)} is a 32-bit ${column.default?.generated ? 'generated ' : ''}primary key: it runs out after 2,147,483,647 ` +
          `values, and widening it later rewrites ${displayName(table)}${referencing ? ` and the ${referencing} table${referencing > 1 ? 's' : ''} referencing it` : ''}. ` +
          (prisma ? 'Use BigInt (its client type is bigint, so code using the id changes too).' : `Use ${serial ? 'bigserial' : 'bigint'}.`),
        at: column.type.source ?? column.source,
        fixes,
      });
    }
  },
});
