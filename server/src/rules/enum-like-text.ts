import { counts, fromOptions, inColumns, isTextType, label, literalDefault, namesOf, stringList, words } from './support/model';
import { defineRule } from './types';

const NAMES = ['status', 'state', 'role', 'type', 'kind', 'tier', 'plan', 'visibility', 'stage', 'phase', 'priority', 'level', 'mode'];

/** The option `names`, lower case, once per options object. */
const nameSet = fromOptions((o) => new Set(stringList(o.names, NAMES).map((n) => n.toLowerCase())));

export default defineRule({
  meta: {
    id: 'enum-like-text',
    category: 'design',
    defaultSeverity: 'hint',
    appliesTo: ['prisma', 'pg', 'sqlite', 'mysql'],
    fixable: false,
    summary: 'A free-text status, role or type column that only takes a few values.',
    why:
      'A column named `status`, `role`, `type` (an option) with a literal default such as `\'draft\'` holds one of a ' +
      'small fixed set of values, but as plain text it accepts anything: a typo (`\'pubished\'`) or a value from an ' +
      'old release is stored without complaint, and every query and report has to guess the spelling. An enum type ' +
      'or a CHECK constraint makes the set part of the schema, documented and enforced in one place.',
    fix:
      'Prisma: declare an `enum` and use it as the field type (Prisma creates a native enum on PostgreSQL and MySQL and ' +
      'checks values on SQLite). SQL: `CHECK (status IN (\'draft\', \'published\', \'archived\'))`, or `CREATE TYPE ... AS ' +
      'ENUM`. A CHECK is easier to change later (adding a value to a PostgreSQL enum is fine, removing one is not). ' +
      'No automatic fix: only you know the full set of values.',
    principle: 'Let the schema state the values a column may take.',
    options: {
      names: { type: 'string[]', default: NAMES, description: 'Last words of column or field names that mark a status-like column (`orderStatus`, `user_role`).' },
    },
    examples: [
      {
        language: 'prisma',
        bad: 'datasource db {\n  provider = "postgresql"\n}\n\nmodel Post {\n  id     Int    @id\n  status String @default("draft")\n}\n',
        good:
          'datasource db {\n  provider = "postgresql"\n}\n\nenum PostStatus {\n  draft\n  published\n  archived\n}\n\n' +
          'model Post {\n  id     Int        @id\n  status PostStatus @default(draft)\n}\n',
      },
      {
        language: 'sql',
        bad: "CREATE TABLE posts (\n  id bigint PRIMARY KEY,\n  status text NOT NULL DEFAULT 'draft'\n);\n",
        good: "CREATE TABLE posts (\n  id bigint PRIMARY KEY,\n  status text NOT NULL DEFAULT 'draft' CHECK (status IN ('draft', 'published', 'archived'))\n);\n",
      },
    ],
  },

  checkTable(ctx, table) {
    if (!counts(table)) return;
    const names = nameSet(ctx.options);
    for (const column of table.columns) {
      if (column.type.array || !isTextType(column)) continue;
      const value = literalDefault(column);
      if (value === undefined) continue;
      const word = namesOf(column)
        .map((n) => words(n).pop())
        .find((w) => w !== undefined && names.has(w));
      if (!word) continue;
      if (table.checks?.some((c) => inColumns(c.columns, column.name))) continue;
      const advice =
        table.origin === 'prisma'
          ? ctx.dialect === 'sqlserver'
            ? 'Prisma has no enums on SQL Server: add a CHECK constraint in a SQL migration, or validate in one place in the application.'
            : 'Declare an enum with the allowed values and use it as the field type.'
          : `Add CHECK (${column.name} IN ('${value.replace(/'/g, "''")}', ...)) or use an enum type.`;
      ctx.report({
        message:
          `${label(table, column)} is free text with the default "${value}", so it presumably takes a few fixed values, but nothing ` +
          `stops a misspelt or retired value from being stored. ${advice}`,
        at: column.source,
      });
    }
  },
});
