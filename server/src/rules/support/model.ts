/**
 * Small questions design rules ask of the shared model: which tables count, what kind of type a
 * column has, how a name splits into words. Type names are the model's canonical spellings
 * (model/schema.ts), so the answers hold for Prisma fields and SQL columns alike.
 */
import { detached } from '../../model/text';
import { columnDisplayName, displayName, findColumn, findTable, SQL_SPELLING, type Column, type Dialect, type Index, type Schema, type Table } from '../../model/schema';

/** The most indexes a table may have before too-many-indexes reports it (its option `max`). */
export const INDEX_LIMIT = 8;

/**
 * Real tables (not views), optionally without partial ones (known only from ALTER statements). A list, not a
 * generator: a design rule walks every table of the schema, and a generator allocates a result per table.
 */
export function tables(schema: Schema, opts: { whole?: boolean } = {}): Table[] {
  const out: Table[] = [];
  for (const t of schema.tables.values()) if (counts(t, opts)) out.push(t);
  return out;
}

/** Whether a design rule looks at this table: a real table (not a view), and with `whole` not one known only in part. */
export function counts(table: Table, opts: { whole?: boolean } = {}): boolean {
  return table.kind === 'table' && !(opts.whole && table.partial);
}

/**
 * What a rule works out from its options (a set of names, compiled patterns), once per options object: `checkTable`
 * runs once per table, and a rule's options are one frozen object per config.
 */
export function fromOptions<T>(make: (options: Record<string, unknown>) => T): (options: Record<string, unknown>) => T {
  const memo = new WeakMap<object, T>();
  return (options) => {
    let v = memo.get(options);
    if (v === undefined) {
      v = make(options);
      memo.set(options, v);
    }
    return v;
  };
}

/** `Model.field` / `table.column`, as the user wrote them. */
export function label(table: Table, column: Column): string {
  return `${displayName(table)}.${columnDisplayName(column)}`;
}

/** The names a column goes by: its database name and, in Prisma, its field name. */
export function namesOf(column: Column): string[] {
  const field = fieldNameOf(column);
  return field ? [column.name, field] : [column.name];
}

/** Whether `test` holds for one of the column's names (`namesOf`), without a list per column asked about. */
export function someName(column: Column, test: (name: string) => boolean): boolean {
  const field = fieldNameOf(column);
  return test(column.name) || (field !== undefined && test(field));
}

/** The column's field name where it differs from its column name (Prisma's `@map`). */
function fieldNameOf(column: Column): string | undefined {
  return column.fieldName && column.fieldName !== column.name ? column.fieldName : undefined;
}

/** Field names for Prisma (what the user writes in @@index), column names for SQL. */
export function writtenColumns(table: Table, columns: readonly string[]): string[] {
  return columns.map((c) => {
    const col = findColumn(table, c);
    return col ? columnDisplayName(col) : c;
  });
}

/** `createdAt`, `created_at`, `CreatedAt` -> `createdat`: the form names are compared in. */
export function squash(name: string): string {
  let out = squashed.get(name);
  if (out === undefined) {
    // A Prisma name is a slice of the schema's text: kept as it is, it would keep that version of the text.
    const key = detached(name);
    out = key.toLowerCase().replace(/[^a-z0-9]/g, '');
    // Rules ask for the same few thousand names on every run; a long session's names are dropped now and then.
    if (squashed.size >= 50_000) squashed.clear();
    squashed.set(key, out);
  }
  return out;
}

const squashed = new Map<string, string>();

/** `paymentStatus`, `payment_status`, `PAYMENT-STATUS` -> [payment, status]. */
export function words(name: string): string[] {
  return name
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .replace(/([A-Z]+)([A-Z][a-z])/g, '$1 $2')
    .split(/[^A-Za-z0-9]+/)
    .filter(Boolean)
    .map((w) => w.toLowerCase());
}

/**
 * A name pattern from an option (`*` matches any run of characters) as a regular expression, compiled once: a rule
 * asks for its patterns once per run, not once per column.
 */
