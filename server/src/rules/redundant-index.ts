import type { Index, Table } from '../model/schema';
import { counts, indexLabel, indexSubject, leads, sameName } from './support/model';
import { defineRule } from './types';

const method = (ix: Index) => ix.method ?? 'btree';
const predicate = (ix: Index) => (ix.where ?? '').replace(/\s+/g, ' ').trim().toLowerCase();

function sameSet(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((c) => b.some((d) => sameName(c, d)));
}

/**
 * Why `a` adds nothing next to `b`, or undefined when it does. Only B-tree indexes serve leading-prefix
 * lookups; other methods are redundant only when identical. `order` breaks ties between twins (the
 * later one is reported).
 */
function redundantBeside(a: Index, b: Index, aFirst: boolean): 'same' | 'prefix' | undefined {
  if (a.kind === 'primary' || method(a) !== method(b) || predicate(a) !== predicate(b)) return undefined;
  const equal = a.columns.length === b.columns.length && leads(a.columns, b.columns);
  if (a.kind === 'unique') {
    // A uniqueness rule is only redundant beside the same rule (a key over the same columns).
    if (b.kind === 'index' || !sameSet(a.columns, b.columns)) return undefined;
    if (!equal && b.kind !== 'primary') return undefined;
    if (b.kind === 'unique' && aFirst) return undefined;
    return 'same';
  }
  if (equal) return b.kind === 'index' && aFirst ? undefined : 'same';
  if (method(a) !== 'btree' || a.columns.length === 0) return undefined;
  return leads(a.columns, b.columns) ? 'prefix' : undefined;
}

function findCover(table: Table, a: Index): { by: Index; how: 'same' | 'prefix' } | undefined {
  const i = table.indexes.indexOf(a);
  // A twin first, then the narrowest index that has it as a prefix.
  let best: { by: Index; how: 'same' | 'prefix' } | undefined;
  table.indexes.forEach((b, j) => {
    if (j === i) return;
    const how = redundantBeside(a, b, i < j);
    if (!how) return;
    if (!best || (how === 'same' && best.how === 'prefix') || (how === best.how && b.columns.length < best.by.columns.length)) best = { by: b, how };
  });
  return best;
}

export default defineRule({
  meta: {
    id: 'redundant-index',
    category: 'design',
    defaultSeverity: 'warning',
    appliesTo: ['prisma', 'pg', 'sqlite', 'mysql'],
    fixable: true,
    summary: 'An index that another index on the same table already provides.',
    why:
      'A B-tree index on (a, b) already answers every lookup on (a) alone, and a unique constraint or primary key ' +
      'is an index too: `email @unique` next to `@@index([email])` builds the same structure twice. Every extra index ' +
      'is written on each INSERT, on UPDATEs of its columns and on DELETE, takes disk and cache memory, and gives the ' +
      'planner one more choice to get wrong. Indexes with a different method (GIN, hash) or a different predicate ' +
      '(partial indexes) serve other queries and are never counted as duplicates.',
    fix:
      'Remove the redundant index. The fix deletes the `@@index` line or the `@unique` attribute (Prisma) or the ' +
      '`CREATE INDEX` statement (SQL). Removing an exact duplicate of a plain index is safe and runs on save; dropping ' +
      'a shorter prefix index or a duplicate unique constraint is offered but left for you to decide (a unique ' +
      'constraint may be named in code, e.g. in a Prisma `where` input or an `ON CONFLICT` clause). In a migration ' +
      'that already ran, write a new migration with `DROP INDEX` instead of editing the old one.',
    principle: 'Each index must earn its write cost by serving queries no other index serves.',
    examples: [
      {
        language: 'prisma',
        bad:
          'datasource db {\n  provider = "postgresql"\n}\n\nmodel User {\n  id    Int    @id\n  email String @unique\n\n  @@index([email])\n}\n',
        good: 'datasource db {\n  provider = "postgresql"\n}\n\nmodel User {\n  id    Int    @id\n  email String @unique\n}\n',
      },
      {
        language: 'sql',
        bad:
          'CREATE TABLE orders (\n  id bigint PRIMARY KEY,\n  customer_id bigint NOT NULL,\n  created_at timestamptz NOT NULL\n);\n' +
          'CREATE INDEX orders_customer_id_idx ON orders (customer_id);\n' +
          'CREATE INDEX orders_customer_id_created_at_idx ON orders (customer_id, created_at);\n',
        good:
          'CREATE TABLE orders (\n  id bigint PRIMARY KEY,\n  customer_id bigint NOT NULL,\n  created_at timestamptz NOT NULL\n);\n' +
          'CREATE INDEX orders_customer_id_created_at_idx ON orders (customer_id, created_at);\n',
      },
    ],
  },

  checkTable(ctx, table) {
    if (!counts(table)) return;
    for (const ix of table.indexes) {
      if (!ix.source) continue;
      const cover = findCover(table, ix);
      if (!cover) continue;
      const mine = indexLabel(table, ix);
      const theirs = indexLabel(table, cover.by);
      const reason =
        cover.how === 'same'
          ? `${theirs} already indexes the same columns`
          : `${theirs} starts with the same columns and serves every lookup this one can`;
      const title = ctx.language === 'prisma' ? (ix.inline ? `Remove @unique` : `Remove ${mine}`) : `Remove ${mine}`;
      ctx.report({
        message:
          `${indexSubject(table, ix)} is redundant: ${reason}. Every write pays for both indexes and both take memory; remove this one.`,
        at: ix.source,
        related: cover.by.source ? [{ message: `the index that already covers it: ${theirs}`, at: cover.by.source }] : undefined,
        fixes: [
          {
            title,
            // Only an exact twin of a plain index goes without a second thought, and only in a schema file:
            // a SQL migration may already have run.
            safe: cover.how === 'same' && ix.kind === 'index' && table.origin === 'prisma',
            preferred: true,
            intent: { kind: 'dropIndex', table, index: ix },
          },
        ],
      });
    }
  },
});
