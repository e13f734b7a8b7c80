import { displayName } from '../model/schema';
import { counts, indexLabel, primaryKey } from './support/model';
import { defineRule } from './types';

export default defineRule({
  meta: {
    id: 'require-primary-key',
    category: 'design',
    defaultSeverity: 'warning',
    appliesTo: ['prisma', 'pg', 'sqlite', 'mysql'],
    fixable: false,
    summary: 'Every table needs a primary key.',
    why:
      'A primary key is the one guaranteed way to address a single row: updates and deletes by key, foreign keys ' +
      'pointing at the table, ORMs that track rows, replication and change-data-capture tools all depend on it. ' +
      'PostgreSQL logical replication cannot replicate UPDATE or DELETE on a table without a key (or a replica identity), ' +
      'and MySQL/InnoDB silently adds a hidden 6-byte row id that no query can use. A `@unique` field (Prisma accepts ' +
      'a model identified only by one) is not the same: it may be nullable and it is not what tools look for.',
    fix:
      'Declare a primary key: `@id` / `@@id([...])` in Prisma, `PRIMARY KEY` in SQL. When a unique, non-null column ' +
      'already identifies the rows, promote it; otherwise add a surrogate key (`bigint GENERATED ALWAYS AS IDENTITY`, ' +
      'or a time-ordered UUID). There is no automatic fix: which key is right is a design decision.',
    principle: 'Every relation has a key; name it.',
    examples: [
      {
        language: 'prisma',
        bad: 'datasource db {\n  provider = "postgresql"\n}\n\nmodel Setting {\n  key   String @unique\n  value String\n}\n',
        good: 'datasource db {\n  provider = "postgresql"\n}\n\nmodel Setting {\n  key   String @id\n  value String\n}\n',
      },
      {
        language: 'sql',
        bad: 'CREATE TABLE audit_log (\n  happened_at timestamptz NOT NULL,\n  message text NOT NULL\n);\n',
        good:
          'CREATE TABLE audit_log (\n  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,\n  happened_at timestamptz NOT NULL,\n  message text NOT NULL\n);\n',
      },
    ],
  },

  checkTable(ctx, table) {
    if (!counts(table, { whole: true })) return;
    if (ctx.dialect === 'mongodb') return;
    if (primaryKey(table)) return;
    const unique = table.indexes.find((i) => i.kind === 'unique' && !i.where);
    const name = displayName(table);
    const instead = unique ? ` It is identified only by ${indexLabel(table, unique)}, which is not a primary key.` : '';
    const todo = table.origin === 'prisma' ? 'Mark the identifying field @id (or add @@id([...]))' : 'Add a PRIMARY KEY';
    ctx.report({
      message:
        `${table.origin === 'prisma' ? 'Model' : 'Table'} ${name} has no primary key.${instead} Rows cannot be addressed reliably, ` +
        `replication and many tools need a key. ${todo}.`,
      at: table.source,
    });
  },
});
