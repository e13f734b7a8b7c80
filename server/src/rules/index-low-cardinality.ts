import { findColumn } from '../model/schema';
import { fewValues, indexSubject, label, tables } from './support/model';
import { defineRule } from './types';

export default defineRule({
  meta: {
    id: 'index-low-cardinality',
    category: 'design',
    defaultSeverity: 'hint',
    appliesTo: ['prisma', 'pg', 'sqlite', 'mysql'],
    fixable: false,
    summary: 'A single-column index on a boolean or a small enum rarely helps.',
    why:
      'An index pays off when it narrows a lookup to a few rows. A boolean has two values and a small enum three: for ' +
      'the common value the planner is better off scanning the table, and the index is skipped while every write still ' +
      'updates it. When queries look for the rare value (`WHERE NOT processed`), a partial index on what those ' +
      'queries sort or filter by, restricted to that value, is smaller and serves them directly. When the flag narrows ' +
      'a query together with another column, a composite index that starts with the selective column does.',
    fix:
      'SQL: replace the index with a partial one, e.g. `CREATE INDEX jobs_pending_idx ON jobs (created_at) WHERE NOT ' +
      'processed`. Prisma: put the flag behind a selective column in a composite index (`@@index([userId, archived])`), ' +
      'or create the partial index in a SQL migration. Or drop the index if nothing uses it. No automatic fix: the ' +
      'right replacement depends on the queries.',
    principle: 'Index what narrows the search.',
    examples: [
      {
        language: 'prisma',
        bad: 'datasource db {\n  provider = "postgresql"\n}\n\nmodel Post {\n  id        Int     @id\n  authorId  Int\n  published Boolean\n\n  @@index([published])\n}\n',
        good: 'datasource db {\n  provider = "postgresql"\n}\n\nmodel Post {\n  id        Int     @id\n  authorId  Int\n  published Boolean\n\n  @@index([authorId, published])\n}\n',
      },
      {
        language: 'sql',
        bad: 'CREATE TABLE jobs (\n  id bigint PRIMARY KEY,\n  processed boolean NOT NULL,\n  created_at timestamptz NOT NULL\n);\nCREATE INDEX jobs_processed_idx ON jobs (processed);\n',
        good:
          'CREATE TABLE jobs (\n  id bigint PRIMARY KEY,\n  processed boolean NOT NULL,\n  created_at timestamptz NOT NULL\n);\n' +
          'CREATE INDEX jobs_pending_idx ON jobs (created_at) WHERE NOT processed;\n',
      },
    ],
  },

  checkSchema(ctx) {
    for (const table of tables(ctx.schema)) {
      for (const ix of table.indexes) {
        if (ix.kind !== 'index' || ix.columns.length !== 1 || ix.where || !ix.source) continue;
        if (ix.method && ix.method !== 'btree' && ix.method !== 'hash') continue;
        const column = findColumn(table, ix.columns[0]);
        const kind = column && fewValues(ctx.schema, column, ctx.dialect);
        if (!column || !kind) continue;
        const name = label(table, column);
        const instead =
          table.origin === 'prisma'
            ? `Put it behind a selective column in a composite index (@@index([otherField, ${column.fieldName ?? column.name}])), or create a partial index in a SQL migration.`
            : `If queries look for one value, index what they filter or sort by WHERE ${column.name} is that value (a partial index).`;
        ctx.report({
          message:
            `${indexSubject(table, ix)} indexes ${name}, ${kind}: each value matches a large share of the rows, so the ` +
            `planner mostly scans the table anyway while every write updates the index. ${instead}`,
          at: ix.source,
        });
      }
    }
  },
});
