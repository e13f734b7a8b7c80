import { columnDisplayName, displayName } from '../model/schema';
import { defineRule } from './types';

export default defineRule({
  meta: {
    id: 'prefer-timestamptz',
    category: 'design',
    defaultSeverity: 'warning',
    appliesTo: ['prisma', 'pg'],
    fixable: true,
    summary: 'Store points in time as timestamptz, not timestamp without time zone.',
    why:
      '`timestamp` (without time zone) stores a wall-clock reading with no offset: the same value means different ' +
      'instants depending on the session or server time zone that wrote it, and comparisons across zones or DST changes ' +
      'go wrong silently. `timestamptz` stores an absolute instant (as UTC) in the same 8 bytes and converts on the way ' +
      'out. Prisma maps `DateTime` to `timestamp(3)` on PostgreSQL unless the field says `@db.Timestamptz`.',
    fix:
      'Use `timestamptz` (SQL) or add `@db.Timestamptz(3)` to the field (Prisma), keeping any explicit precision. ' +
      'Changing the type of an existing column rewrites the table and reinterprets stored values in the session time zone: ' +
      'plan that as a migration, which is why this fix is offered but not applied on save.',
    principle: 'Store instants as instants; convert to local time only at the edges.',
    examples: [
      {
        language: 'prisma',
        bad: 'datasource db {\n  provider = "postgresql"\n}\n\nmodel Event {\n  id        Int      @id\n  createdAt DateTime @default(now())\n}\n',
        good:
          'datasource db {\n  provider = "postgresql"\n}\n\nmodel Event {\n  id        Int      @id\n  createdAt DateTime @default(now()) @db.Timestamptz(3)\n}\n',
      },
      {
        language: 'sql',
        bad: 'CREATE TABLE events (\n  id bigint PRIMARY KEY,\n  created_at timestamp NOT NULL DEFAULT now()\n);\n',
        good: 'CREATE TABLE events (\n  id bigint PRIMARY KEY,\n  created_at timestamptz NOT NULL DEFAULT now()\n);\n',
      },
    ],
  },

  checkSchema(ctx) {
    if (ctx.dialect !== 'postgresql' && ctx.dialect !== 'cockroachdb') return;
    for (const table of ctx.schema.tables.values()) {
      if (table.kind !== 'table') continue;
      for (const column of table.columns) {
        if (column.type.name !== 'timestamp') continue;
        const name = `${displayName(table)}.${columnDisplayName(column)}`;
        const precision = column.type.params.length ? `(${column.type.params[0]})` : '';
        const target = ctx.language === 'prisma' ? `@db.Timestamptz${precision || '(3)'}` : `timestamptz${precision}`;
        ctx.report({
          message:
            `${name} is a timestamp without time zone: the stored value has no offset, so it names a different instant ` +
            `in every time zone. Use ${target}.`,
          at: column.type.source ?? column.source,
          fixes: [
            {
              title: ctx.language === 'prisma' ? `Use ${target}` : `Change type to ${target}`,
              safe: false,
              preferred: true,
              intent: { kind: 'changeColumnType', table, column, sql: 'timestamptz', prismaNative: 'Timestamptz', keepParams: true },
            },
          ],
        });
      }
    }
  },
});
