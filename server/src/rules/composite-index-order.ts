import { findColumn, type Column, type Index, type Table } from '../model/schema';
import { counts, indexSubject, primaryKey, sameName, writtenColumns } from './support/model';
import { defineRule } from './types';

/** Instants are searched by range; a `date` is as often an equality key (daily rows), so it is left alone. */
const RANGE_TYPES = new Set(['timestamp', 'timestamptz', 'datetime', 'datetime2', 'smalldatetime', 'datetimeoffset']);

/**
 * A required timestamp: searched by range or sorted on. A nullable one (`deletedAt`, `processedAt`) is as
 * often looked up with `IS NULL`, an equality, and is left alone.
 */
function isRange(c: Column | undefined): boolean {
  return !!c && !c.type.array && !c.nullable && RANGE_TYPES.has(c.type.name);
}

/**
 * The better order for the index, or undefined when it is fine: equality columns first, then range
 * columns, each group in its written order. Trailing primary key columns stay last: `(created_at, id)`
 * is the keyset-pagination shape, ordered on purpose.
 */
function betterOrder(table: Table, ix: Index): string[] | undefined {
  const pk = primaryKey(table)?.columns ?? [];
  let end = ix.columns.length;
  const suffix = ix.columns.slice(ix.columns.length - pk.length);
  if (pk.length && pk.length < ix.columns.length && suffix.every((c) => pk.some((p) => sameName(p, c)))) end -= pk.length;
  const body = ix.columns.slice(0, end);
  const tail = ix.columns.slice(end);
  const cols = body.map((name) => ({ name, column: findColumn(table, name) }));
  // Expression entries (`(lower(email))`) and unknown columns: no opinion.
  if (cols.some((c) => !c.column)) return undefined;
  // Only a timestamp in the lead is clearly backwards. In the middle, (site, created_at, browser) is
  // often deliberate: the trailing columns ride along for index-only scans of a time range.
  if (!isRange(cols[0]?.column) || !cols.some((c) => !isRange(c.column))) return undefined;
  // (published_at, id, community_id): the key right behind the timestamp makes it a total order, the
  // shape of keyset pagination; what follows rides along.
  if (pk.length && pk.every((p, k) => body[1 + k] !== undefined && sameName(p, body[1 + k]))) return undefined;
  const eq = cols.filter((c) => !isRange(c.column)).map((c) => c.name);
  const range = cols.filter((c) => isRange(c.column)).map((c) => c.name);
  return [...eq, ...range, ...tail];
}

export default defineRule({
  meta: {
    id: 'composite-index-order',
    category: 'design',
    defaultSeverity: 'hint',
    appliesTo: ['prisma', 'pg', 'sqlite', 'mysql'],
    fixable: true,
    summary: 'A composite index should not lead with a timestamp that equality columns follow.',
    why:
      'A B-tree on (a, b) is sorted by a, then by b within each a. A query such as `WHERE user_id = $1 AND created_at > ' +
      '$2` finds one contiguous slice of an index on (user_id, created_at). On (created_at, user_id) the matching ' +
      'entries are spread over the whole time range, and the database walks all of them, checking user_id as it goes. ' +
      'Required timestamps are almost always searched by range or sorted on, so one leading an index that also has ' +
      'equality columns is usually the wrong way round. Left alone: an index that ends in the primary key or has it ' +
      'right behind the timestamp (`(created_at, id)`, the keyset pagination shape), a timestamp in the middle (`(site_id, created_at, browser)`, where the last ' +
      'column often rides along for index-only scans), nullable timestamps (`deleted_at`, usually tested with `IS ' +
      'NULL`, an equality) and unique constraints, whose column order names them in Prisma.',
    fix:
      'Reorder the columns: equality columns first, then the range columns. The fix rewrites the column list in that ' +
      'order. It changes which queries the index serves (a query filtering only on the timestamp loses it), so it is ' +
      'offered, not applied on save.',
    principle: 'Equality first, range last: the leading columns decide what an index can find.',
    examples: [
      {
        language: 'prisma',
        bad:
          'datasource db {\n  provider = "postgresql"\n}\n\nmodel Order {\n  id        Int      @id\n  userId    Int\n  createdAt DateTime @db.Timestamptz(3)\n\n  @@index([createdAt, userId])\n}\n',
        good:
          'datasource db {\n  provider = "postgresql"\n}\n\nmodel Order {\n  id        Int      @id\n  userId    Int\n  createdAt DateTime @db.Timestamptz(3)\n\n  @@index([userId, createdAt])\n}\n',
      },
      {
        language: 'sql',
        bad:
          'CREATE TABLE orders (id bigint PRIMARY KEY, user_id bigint NOT NULL, created_at timestamptz NOT NULL);\n' +
          'CREATE INDEX orders_created_at_user_id_idx ON orders (created_at, user_id);\n',
        good:
          'CREATE TABLE orders (id bigint PRIMARY KEY, user_id bigint NOT NULL, created_at timestamptz NOT NULL);\n' +
          'CREATE INDEX orders_user_id_created_at_idx ON orders (user_id, created_at);\n',
      },
    ],
  },

  checkTable(ctx, table) {
    if (!counts(table)) return;
    for (const ix of table.indexes) {
      if (ix.kind !== 'index' || ix.columns.length < 2 || !ix.source) continue;
      if (ix.method && ix.method !== 'btree') continue;
      const order = betterOrder(table, ix);
      if (!order) continue;
      const better = writtenColumns(table, order).join(', ');
      const range = writtenColumns(table, ix.columns.filter((c) => isRange(findColumn(table, c))));
      ctx.report({
        message:
          `${indexSubject(table, ix)} puts ${range.join(', ')} (a timestamp, searched by range) before columns ` +
          `compared for equality: a query on both reads every entry in the time range. Put the equality columns first: (${better}).`,
        at: ix.source,
        fixes: [
          {
            title: `Reorder to (${better})`,
            safe: false,
            preferred: true,
            intent: { kind: 'reorderIndex', table, index: ix, columns: order },
          },
        ],
      });
    }
  },
});
