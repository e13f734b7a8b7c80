import { label, referencedColumns, referencingIndex, tables } from './support/model';
import { defineRule } from './types';

export default defineRule({
  meta: {
    id: 'ban-char-type',
    category: 'design',
    defaultSeverity: 'info',
    appliesTo: ['prisma', 'pg'],
    fixable: true,
    summary: 'Do not use char(n): it pads values with blanks.',
    why:
      '`char(n)` (`character(n)`, Prisma `@db.Char(n)`) pads every value with spaces up to n characters and ignores ' +
      'trailing spaces in comparisons, but not in every function: `\'ab\'::char(4) || \'c\'` is `abc`, `LIKE` and ' +
      'regular expressions see the padding, and drivers hand the padded value to the application. It is no faster ' +
      'than `text` in PostgreSQL and takes more room. Fixed-length codes (country, currency) are better written as ' +
      '`text` with a CHECK on the length.',
    fix:
      'Use `text` (Prisma: drop `@db.Char(n)`), with `CHECK (char_length(col) = n)` when the length is a rule. ' +
      'Existing values keep their padding until they are trimmed; the fix is offered, not applied on save.',
    principle: 'Store the value, not its presentation.',
    examples: [
      {
        language: 'sql',
        bad: 'CREATE TABLE countries (\n  code char(2) PRIMARY KEY\n);\n',
        good: 'CREATE TABLE countries (\n  code text PRIMARY KEY CHECK (char_length(code) = 2)\n);\n',
      },
      {
        language: 'prisma',
        bad: 'datasource db {\n  provider = "postgresql"\n}\n\nmodel Country {\n  code String @id @db.Char(2)\n}\n',
        good: 'datasource db {\n  provider = "postgresql"\n}\n\nmodel Country {\n  code String @id\n}\n',
      },
    ],
  },

  checkSchema(ctx) {
    if (ctx.dialect !== 'postgresql') return;
    for (const table of tables(ctx.schema)) {
      for (const column of table.columns) {
        // `bpchar` is char(n); `char` alone is PostgreSQL's internal one-byte type.
        if (column.type.name !== 'bpchar') continue;
        const prisma = column.type.prisma !== undefined;
        const n = column.type.params[0];
        // A key column joined to char(n) columns of other tables: changing it alone would leave the two sides of
        // the foreign key of different types, so the fix is offered only where nothing else has to change with it.
        const keyed = [...referencedColumns(ctx.schema, table, column), ...referencingIndex(ctx.schema)(table, column).map((r) => r.column)].some((c) => c.type.name === 'bpchar');
        ctx.report({
          message:
            `${label(table, column)} is ${prisma ? `@db.Char${n !== undefined ? `(${n})` : ''}` : column.type.written}: values are padded with ` +
            `blanks to the full length, which leaks into concatenation, LIKE and the application. Use text${n !== undefined ? `, with a CHECK if ${n} characters is a rule` : ''}.`,
          at: (prisma ? column.type.prisma?.native?.source : undefined) ?? column.type.source ?? column.source,
          fixes: keyed ? [] : [
            {
              title: prisma ? `Remove @db.Char (String is text)` : 'Change type to text',
              safe: false,
              preferred: true,
              intent: { kind: 'changeColumnType', table, column, sql: 'text', prismaNative: null, keepParams: false },
            },
          ],
        });
      }
    }
  },
});
