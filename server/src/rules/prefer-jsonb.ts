import { counts, label } from './support/model';
import { defineRule } from './types';

export default defineRule({
  meta: {
    id: 'prefer-jsonb',
    category: 'design',
    defaultSeverity: 'warning',
    appliesTo: ['prisma', 'pg'],
    fixable: true,
    summary: 'In PostgreSQL, store JSON as jsonb, not json.',
    why:
      '`json` keeps the input text as it came (whitespace, key order, duplicate keys) and re-parses it on every ' +
      'access. `jsonb` stores a parsed binary form: operators such as `@>`, `?` and `->>` run without re-parsing, ' +
      'values can be compared for equality (so `DISTINCT`, `GROUP BY` and unique indexes work), and GIN indexes can ' +
      'serve containment queries. `json` has none of that. Prisma already maps `Json` to `jsonb` on PostgreSQL; ' +
      'only an explicit `@db.Json` asks for the old type.',
    fix:
      'SQL: change the type to `jsonb`. Prisma: remove `@db.Json`. Converting an existing column rewrites the table ' +
      'and drops duplicate keys and key order, which code could depend on: the fix is offered, not applied on save.',
    principle: 'Store data in the form the database can query.',
    examples: [
      {
        language: 'prisma',
        bad: 'datasource db {\n  provider = "postgresql"\n}\n\nmodel Event {\n  id      Int  @id\n  payload Json @db.Json\n}\n',
        good: 'datasource db {\n  provider = "postgresql"\n}\n\nmodel Event {\n  id      Int  @id\n  payload Json\n}\n',
      },
      {
        language: 'sql',
        bad: 'CREATE TABLE events (\n  id bigint PRIMARY KEY,\n  payload json NOT NULL\n);\n',
        good: 'CREATE TABLE events (\n  id bigint PRIMARY KEY,\n  payload jsonb NOT NULL\n);\n',
      },
    ],
  },

  checkTable(ctx, table) {
    if (!counts(table)) return;
    if (ctx.dialect !== 'postgresql') return;
    for (const column of table.columns) {
      if (column.type.name !== 'json') continue;
      const prisma = column.type.prisma !== undefined;
      ctx.report({
        message:
          `${label(table, column)} is ${prisma ? '@db.Json' : 'json'}: PostgreSQL re-parses the text on every access, cannot compare ` +
          `values and cannot index them with GIN. Use jsonb${prisma ? ' (remove @db.Json: Json maps to jsonb)' : ''}.`,
        at: (prisma ? column.type.prisma?.native?.source : undefined) ?? column.type.source ?? column.source,
        fixes: [
          {
            title: prisma ? 'Remove @db.Json (Json is jsonb)' : 'Change type to jsonb',
            safe: false,
            preferred: true,
            intent: { kind: 'changeColumnType', table, column, sql: 'jsonb', prismaNative: null, keepParams: false },
          },
        ],
      });
    }
  },
});
