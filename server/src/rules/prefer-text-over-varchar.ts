import { counts, label } from './support/model';
import type { FixProposal } from '../model/intents';
import { defineRule } from './types';

export default defineRule({
  meta: {
    id: 'prefer-text-over-varchar',
    category: 'design',
    defaultSeverity: 'info',
    appliesTo: ['prisma', 'pg'],
    fixable: true,
    summary: 'In PostgreSQL, use text rather than varchar(n).',
    why:
      'PostgreSQL stores `text` and `varchar(n)` the same way and reads them at the same speed; the length is only a ' +
      'check on write. That check is a poor one: the limit is usually a guess (255 is a MySQL habit), it rejects real ' +
      'data with an error users see, and raising it later takes an ACCESS EXCLUSIVE lock on the table. ' +
      'Some teams still keep `varchar(n)` for bounded fields such as emails, on the grounds that an unbounded column ' +
      'invites abuse; the option `allowVarchar` accepts that choice. See ' +
      '[Character types](https://www.postgresql.org/docs/current/datatype-character.html) in the PostgreSQL manual.',
    fix:
      'Use `text` (Prisma: drop `@db.VarChar(n)`, a `String` is `text` on PostgreSQL). When the limit is a real rule ' +
      'of the domain, keep it as a constraint you can change without a rewrite: `text CHECK (char_length(col) <= n)` ' +
      '(offered as a second fix in SQL). The change lifts a limit, so it is offered, not applied on save.',
    principle: 'Types say what a value is; business limits belong in constraints that can change.',
    options: {
      allowVarchar: {
        type: 'boolean',
        default: false,
        description:
          'Accept `varchar(n)` with an explicit length as a deliberate limit; only `varchar` without a length, which is `text` under another name, is reported.',
      },
    },
    examples: [
      {
        language: 'prisma',
        bad: 'datasource db {\n  provider = "postgresql"\n}\n\nmodel User {\n  id    Int    @id\n  email String @db.VarChar(255)\n}\n',
        good: 'datasource db {\n  provider = "postgresql"\n}\n\nmodel User {\n  id    Int    @id\n  email String\n}\n',
      },
      {
        language: 'sql',
        bad: 'CREATE TABLE users (\n  id bigint PRIMARY KEY,\n  email varchar(255) NOT NULL\n);\n',
        good: 'CREATE TABLE users (\n  id bigint PRIMARY KEY,\n  email text NOT NULL\n);\n',
      },
    ],
  },

  checkTable(ctx, table) {
    if (!counts(table)) return;
    if (ctx.dialect !== 'postgresql') return;
    const allowVarchar = ctx.options.allowVarchar === true;
    for (const column of table.columns) {
      if (column.type.name !== 'varchar') continue;
      const n = column.type.params[0];
      if (n !== undefined && allowVarchar) continue;
      const name = label(table, column);
      const prisma = column.type.prisma !== undefined;
      const written = prisma ? `@db.VarChar${n !== undefined ? `(${n})` : ''}` : `varchar${n !== undefined ? `(${n})` : ''}`;
      const fixes: FixProposal[] = [
        {
          title: prisma ? `Remove ${written} (String is text)` : 'Change type to text',
          safe: false,
          preferred: true,
          intent: { kind: 'changeColumnType', table, column, sql: 'text', prismaNative: null, keepParams: false },
        },
      ];
      if (n !== undefined) {
        fixes.push({
          title: `Change type to text with CHECK (char_length(${column.name}) <= ${n})`,
          safe: false,
          intent: { kind: 'changeColumnType', table, column, sql: 'text', keepParams: false, prismaNative: null, lengthCheck: n },
        });
      }
      ctx.report({
        message:
          n === undefined
            ? `${name} is varchar without a length: that is text under another name. Write text.`
            : `${name} is ${written}: in PostgreSQL that is text with a length check, no faster or smaller, and raising ` +
              `the limit later locks the table. Use text, with a CHECK constraint if ${n} characters is a real rule.`,
        at: (prisma ? column.type.prisma?.native?.source : undefined) ?? column.type.source ?? column.source,
        fixes,
      });
    }
  },
});
