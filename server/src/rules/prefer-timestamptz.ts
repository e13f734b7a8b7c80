import { columnDisplayName, displayName, type Column } from '../model/schema';
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
      'plan that as a migration, which is why this fix is offered but not applied on save. A table with several such ' +
      'columns gets one finding, at the first, and its fix changes them all.',
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

  checkTable(ctx, table) {
    if (ctx.dialect !== 'postgresql' && ctx.dialect !== 'cockroachdb') return;
    if (table.kind !== 'table') return;
    // One finding per table and file: a model whose every DateTime lacks a time zone reads as one decision, not five.
    let byFile: Map<string, Column[]> | undefined;
    for (const column of table.columns) {
      if (column.type.name !== 'timestamp') continue;
      const uri = (column.type.source ?? column.source).uri;
      byFile ??= new Map();
      byFile.set(uri, [...(byFile.get(uri) ?? []), column]);
    }
    for (const columns of byFile?.values() ?? []) {
      const targets = columns.map((c) => {
        const precision = c.type.params.length ? `(${c.type.params[0]})` : '';
        return ctx.language === 'prisma' ? `@db.Timestamptz${precision || '(3)'}` : `timestamptz${precision}`;
      });
      const target = targets.every((t) => t === targets[0]) ? targets[0] : ctx.language === 'prisma' ? '@db.Timestamptz' : 'timestamptz';
      const names = columns.map((c) => columnDisplayName(c));
      const what =
        columns.length === 1
          ? `${displayName(table)}.${names[0]} is a timestamp without time zone: the stored value has no offset`
          : `${displayName(table)}.${names.slice(0, -1).join(', ')} and ${names[names.length - 1]} are timestamps without time zone: the stored values have no offset`;
      const intents = columns.map((column) => ({ kind: 'changeColumnType' as const, table, column, sql: 'timestamptz', prismaNative: 'Timestamptz', keepParams: true }));
      const title = ctx.language === 'prisma' ? `Use ${target}` : `Change type to ${target}`;
      ctx.report({
        message: `${what}, so ${columns.length === 1 ? 'it names' : 'they name'} a different instant in every time zone. Use ${target}${columns.length > 1 ? ' for each' : ''}.`,
        at: columns[0].type.source ?? columns[0].source,
        related: columns.slice(1).map((c) => ({ message: `${columnDisplayName(c)}: timestamp without time zone`, at: c.type.source ?? c.source })),
        fixes: [{ title: columns.length === 1 ? title : `${title} (${columns.length} columns)`, safe: false, preferred: true, intent: intents[0], also: intents.slice(1) }],
      });
    }
  },
});