export function globRegExp(pattern: string, caseSensitive = false): RegExp {
  const key = `${caseSensitive ? 's' : 'i'}${pattern}`;
  let re = globs.get(key);
  if (!re) {
    re = new RegExp(`^${pattern.split('*').map((p) => p.replace(/[.+?^${}()|[\]\\]/g, '\\$&')).join('.*')}$`, caseSensitive ? '' : 'i');
    globs.set(key, re);
  }
  return re;
}
/** Compiled patterns: rules match every column against the same few options. */
const globs = new Map<string, RegExp>();

export function stringList(value: unknown, fallback: readonly string[]): string[] {
  return Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : [...fallback];
}

export function numberOption(value: unknown, fallback: number): number {
  return typeof value === 'number' && Number.isFinite(value) ? value : fallback;
}

const TEXT = new Set(['text', 'varchar', 'bpchar', 'char', 'character', 'character varying', 'citext', 'nvarchar', 'nchar', 'ntext', 'tinytext', 'mediumtext', 'longtext', 'string', 'name']);
const JSON_TYPES = new Set(['json', 'jsonb', 'object']);
const FLOAT = new Set(['float4', 'float8', 'real', 'double', 'double precision', 'float']);
const TEMPORAL = new Set(['timestamp', 'timestamptz', 'date', 'datetime', 'datetime2', 'smalldatetime', 'datetimeoffset']);
const INT32 = new Set(['int4', 'int', 'integer', 'mediumint']);

export function isTextType(column: Column): boolean {
  return !column.type.isEnum && TEXT.has(column.type.name);
}

export function isJsonType(column: Column): boolean {
  return JSON_TYPES.has(column.type.name);
}

export function isFloatType(column: Column): boolean {
  return FLOAT.has(column.type.name);
}

export function isTemporalType(column: Column): boolean {
  return TEMPORAL.has(column.type.name);
}

export function isBooleanType(column: Column, dialect: Dialect): boolean {
  const n = column.type.name;
  return n === 'bool' || n === 'boolean' || (dialect === 'sqlserver' && n === 'bit');
}

/** 32-bit integers (`smallint` is a deliberate choice, not an accident). SQLite's INTEGER is 64-bit. */
export function isInt32Type(column: Column, dialect: Dialect): boolean {
  if (dialect === 'sqlite') return false;
  return INT32.has(column.type.name);
}

/** Is the column's type an enum, and how many values does it have (when known)? */
export function enumValues(schema: Schema, column: Column): string[] | undefined {
  if (!column.type.isEnum) return undefined;
  const key = column.type.name.toLowerCase();
  const e = schema.enums.get(key) ?? [...schema.enums.values()].find((x) => x.name.toLowerCase() === key);
  return e?.values;
}

/** Does the column hold a few values only (a boolean, an enum of up to 3 values): too few for an index of its own? */
export function fewValues(schema: Schema, column: Column, dialect: Dialect): string | undefined {
  if (column.type.array) return undefined;
  if (isBooleanType(column, dialect)) return 'a boolean';
  const values = enumValues(schema, column);
  return values && values.length <= 3 ? `an enum with ${values.length} value${values.length === 1 ? '' : 's'} (${values.join(', ')})` : undefined;
}

export function primaryKey(table: Table): Index | undefined {
  return table.indexes.find((i) => i.kind === 'primary');
}

export function sameName(a: string, b: string): boolean {
  return a === b || a.toLowerCase() === b.toLowerCase();
}

/** Are `prefix` the first columns of `of`, in order? */
export function leads(prefix: readonly string[], of: readonly string[]): boolean {
  return prefix.length <= of.length && prefix.every((c, k) => sameName(c, of[k]));
}

export function inColumns(columns: readonly string[], name: string): boolean {
  return columns.some((c) => sameName(c, name));
}

/** A literal default (`'active'`, `"active"`, `'x'::text`): a value written out, not a function. */
export function literalDefault(column: Column): string | undefined {
  const d = column.default;
  if (!d || d.fn) return undefined;
  const m = /^\s*(?:'((?:[^']|'')*)'|"((?:[^"\\]|\\.)*)")(?:\s*::\s*[\w\s."]+(?:\([^)]*\))?)?\s*$/.exec(d.text);
  if (!m) return undefined;
  return m[1] !== undefined ? m[1].replace(/''/g, "'") : m[2];
}

