import { counts, label } from './support/model';
import { defineRule } from './types';

export default defineRule({
  meta: {
    id: 'ban-money-type',
    category: 'design',
    defaultSeverity: 'warning',
    appliesTo: ['prisma', 'pg'],
    fixable: true,
    summary: 'Do not use the money type.',
    why:
      'PostgreSQL\'s `money` (Prisma `@db.Money`) stores an amount with the number of decimals of the server\'s ' +
      '`lc_monetary` setting and formats it with that locale\'s currency symbol. Restore a dump on a server with ' +
      'another locale and the same bytes mean different amounts; it holds no currency of its own, rounds division ' +
      'results, and most drivers return it as a formatted string. `numeric` has none of these problems.',
    fix: 'Use `numeric` (Prisma: `Decimal` with `@db.Decimal(p, s)`), and keep the currency in its own column when there can be more than one.',
    principle: 'A stored value must mean the same thing on every server that reads it.',
    examples: [
      {
        language: 'sql',
        bad: 'CREATE TABLE invoices (\n  id bigint PRIMARY KEY,\n  total money NOT NULL\n);\n',
        good: 'CREATE TABLE invoices (\n  id bigint PRIMARY KEY,\n  total numeric(12,2) NOT NULL\n);\n',
      },
      {
        language: 'prisma',
        bad: 'datasource db {\n  provider = "postgresql"\n}\n\nmodel Invoice {\n  id    Int     @id\n  total Decimal @db.Money\n}\n',
        good: 'datasource db {\n  provider = "postgresql"\n}\n\nmodel Invoice {\n  id    Int     @id\n  total Decimal @db.Decimal(12, 2)\n}\n',
      },
    ],
  },

  checkTable(ctx, table) {
    if (!counts(table)) return;
    if (ctx.dialect !== 'postgresql') return;
    for (const column of table.columns) {
      if (column.type.name !== 'money') continue;
      const prisma = column.type.prisma !== undefined;
      ctx.report({
        message:
          `${label(table, column)} is ${prisma ? '@db.Money' : 'money'}: its decimals and formatting follow the server's lc_monetary locale, so ` +
          `a restore elsewhere can change what the stored values mean. Use ${prisma ? '@db.Decimal(p, s)' : 'numeric'}.`,
        at: (prisma ? column.type.prisma?.native?.source : undefined) ?? column.type.source ?? column.source,
        fixes: [
          {
            title: prisma ? 'Use @db.Decimal(12, 2)' : 'Change type to numeric',
            safe: false,
            preferred: true,
            intent: { kind: 'changeColumnType', table, column, sql: prisma ? 'numeric(12,2)' : 'numeric', prismaNative: prisma ? 'Decimal' : undefined, keepParams: false },
          },
        ],
      });
    }
  },
});
