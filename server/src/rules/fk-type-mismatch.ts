import { columnDisplayName, displayName, findColumn, findTable, type Column, type Dialect } from '../model/schema';
import { label, sqlTypeText, tables } from './support/model';
import { defineRule } from './types';

/** Types that compare without a conversion, per database: lengths never matter, the kind of value does. */
const FAMILIES: Partial<Record<Dialect, Record<string, string>>> = {
  // varchar is text with a length check; char(n) (bpchar) pads and compares differently.
  postgresql: { varchar: 'text', text: 'text' },
  cockroachdb: { varchar: 'text', text: 'text', string: 'text' },
  // MySQL calls CHAR, VARCHAR and the TEXT types "similar" for foreign keys and compares them alike.
  mysql: { char: 'str', varchar: 'str', text: 'str', tinytext: 'str', mediumtext: 'str', longtext: 'str' },
  sqlserver: { char: 'str', varchar: 'str', nchar: 'nstr', nvarchar: 'nstr' },
};

/** SQLite compares by type affinity, derived from the declared name (https://sqlite.org/datatype3.html). */
function affinity(name: string): string {
  const n = name.toUpperCase();
  if (n.includes('INT')) return 'INTEGER';
  if (/CHAR|CLOB|TEXT/.test(n)) return 'TEXT';
  if (n.includes('BLOB') || n === '') return 'BLOB';
  if (/REAL|FLOA|DOUB/.test(n)) return 'REAL';
  return 'NUMERIC';
}

function sameType(a: Column, b: Column, dialect: Dialect): boolean {
  if (a.type.array !== b.type.array) return false;
  const x = a.type.name.toLowerCase();
  const y = b.type.name.toLowerCase();
  if (x === y) return true;
  if (dialect === 'sqlite') return affinity(x) === affinity(y);
  const family = FAMILIES[dialect] ?? {};
  return family[x] !== undefined && family[x] === family[y];
}

/** How the type reads to the user: the Prisma native attribute or scalar, or the SQL type. */
function shown(c: Column): string {
  const p = c.type.prisma;
  if (p) return p.native ? `${p.scalar} @db.${p.native.name}${p.native.args.length ? `(${p.native.args.join(', ')})` : ''}` : `${p.scalar} (${sqlTypeText(c)})`;
  return sqlTypeText(c);
}

/** Would prefer-text-over-varchar (its options, undefined when it is off) report a column of `ref`'s type? */
function varcharFlagged(ref: Column, dialect: Dialect, options: Record<string, unknown> | undefined): boolean {
  if (!options || dialect !== 'postgresql' || ref.type.name !== 'varchar' || ref.type.array) return false;
  return ref.type.params.length === 0 || options.allowVarchar !== true;
}

