import { displayName, findColumn, findTable, type ReferentialAction } from '../model/schema';
import type { FixProposal } from '../model/intents';
import { article } from '../model/text';
import { stringList, tables, writtenColumns } from './support/model';
import { defineRule } from './types';

const PRISMA: Record<string, ReferentialAction> = { Cascade: 'cascade', SetNull: 'set null', Restrict: 'restrict', NoAction: 'no action' };
const SQL: Record<ReferentialAction, string> = {
  cascade: 'CASCADE',
  'set null': 'SET NULL',
  restrict: 'RESTRICT',
  'no action': 'NO ACTION',
  'set default': 'SET DEFAULT',
};
const PRISMA_NAME: Record<ReferentialAction, string> = {
  cascade: 'Cascade',
  'set null': 'SetNull',
  restrict: 'Restrict',
  'no action': 'NoAction',
  'set default': 'SetDefault',
};

export default defineRule({
  meta: {
    id: 'fk-on-delete',
    category: 'design',
    defaultSeverity: 'info',
    appliesTo: ['prisma', 'pg', 'sqlite', 'mysql'],
    fixable: true,
    summary: 'Say what deleting the referenced row does to the rows that reference it.',
    why:
      'A foreign key without an ON DELETE clause gets a default nobody chose: in SQL `NO ACTION`, which makes the ' +
      'delete of a still-referenced parent fail; in Prisma `Restrict` for required relations and `SetNull` for optional ' +
      'ones. Whether a user\'s posts should disappear with the user (`Cascade`), stay without an author (`SetNull`) or ' +
      'keep the user from being deleted (`Restrict`) is a product decision, and writing it down puts it where ' +
      'reviewers see it.\n\n`RESTRICT` is a trade-off: it protects critical references such as order lines, but deletes then ' +
      'fail far from the code that caused them. The option `actions` chooses which fixes are offered. See ' +
      '[Foreign keys](https://www.postgresql.org/docs/current/ddl-constraints.html#DDL-CONSTRAINTS-FK) in the PostgreSQL ' +
      'manual and [Referential actions](https://www.prisma.io/docs/orm/prisma-schema/data-model/relations/referential-actions) in the Prisma docs.',
    fix:
      'Add the action: `onDelete: Cascade | SetNull | Restrict` in the Prisma `@relation`, `ON DELETE CASCADE | SET NULL ' +
      '| RESTRICT` in SQL. One fix is offered per action; `SetNull` only when the foreign key columns are nullable. ' +
      'On SQL Server, where Prisma has no `Restrict`, `NoAction` is offered instead. None of them is applied on save: ' +
      'each changes what a delete does.',
    principle: 'Decide the lifecycle of dependent rows explicitly.',
    options: {
      actions: {
        type: 'string[]',
        default: ['Cascade', 'SetNull', 'Restrict'],
        description: 'The actions offered as fixes, in order (`Cascade`, `SetNull`, `Restrict`, `NoAction`).',
      },
    },
    examples: [
      {
        language: 'prisma',
        bad:
          'datasource db {\n  provider = "postgresql"\n}\n\nmodel User {\n  id    Int    @id\n  posts Post[]\n}\n\n' +
          'model Post {\n  id       Int  @id\n  authorId Int\n  author   User @relation(fields: [authorId], references: [id])\n\n  @@index([authorId])\n}\n',
        good:
          'datasource db {\n  provider = "postgresql"\n}\n\nmodel User {\n  id    Int    @id\n  posts Post[]\n}\n\n' +
          'model Post {\n  id       Int  @id\n  authorId Int\n  author   User @relation(fields: [authorId], references: [id], onDelete: Cascade)\n\n  @@index([authorId])\n}\n',
      },
      {
        language: 'sql',
        bad: 'CREATE TABLE users (id bigint PRIMARY KEY);\nCREATE TABLE posts (\n  id bigint PRIMARY KEY,\n  author_id bigint NOT NULL REFERENCES users (id)\n);\n',
        good:
          'CREATE TABLE users (id bigint PRIMARY KEY);\nCREATE TABLE posts (\n  id bigint PRIMARY KEY,\n  author_id bigint NOT NULL REFERENCES users (id) ON DELETE CASCADE\n);\n',
      },
    ],
  },

  checkSchema(ctx) {
    const wanted = stringList(ctx.options.actions, ['Cascade', 'SetNull', 'Restrict'])
      .map((a) => PRISMA[a] ?? PRISMA[Object.keys(PRISMA).find((k) => k.toLowerCase() === a.toLowerCase().replace(/[^a-z]/g, '')) ?? ''])
      .filter((a): a is ReferentialAction => !!a);
    for (const table of tables(ctx.schema)) {
      for (const fk of table.foreignKeys) {
        if (fk.onDelete || fk.columns.length === 0) continue;
        const prisma = table.origin === 'prisma';
        const nullable = fk.columns.every((c) => findColumn(table, c)?.nullable === true);
        const parentTable = findTable(ctx.schema, fk.refTable);
        const parent = parentTable ? displayName(parentTable) : fk.refTable;
        const child = displayName(table);
        const cols = writtenColumns(table, fk.columns).join(', ');
        const what = prisma ? `${child}.${fk.relationField ?? cols}` : `Foreign key ${child}(${cols}) → ${parent}`;
        const implicit: ReferentialAction = prisma ? (nullable ? 'set null' : ctx.dialect === 'sqlserver' ? 'no action' : 'restrict') : 'no action';
        const consequence =
          implicit === 'set null'
            ? `deleting ${article(parent)} ${parent} row quietly empties ${cols} here`
            : `deleting ${article(parent)} ${parent} row that ${child} rows still reference fails`;
        const fixes: FixProposal[] = [];
        for (let action of wanted) {
          if (action === 'set null' && !nullable) continue;
          if (action === 'restrict' && prisma && ctx.dialect === 'sqlserver') action = 'no action';
          if (fixes.some((f) => f.intent.kind === 'setOnDelete' && f.intent.action === action)) continue;
          fixes.push({
            title: prisma ? `Add onDelete: ${PRISMA_NAME[action]}` : `Add ON DELETE ${SQL[action]}`,
            safe: false,
            intent: { kind: 'setOnDelete', table, fk, action },
          });
        }
        const options = fixes.map((f) => (f.intent.kind === 'setOnDelete' ? (prisma ? PRISMA_NAME[f.intent.action] : SQL[f.intent.action]) : '')).join(', ');
        ctx.report({
          message:
            `${what} has no ${prisma ? 'onDelete' : 'ON DELETE'} action, so it gets ${prisma ? PRISMA_NAME[implicit] : SQL[implicit]} by default: ` +
            `${consequence}. Write down the intended behaviour${options ? ` (${options})` : ''}.`,
          at: fk.head ?? fk.source,
          fixes,
        });
      }
    }
  },
});
