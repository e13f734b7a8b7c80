import { columnDisplayName, displayName, findColumn, type Column, type Index, type Table } from '../model/schema';
import { counts, fromOptions, inColumns, indexLabel, indexSubject, isBooleanType, isTemporalType, primaryKey, someName, squash, stringList } from './support/model';
import { defineRule } from './types';

const COLUMNS = ['deleted_at', 'deletedAt', 'removed_at', 'is_deleted', 'isDeleted', 'deleted'];

/**
 * Values nobody picks again: generated keys and tokens (uuid(), cuid(), sequences), keys that contain
 * the primary key, and references to other rows (a 1:1 relation's foreign key points at a row of its own).
 */
function neverReused(table: Table, ix: Index): boolean {
  const generated = ix.columns.every((c) => {
    const col = findColumn(table, c);
    return !!col?.default && (!!col.default.fn || !!col.default.generated);
  });
  const pk = primaryKey(table);
  const hasPk = !!pk && pk.columns.every((p) => inColumns(ix.columns, p));
  const references = ix.columns.every((c) => table.foreignKeys.some((fk) => inColumns(fk.columns, c)));
  return generated || hasPk || references;
}

/** Whether a name is one of the option `columns` (compared squashed): worked out once per options object. */
const markerNamed = fromOptions((o) => {
  const names = new Set(stringList(o.columns, COLUMNS).map(squash));
  return (n: string) => names.has(squash(n));
});

export default defineRule({
  meta: {
    id: 'soft-delete-unique',
    category: 'design',
    defaultSeverity: 'info',
    appliesTo: ['prisma', 'pg'],
    fixable: true,
    summary: 'With soft deletes, unique constraints should cover only the rows that are not deleted.',
    why:
      'A soft-deleted row (`deleted_at` set) is gone for the application but still in the table, so a plain unique ' +
      'constraint on `email` or `slug` keeps its value taken: a user who deletes an account cannot sign up again, a ' +
      'deleted project blocks its name forever. A partial unique index, `UNIQUE ... WHERE deleted_at IS NULL`, enforces ' +
      'uniqueness among the live rows only. Adding `deleted_at` to the key does not work: NULLs are distinct, so two ' +
      'live rows with the same value are both accepted. Keys filled with generated values (uuid(), cuid(), sequences) ' +
      'are never re-used and are not reported.',
    fix:
      'SQL: add `WHERE deleted_at IS NULL` to the `CREATE UNIQUE INDEX` (a UNIQUE constraint cannot be partial: replace ' +
      'it with such an index). Prisma 7 with the `partialIndexes` preview feature: `@@unique([email], where: { deletedAt: ' +
      'null })`, offered as a fix when the feature is enabled; otherwise create the partial index in a SQL migration. ' +
      'The change lets deleted values be taken again, so it is offered, not applied on save. The soft-delete column ' +
      'names are an option.',
    principle: 'Constraints should describe the rows the application considers alive.',
    options: {
      columns: { type: 'string[]', default: COLUMNS, description: 'Soft-delete column or field names: a nullable timestamp, or a boolean flag.' },
    },
    examples: [
      {
        language: 'prisma',
        bad:
          'datasource db {\n  provider = "postgresql"\n}\n\nmodel User {\n  id        Int       @id\n  email     String    @unique\n  deletedAt DateTime? @db.Timestamptz(3)\n}\n',
        good:
          'generator client {\n  provider        = "prisma-client"\n  output          = "./generated"\n  previewFeatures = ["partialIndexes"]\n}\n\n' +
          'datasource db {\n  provider = "postgresql"\n}\n\nmodel User {\n  id        Int       @id\n  email     String\n  deletedAt DateTime? @db.Timestamptz(3)\n\n' +
          '  @@unique([email], where: { deletedAt: null })\n}\n',
      },
      {
        language: 'sql',
        bad:
          'CREATE TABLE users (\n  id bigint PRIMARY KEY,\n  email text NOT NULL,\n  deleted_at timestamptz\n);\n' +
          'CREATE UNIQUE INDEX users_email_key ON users (email);\n',
        good:
          'CREATE TABLE users (\n  id bigint PRIMARY KEY,\n  email text NOT NULL,\n  deleted_at timestamptz\n);\n' +
          'CREATE UNIQUE INDEX users_email_key ON users (email) WHERE deleted_at IS NULL;\n',
      },
    ],
  },

  checkTable(ctx, table) {
    if (!counts(table)) return;
    if (ctx.dialect === 'mysql' || ctx.dialect === 'mongodb') return;
    const named = markerNamed(ctx.options);
    const marker = table.columns.find(
      (c: Column) =>
        someName(c, named) &&
        ((isTemporalType(c) && c.nullable) || isBooleanType(c, ctx.dialect)),
    );
    if (!marker) return;
    const when = isTemporalType(marker) ? 'null' : 'false';
    const field = columnDisplayName(marker);
    const live =
      table.origin === 'prisma' ? `where: { ${field}: ${when} }` : `WHERE ${when === 'null' ? `${marker.name} IS NULL` : `NOT ${marker.name}`}`;
    for (const ix of table.indexes) {
      if (ix.kind !== 'unique' || ix.where || !ix.source || neverReused(table, ix)) continue;
      const withMarker = inColumns(ix.columns, marker.name);
      if (withMarker && when === 'false') continue;
      const what = indexLabel(table, ix);
      const message = withMarker
        ? `${indexSubject(table, ix)} includes ${field} to allow re-use after a soft delete, but NULLs are distinct: two live rows ` +
          `with the same value are both accepted. Make it a partial unique index without ${field} (${live}).`
        : `${displayName(table)} is soft-deleted through ${field}, but ${what} also counts deleted rows: a deleted row keeps its value ` +
          `taken for good. Make it unique only among live rows (${live}).`;
      ctx.report({
        message,
        at: ix.source,
        fixes: withMarker
          ? []
          : [
              {
                title: table.origin === 'prisma' ? `Add ${live}` : `Make it partial: ${live}`,
                safe: false,
                preferred: true,
                intent: { kind: 'makeIndexPartial', table, index: ix, column: marker, when },
              },
            ],
      });
    }
  },
});