export default defineRule({
  meta: {
    id: 'fk-type-mismatch',
    category: 'design',
    defaultSeverity: 'warning',
    hurtsProduction: true,
    appliesTo: ['prisma', 'pg', 'sqlite', 'mysql'],
    fixable: true,
    consults: ['prefer-text-over-varchar'],
    summary: 'A foreign key column should have exactly the type of the column it references.',
    why:
      'When the referencing column has another type than the referenced key (`integer` → `bigint`, `text` → `uuid`, ' +
      '`int` → `int unsigned`), every join and every foreign-key check compares through a conversion. At best that ' +
      'costs a cast; at worst the index on the key cannot be used, values of the wider column do not fit the narrower ' +
      'one (an `integer` column cannot hold ids past 2^31 of a `bigint` key), or the database refuses to create the ' +
      'constraint at all (PostgreSQL for `text` → `uuid`, MySQL for signed → unsigned). In Prisma the scalar types must ' +
      'match already; the native types (`@db.Uuid`, `@db.VarChar(n)`) are where they drift apart. Lengths do not ' +
      'count, and types the database compares alike are not reported (varchar and text in PostgreSQL, CHAR and ' +
      'VARCHAR in MySQL, the same type affinity in SQLite).',
    fix:
      'Give the foreign key column the referenced column\'s type: the quick fix copies it (Prisma: the same `@db.` ' +
      'attribute, or none). On PostgreSQL a `varchar(n)` key is referenced as `text`, which it compares like, unless ' +
      '`prefer-text-over-varchar` is off or allows varchar. Changing the type of an existing column rewrites the table: ' +
      'the fix is offered, not applied on save.',
    principle: 'A reference has the type of what it refers to.',
    examples: [
      {
        language: 'prisma',
        bad:
          'datasource db {\n  provider = "postgresql"\n}\n\nmodel User {\n  id    String @id @db.Uuid\n  posts Post[]\n}\n\n' +
          'model Post {\n  id       Int    @id\n  authorId String\n  author   User   @relation(fields: [authorId], references: [id], onDelete: Cascade)\n\n  @@index([authorId])\n}\n',
        good:
          'datasource db {\n  provider = "postgresql"\n}\n\nmodel User {\n  id    String @id @db.Uuid\n  posts Post[]\n}\n\n' +
          'model Post {\n  id       Int    @id\n  authorId String @db.Uuid\n  author   User   @relation(fields: [authorId], references: [id], onDelete: Cascade)\n\n  @@index([authorId])\n}\n',
      },
      {
        language: 'sql',
        bad: 'CREATE TABLE users (id bigint PRIMARY KEY);\nCREATE TABLE posts (\n  id bigint PRIMARY KEY,\n  author_id integer NOT NULL REFERENCES users (id)\n);\n',
        good: 'CREATE TABLE users (id bigint PRIMARY KEY);\nCREATE TABLE posts (\n  id bigint PRIMARY KEY,\n  author_id bigint NOT NULL REFERENCES users (id)\n);\n',
      },
    ],
  },

  checkSchema(ctx) {
    for (const table of tables(ctx.schema)) {
      for (const fk of table.foreignKeys) {
        const parent = findTable(ctx.schema, fk.refTable);
        if (!parent) continue;
        fk.columns.forEach((name, k) => {
          const column = findColumn(table, name);
          const refName = fk.refColumns[k];
          const ref = refName !== undefined ? findColumn(parent, refName) : undefined;
          if (!column || !ref || !column.type.name || !ref.type.name || sameType(column, ref, ctx.dialect)) return;
          // A column repeated in two foreign keys is reported once per mismatch, at its own type.
          // A varchar key is referenced as text where prefer-text-over-varchar would flag a copy of its type:
          // PostgreSQL compares the two alike.
          const asText = varcharFlagged(ref, ctx.dialect, ctx.optionsOf('prefer-text-over-varchar'));
          const target = asText ? 'text' : sqlTypeText(ref);
          const native = asText ? undefined : ref.type.prisma?.native;
          ctx.report({
            message:
              `${label(table, column)} is ${shown(column)} but references ${displayName(parent)}.${columnDisplayName(ref)}, which is ${shown(ref)}: ` +
              `every join and key check converts between the two, the key's index may go unused, and some values of one do not fit the other. ` +
              `Give ${columnDisplayName(column)} the type ${column.type.prisma ? (native ? `@db.${native.name}${native.args.length ? `(${native.args.join(', ')})` : ''}` : ref.type.prisma?.scalar ?? target) : target}` +
              `${asText ? `, which compares like ${shown(ref)}` : ''}.`,
            at: column.type.source ?? column.source,
            fixes: [
              {
                title: column.type.prisma
                  ? native
                    ? `Use @db.${native.name}${native.args.length ? `(${native.args.join(', ')})` : ''} like ${displayName(parent)}.${columnDisplayName(ref)}`
                    : asText
                      ? `Remove the native type (text compares like ${displayName(parent)}.${columnDisplayName(ref)})`
                      : `Remove the native type, like ${displayName(parent)}.${columnDisplayName(ref)}`
                  : `Change type to ${target}`,
                safe: false,
                preferred: true,
                intent: { kind: 'changeColumnType', table, column, sql: target, prismaNative: column.type.prisma ? (native?.name ?? null) : undefined, prismaArgs: native?.args, keepParams: false },
              },
            ],
          });
        });
      }
    }
  },
});