export function sqlTypeText(column: Column, withParams = true): string {
  const t = column.type;
  const base = SQL_SPELLING[t.name] ?? t.name;
  return `${base}${withParams && t.params.length ? `(${t.params.join(',')})` : ''}${t.array ? '[]' : ''}`;
}

/** How the user wrote an index: `@@index([a, b])`, `@unique on email`, `index posts_a_idx (a)`. */
export function indexLabel(table: Table, ix: Index): string {
  const cols = writtenColumns(table, ix.columns);
  if (table.origin === 'prisma') {
    if (ix.inline) return `@${ix.kind === 'primary' ? 'id' : 'unique'} on ${cols[0]}`;
    if (ix.kind === 'index' && ix.method === 'fulltext') return `@@fulltext([${cols.join(', ')}])`;
    const attr = ix.kind === 'primary' ? '@@id' : ix.kind === 'unique' ? '@@unique' : '@@index';
    return `${attr}([${cols.join(', ')}])`;
  }
  const what = ix.kind === 'primary' ? 'primary key' : ix.kind === 'unique' ? 'unique index' : 'index';
  return `${what}${ix.name && ix.kind !== 'primary' ? ` ${ix.name}` : ''} (${cols.join(', ')})`;
}

/** The index with its table, as the subject of a message: `@unique on User.email`, `@@index([a]) on Post`. */
export function indexSubject(table: Table, ix: Index): string {
  if (table.origin === 'prisma' && ix.inline) return `@${ix.kind === 'primary' ? 'id' : 'unique'} on ${displayName(table)}.${writtenColumns(table, ix.columns)[0]}`;
  return `${indexLabel(table, ix)} on ${displayName(table)}`;
}

/** The key a foreign key's column `k` references: the listed column, or the parent's single-column primary key. */
function referencedAt(schema: Schema, refTable: string, refColumns: readonly string[], k: number): { table: Table; column: Column } | undefined {
  const parent = findTable(schema, refTable);
  if (!parent) return undefined;
  const pk = primaryKey(parent);
  const name = refColumns.length ? refColumns[k] : pk?.columns.length === 1 ? pk.columns[0] : undefined;
  const column = name !== undefined ? findColumn(parent, name) : undefined;
  return column && { table: parent, column };
}

/** The columns `column` of `table` references through its foreign keys. */
export function referencedColumns(schema: Schema, table: Table, column: Column): Column[] {
  const out: Column[] = [];
  for (const fk of table.foreignKeys) {
    fk.columns.forEach((name, k) => {
      const ref = name.toLowerCase() === column.name.toLowerCase() ? referencedAt(schema, fk.refTable, fk.refColumns, k) : undefined;
      if (ref) out.push(ref.column);
    });
  }
  return out;
}

/**
 * One index per schema for the rules that ask (ban-char-type, prefer-bigint-pk): a schema design rules read does
 * not change afterwards (engine/analyze.ts keeps their reports by schema object too).
 */
const referencingIndexes = new WeakMap<Schema, (table: Table, column: Column) => { table: Table; column: Column }[]>();

/**
 * The columns, of any table, whose foreign keys reference a given column: one pass over the schema's foreign
 * keys, then a lookup per column asked about (a rule asks about every table's keys; going over all foreign
 * keys for each would be quadratic in the tables).
 */
export function referencingIndex(schema: Schema): (table: Table, column: Column) => { table: Table; column: Column }[] {
  const known = referencingIndexes.get(schema);
  if (known) return known;
  const byKey = new Map<Table, Map<Column, { table: Table; column: Column }[]>>();
  for (const t of tables(schema)) {
    for (const fk of t.foreignKeys) {
      fk.columns.forEach((name, k) => {
        const ref = referencedAt(schema, fk.refTable, fk.refColumns, k);
        const own = ref ? findColumn(t, name) : undefined;
        if (!ref || !own) return;
        let cols = byKey.get(ref.table);
        if (!cols) byKey.set(ref.table, (cols = new Map()));
        const list = cols.get(ref.column);
        if (list) list.push({ table: t, column: own });
        else cols.set(ref.column, [{ table: t, column: own }]);
      });
    }
  }
  const lookup = (table: Table, column: Column) => byKey.get(table)?.get(column) ?? [];
  referencingIndexes.set(schema, lookup);
  return lookup;
}
