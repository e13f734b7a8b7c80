/**
 * The shared schema model. Both front ends (Prisma and SQL) fill it; design rules read only this.
 * Names are database names (after Prisma's @map/@@map), compared case-insensitively the way the
 * front end decided (`key`). Every element carries where it was written, so findings and fixes can
 * point back at the source.
 */
import type { SourceRef } from './text';

export type Dialect = 'postgresql' | 'sqlite' | 'mysql' | 'cockroachdb' | 'sqlserver' | 'mongodb';
export type Origin = 'prisma' | 'sql' | 'drizzle' | 'typeorm';

export interface ColumnType {
  /**
   * Canonical lower-case database type name, PostgreSQL spelling where one exists:
   * `int4`, `int8`, `text`, `varchar`, `timestamp`, `timestamptz`, `json`, `jsonb`, `uuid`, `bool`,
   * `numeric`, `float8`, ... For Prisma fields without a native type this is the type Prisma creates
   * for the provider (DateTime on PostgreSQL -> `timestamp`).
   */
  name: string;
  /** Type modifiers, e.g. [3] for timestamp(3), [12, 2] for numeric(12,2). */
  params: number[];
  /** Array type (`text[]`, Prisma `String[]`). */
  array: boolean;
  /** The type exactly as written (`timestamp(3) without time zone`, `DateTime`). */
  written: string;
  /** Where the type is written (SQL: the type name with modifiers; Prisma: the field type token). */
  source?: SourceRef;
  /** Prisma only: the scalar type (`DateTime`) and the `@db.X(...)` attribute if present. */
  prisma?: { scalar: string; native?: { name: string; args: string[]; source: SourceRef } };
  /** True when the model knows this is an enum type. */
  isEnum?: boolean;
}

export interface DefaultValue {
  /** The default expression as written (`now()`, `uuid()`, `gen_random_uuid()`, `'active'`). */
  text: string;
  /** A normalised function name when the default is a call: `now`, `uuid`, `gen_random_uuid`, `autoincrement`. */
  fn?: string;
  /** Arguments of the call, as written. */
  args?: string[];
  /** True when the column is filled by a sequence (serial, identity, autoincrement). */
  generated?: 'serial' | 'identity' | 'autoincrement';
  source?: SourceRef;
}

export interface Column {
  name: string;
  /** Prisma field name when it differs from the database name. */
  fieldName?: string;
  type: ColumnType;
  nullable: boolean;
  default?: DefaultValue;
  /** Prisma `@updatedAt`. */
  updatedAt?: boolean;
  comment?: string;
  /** The column name as written (SQL column name; Prisma field name). */
  source: SourceRef;
  /** The whole column definition (SQL column def; Prisma field line without the line break). */
  declaration: SourceRef;
}

export type KeyKind = 'primary' | 'unique' | 'index';

export interface Index {
  name?: string;
  kind: KeyKind;
  /** Column names in index order; expression entries are written as `(expr)`. */
  columns: string[];
  /** Index method (`btree` default, `gin`, `hash`, ...). */
  method?: string;
  /** Partial index predicate, as written. */
  where?: string;
  /** Where the index is declared (`@@index(...)`, `@unique`, `CREATE INDEX ...`, `UNIQUE (...)`). */
  source?: SourceRef;
  /** Declared as part of a column definition (`@unique`, `id int PRIMARY KEY`). */
  inline?: boolean;
}

export type ReferentialAction = 'cascade' | 'set null' | 'set default' | 'restrict' | 'no action';

export interface ForeignKey {
  name?: string;
  columns: string[];
  refTable: string;
  refColumns: string[];
  onDelete?: ReferentialAction;
  onUpdate?: ReferentialAction;
  /** The constraint or relation as written (`REFERENCES ...`, `@relation(...)`). */
  source: SourceRef;
  /**
   * Where a finding about it points, short enough to see without scrolling sideways: the relation
   * field's name (Prisma), the constraint's name or `FOREIGN KEY (cols)` (SQL). `source` when unset.
   */
  head?: SourceRef;
  /** The statement (SQL) or field (Prisma) that declares it; fixes insert after it. */
  declaration: SourceRef;
  /** Prisma: the relation field name. */
  relationField?: string;
  /**
   * False when the database has no constraint for this relation (Prisma `relationMode = "prisma"`):
   * the relation is emulated by the client, and Prisma's own lint already asks for its index.
   */
  enforced?: boolean;
}

/**
 * A table as a reader starts it, before its columns and keys: CHECK constraints tracked (an empty list);
 * row level security policies only where the reader gives `policies` (SQL).
 */
