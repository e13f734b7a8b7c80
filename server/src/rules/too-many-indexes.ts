import { displayName } from '../model/schema';
import { counts, INDEX_LIMIT, numberOption } from './support/model';
import { defineRule } from './types';

export default defineRule({
  meta: {
    id: 'too-many-indexes',
    category: 'design',
    defaultSeverity: 'info',
    appliesTo: ['prisma', 'pg', 'sqlite', 'mysql'],
    fixable: false,
    summary: 'A table with more indexes than the configured limit.',
    why:
      'Every index, the primary key and unique constraints included, is updated on each INSERT and DELETE and on each ' +
      'UPDATE that touches its columns (in PostgreSQL an update that changes any indexed column cannot be a HOT update ' +
      'and writes every index). Indexes also compete for cache memory and make migrations slower. Past a handful, ' +
      'some usually serve no query that another index could not, or were added for a query that no longer exists.',
    fix:
      'Check which indexes queries actually use (PostgreSQL: `pg_stat_user_indexes.idx_scan`; MySQL: ' +
      '`sys.schema_unused_indexes`), drop the unused ones and merge overlapping ones into one composite index (see ' +
      '`redundant-index`). The limit is the option `max`; tables that really are read-heavy can suppress the finding.',
    principle: 'Indexes are paid for on every write; keep the ones queries use.',
    options: {
      max: { type: 'number', default: INDEX_LIMIT, description: 'The most indexes (primary key and unique constraints included) a table may have.' },
    },
    examples: [
      {
        language: 'prisma',
        bad:
          'datasource db {\n  provider = "postgresql"\n}\n\nmodel Item {\n  id Int @id\n  a  Int\n  b  Int\n  c  Int\n  d  Int\n  e  Int\n  f  Int\n  g  Int\n  h  Int\n\n' +
          '  @@index([a])\n  @@index([b])\n  @@index([c])\n  @@index([d])\n  @@index([e])\n  @@index([f])\n  @@index([g])\n  @@index([h])\n}\n',
        good:
          'datasource db {\n  provider = "postgresql"\n}\n\nmodel Item {\n  id Int @id\n  a  Int\n  b  Int\n  c  Int\n  d  Int\n  e  Int\n  f  Int\n  g  Int\n  h  Int\n\n' +
          '  @@index([a, b])\n  @@index([c, d])\n  @@index([e])\n}\n',
      },
      {
        language: 'sql',
        bad:
          'CREATE TABLE t (id bigint PRIMARY KEY, a int, b int, c int, d int, e int, f int, g int, h int);\n' +
          'CREATE INDEX ON t (a);\nCREATE INDEX ON t (b);\nCREATE INDEX ON t (c);\nCREATE INDEX ON t (d);\n' +
          'CREATE INDEX ON t (e);\nCREATE INDEX ON t (f);\nCREATE INDEX ON t (g);\nCREATE INDEX ON t (h);\n',
        good: 'CREATE TABLE t (id bigint PRIMARY KEY, a int, b int, c int, d int, e int, f int, g int, h int);\nCREATE INDEX ON t (a, b);\n',
      },
    ],
  },

  checkTable(ctx, table) {
    if (!counts(table, { whole: true })) return;
    const max = numberOption(ctx.options.max, INDEX_LIMIT);
    const n = table.indexes.length;
    if (n <= max) return;
    const keys = table.indexes.filter((i) => i.kind !== 'index').length;
    ctx.report({
      message:
        `${displayName(table)} has ${n} indexes (${keys} primary or unique, ${n - keys} plain), more than ${max}: ` +
        `every insert and delete writes all of them. Drop the ones no query uses and merge overlapping ones.`,
      at: table.source,
      related: table.indexes.filter((i) => i.source).map((i) => ({ message: `index (${i.columns.join(', ')})`, at: i.source! })),
    });
  },
});
