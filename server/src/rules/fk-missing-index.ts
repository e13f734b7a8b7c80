import { columnDisplayName, coveringIndex, displayName, findColumn, findTable, type ForeignKey, type Index, type Table } from '../model/schema';
import type { FixProposal } from '../model/intents';
import { fewValues, INDEX_LIMIT, indexLabel, leads, numberOption } from './support/model';
import { defineRule, type DesignContext } from './types';

/** Field names for Prisma (what the user writes in @@index), column names for SQL. */
function written(table: Table, columns: string[]): string[] {
  return columns.map((c) => {
    const col = findColumn(table, c);
    return col ? columnDisplayName(col) : c;
  });
}

/**
 * A plain index an index on `columns` would make redundant (its columns lead them, in order), the longest
 * one: the fix widens it instead of adding a second index beside it.
 */
function prefixIndex(table: Table, columns: string[]): Index | undefined {
  let best: Index | undefined;
  for (const ix of table.indexes) {
    if (ix.kind !== 'index' || (ix.method ?? 'btree') !== 'btree' || ix.where || !ix.source || ix.columns.length === 0) continue;
    if (ix.columns.length < columns.length && leads(ix.columns, columns) && (!best || ix.columns.length > best.columns.length)) best = ix;
  }
  return best;
}

/** The fix for the foreign key `fk` of `table`: widen an index it would make redundant, else add one. */
function indexFix(ctx: DesignContext, table: Table, fk: ForeignKey, cols: string[]): FixProposal | undefined {
  const list = cols.join(', ');
  const narrow = prefixIndex(table, fk.columns);
  if (narrow) {
    const label = indexLabel(table, narrow);
    const title = ctx.language === 'prisma' ? `Widen ${label} to @@index([${list}])` : `Widen ${label} to (${list})`;
    // It changes an index the user wrote: offered, never applied on save.
    return { title, safe: false, preferred: true, intent: { kind: 'widenIndex', table, index: narrow, columns: fk.columns.slice(narrow.columns.length), fk } };
  }
  // A one-column index on a boolean or a small enum is one index-low-cardinality reports.
  const only = fk.columns.length === 1 ? findColumn(table, fk.columns[0]) : undefined;
  if (only && ctx.optionsOf('index-low-cardinality') && fewValues(ctx.schema, only, ctx.dialect)) return undefined;
  // At too-many-indexes' limit, one more index brings out that finding: which one to drop is the user's call.
  const limit = ctx.optionsOf('too-many-indexes');
  if (limit && table.indexes.length >= numberOption(limit.max, INDEX_LIMIT)) return undefined;
  const title = ctx.language === 'prisma' ? `Add @@index([${list}])` : `Create index on ${displayName(table)} (${list})`;
  return { title, safe: true, preferred: true, intent: { kind: 'addIndex', table, columns: fk.columns, fk } };
}

export default defineRule({
  meta: {
    id: 'fk-missing-index',
    category: 'design',
    defaultSeverity: 'warning',
    hurtsProduction: true,
    appliesTo: ['prisma', 'pg', 'sqlite'],
    fixable: true,
    consults: ['too-many-indexes', 'index-low-cardinality'],
    summary: 'Foreign key columns should lead an index.',
    why:
      'PostgreSQL and SQLite index the referenced (parent) key but never the referencing columns. Without an index ' +
      'that starts with the foreign key columns, every join from parent to children and every delete or key update ' +
      'of a parent row scans the whole child table, and the scan runs while the parent row is locked. ' +
      'MySQL/InnoDB is different: it creates such an index by itself, so the rule is silent there.',
    fix:
      'Add an index whose leading columns are the foreign key columns. Prisma: `@@index([field])` in the model. ' +
      'SQL: `CREATE INDEX` right after the statement that adds the foreign key; on a table an earlier migration created, ' +
      '`CREATE INDEX CONCURRENTLY` (the table already holds data), in a new migration when this one runs in a transaction. ' +
      'An index on the leading foreign key columns alone, such as (a) for a key on (a, b), is widened instead of ' +
      'indexed twice. In SQL an index the same migration creates is widened where it is written; one an earlier migration built ' +
      'stays as it ran, and on PostgreSQL a new migration builds the wider index CONCURRENTLY and then drops the narrow one ' +
      'CONCURRENTLY (each in a migration of its own where the runner would wrap them in a transaction; no fix when the runner is ' +
      'not known, or when the narrow index has INCLUDE columns, expressions, operator classes or a predicate). No fix is offered on a table that already has as ' +
      'many indexes as `too-many-indexes` allows (which one to drop or merge is your call), nor for a key on one boolean ' +
      'or small-enum column, whose index `index-low-cardinality` would report.',
    principle: 'Index the access paths the schema itself creates: every foreign key is a join and a cascade path.',
    examples: [
      {
        language: 'prisma',
        bad:
          'datasource db {\n  provider = "postgresql"\n}\n\nmodel User {\n  id    Int    @id @default(autoincrement())\n  posts Post[]\n}\n\n' +
          'model Post {\n  id       Int  @id @default(autoincrement())\n  authorId Int\n  author   User @relation(fields: [authorId], references: [id], onDelete: Cascade)\n}\n',
        good:
          'datasource db {\n  provider = "postgresql"\n}\n\nmodel User {\n  id    Int    @id @default(autoincrement())\n  posts Post[]\n}\n\n' +
          'model Post {\n  id       Int  @id @default(autoincrement())\n  authorId Int\n  author   User @relation(fields: [authorId], references: [id], onDelete: Cascade)\n\n  @@index([authorId])\n}\n',
      },
      {
        language: 'sql',
        bad:
          'CREATE TABLE users (id bigint PRIMARY KEY);\n' +
          'CREATE TABLE posts (\n  id bigint PRIMARY KEY,\n  author_id bigint NOT NULL REFERENCES users (id) ON DELETE CASCADE\n);\n',
        good:
          'CREATE TABLE users (id bigint PRIMARY KEY);\n' +
          'CREATE TABLE posts (\n  id bigint PRIMARY KEY,\n  author_id bigint NOT NULL REFERENCES users (id) ON DELETE CASCADE\n);\n' +
          'CREATE INDEX posts_author_id_idx ON posts (author_id);\n',
      },
    ],
  },

  checkSchema(ctx) {
    // InnoDB creates the index itself; MongoDB has no foreign keys.
    if (ctx.dialect === 'mysql' || ctx.dialect === 'mongodb') return;
    for (const table of ctx.schema.tables.values()) {
      if (table.kind !== 'table') continue;
      for (const fk of table.foreignKeys) {
        // Emulated relations (Prisma relationMode = "prisma") are Prisma's own lint's business.
        if (fk.enforced === false || fk.columns.length === 0 || coveringIndex(table, fk.columns)) continue;
        const parentTable = findTable(ctx.schema, fk.refTable);
        const parent = parentTable ? displayName(parentTable) : fk.refTable;
        const cols = written(table, fk.columns);
        const list = cols.join(', ');
        const fix = indexFix(ctx, table, fk, cols);
        ctx.report({
          message:
            `Foreign key ${displayName(table)}(${list}) → ${parent} has no index starting with ${list}: ` +
            `joins from ${parent} and deletes of ${parent} rows scan all of ${displayName(table)}. Add an index on (${list}).`,
          at: fk.head ?? fk.source,
          fixes: fix ? [fix] : [],
        });
      }
    }
  },
});