export function emptyTable(
  name: { key: string; name: string; schema?: string; source: SourceRef; declaration: SourceRef },
  origin: Origin,
  kind: Table['kind'] = 'table',
): Table {
  const table: Table = { key: name.key, name: name.name, origin, kind, columns: [], indexes: [], foreignKeys: [], checks: [], source: name.source, declaration: name.declaration };
  if (name.schema !== undefined) table.schema = name.schema;
  return table;
}

export interface Table {
  /** Key used for lookups (normalised name, schema-qualified when not the default schema). */
  key: string;
  name: string;
  /** Database schema (`public`), when written. */
  schema?: string;
  /** Prisma model name when it differs from the table name. */
  modelName?: string;
  origin: Origin;
  kind: 'table' | 'view' | 'materialized view';
  columns: Column[];
  /** Primary key, unique constraints and indexes alike. */
  indexes: Index[];
  foreignKeys: ForeignKey[];
  /** The table name where it is declared. */
  source: SourceRef;
  /** The whole declaration (`CREATE TABLE ...;`, `model X { ... }`). */
  declaration: SourceRef;
  rls?: { enabled: boolean; forced: boolean };
  /**
   * Row level security policies (`CREATE POLICY`) on the table. Undefined when the front end does not
   * track policies (Prisma), an empty list when it does and there are none.
   */
  policies?: { name: string; source: SourceRef }[];
  /**
   * CHECK constraints, with the columns their expression mentions. Undefined when the front end does
   * not track them (Prisma cannot declare one), an empty list when it does and there are none.
   */
  checks?: CheckConstraint[];
  comment?: string;
  /**
   * Known only from statements that change it (ALTER TABLE, CREATE INDEX) in a file that does not
   * create it: it holds only what those statements say. Rules that judge a whole table skip it.
   */
  partial?: boolean;
  /** Created by a statement the parser rejected: the table exists from there on, its columns are unknown (also `partial`). */
  unread?: boolean;
}

export interface CheckConstraint {
  name?: string;
  /** The expression as written, without `CHECK ( )`. */
  expression: string;
  /** Columns the expression refers to (database names). */
  columns: string[];
  source: SourceRef;
  /** Added with NOT VALID and not validated since: existing rows were never checked (SQL only). */
  notValid?: boolean;
}

export interface EnumType {
  name: string;
  values: string[];
  source?: SourceRef;
}

export interface Schema {
  dialect: Dialect;
  tables: Map<string, Table>;
  enums: Map<string, EnumType>;
}

/** PostgreSQL's internal type names (as the model keeps them) -> how people write them in SQL. */
export const SQL_SPELLING: Readonly<Record<string, string>> = {
  int2: 'smallint',
  int4: 'integer',
  int8: 'bigint',
  float4: 'real',
  float8: 'double precision',
  bool: 'boolean',
  bpchar: 'char',
};

const INTERNAL_NAME: Readonly<Record<string, string>> = {
  ...Object.fromEntries(Object.entries(SQL_SPELLING).map(([internal, spelled]) => [spelled, internal])),
  int: 'int4',
};

/** The internal name of a PostgreSQL type as people write it (`bigint` -> `int8`); other names unchanged. */
export function internalTypeName(spelled: string): string {
  return INTERNAL_NAME[spelled] ?? spelled;
}

export function emptySchema(dialect: Dialect): Schema {
  return { dialect, tables: new Map(), enums: new Map() };
}

export function displayName(t: Table): string {
  return t.modelName ?? (t.schema && t.schema !== 'public' ? `${t.schema}.${t.name}` : t.name);
}

export function columnDisplayName(c: Column): string {
  return c.fieldName ?? c.name;
}

export function findTable(schema: Schema, key: string): Table | undefined {
  return schema.tables.get(key) ?? schema.tables.get(key.toLowerCase());
}

export function findColumn(t: Table, name: string): Column | undefined {
  const lower = name.toLowerCase();
  return t.columns.find((c) => c.name === name) ?? t.columns.find((c) => c.name.toLowerCase() === lower);
}

function sameColumn(a: string, b: string): boolean {
  return a === b || a.toLowerCase() === b.toLowerCase();
}

/**
 * The index, unique constraint or primary key whose leading columns are exactly `columns` (in any
 * order, since an equality lookup on all of them can use it), if there is one. Partial indexes count:
 * PostgreSQL can use them for the rows they cover, and flagging them would be noise.
 */
export function coveringIndex(t: Table, columns: string[]): Index | undefined {
  return t.indexes.find((ix) => {
    // Only B-tree (and single-column hash) indexes serve the equality lookups a FK join needs.
    if (ix.method && ix.method !== 'btree' && !(ix.method === 'hash' && columns.length === 1)) return false;
    if (ix.columns.length < columns.length) return false;
    const lead = ix.columns.slice(0, columns.length);
    return columns.every((c) => lead.some((l) => sameColumn(l, c)));
  });
}
