/**
 * What Prisma's words become in the database, per provider, and what to weigh when choosing them:
 * the knowledge behind the Prisma hovers (hover.ts). Facts only; every sentence points at the
 * trade-off a schema author can act on.
 */
import type { Dialect } from '../model/schema';

/** Identifier quoting in SQL shown to the user. */
export function quote(dialect: Dialect, name: string): string {
  if (dialect === 'mysql') return `\`${name}\``;
  if (dialect === 'sqlserver') return `[${name}]`;
  return `"${name}"`;
}

/** Most bytes a name may have (Prisma shortens its default names to fit). */
export function nameLimit(dialect: Dialect): number {
  return dialect === 'mysql' ? 64 : dialect === 'sqlserver' ? 128 : dialect === 'sqlite' ? Infinity : 63;
}

/** Prisma's default constraint name: `{table}_{columns}_{suffix}`, shortened to the provider's limit. */
export function defaultName(dialect: Dialect, table: string, columns: readonly string[], suffix: 'pkey' | 'key' | 'idx' | 'fkey'): string {
  const tail = `_${suffix}`;
  const head = suffix === 'pkey' ? table : `${table}_${columns.join('_')}`;
  const limit = nameLimit(dialect);
  return Buffer.byteLength(head + tail) <= limit ? head + tail : head.slice(0, limit - tail.length) + tail;
}

export const PROVIDER_NAMES: Record<Dialect, string> = {
  postgresql: 'PostgreSQL',
  cockroachdb: 'CockroachDB',
  mysql: 'MySQL',
  sqlite: 'SQLite',
  sqlserver: 'SQL Server',
  mongodb: 'MongoDB',
};

interface ScalarNotes {
  /** What to know about the scalar on this provider (Markdown bullets). */
  notes: string[];
  rules: string[];
}

const pgLike = (d: Dialect) => d === 'postgresql' || d === 'cockroachdb';

export function scalarNotes(scalar: string, dialect: Dialect, hasNative: boolean): ScalarNotes {
  const pg = pgLike(dialect);
  switch (scalar) {
    case 'DateTime':
      return {
        notes: pg
          ? [
              hasNative
                ? 'The `@db.` attribute decides the column type.'
                : 'Without `@db.Timestamptz` this is `timestamp(3)`, a wall-clock time with no time zone: the same value means a different instant for every session time zone.',
              '`@db.Timestamptz(3)` stores an absolute instant in the same 8 bytes; Prisma Client reads and writes `Date` values either way.',
              'Precision 3 (milliseconds) matches JavaScript `Date`; PostgreSQL itself keeps up to 6 digits.',
            ]
          : dialect === 'mysql'
            ? ['`datetime(3)` has no time zone; Prisma writes UTC, so other clients must too.', '`@db.Timestamp` converts to and from the session time zone but ends in 2038.']
            : dialect === 'sqlite'
              ? ['SQLite has no date type: the value is stored as a number or text and compared as such, so keep one format across writers.']
              : ['`datetime2` has no offset; `@db.DateTimeOffset` keeps one.'],
        rules: pg ? ['prefer-timestamptz', 'require-timestamps'] : ['require-timestamps'],
      };
    case 'Json':
      return {
        notes: pg
          ? ['`jsonb` by default: parsed once, comparable, indexable with GIN (`@@index([field], type: Gin)`).', '`@db.Json` keeps the text as written and re-parses it on every access.']
          : dialect === 'mysql'
            ? ['MySQL `json`: validated and stored in a binary form; index a path through a generated column.']
            : ['Stored as text; filtering happens in the query, not through an index.'],
        rules: pg ? ['prefer-jsonb', 'multi-valued-column'] : ['multi-valued-column'],
      };
    case 'Decimal':
      return {
        notes: [
          dialect === 'sqlite'
            ? 'SQLite keeps decimals with numeric affinity, which stores fractions as floating point: use integer minor units (cents) for money there.'
            : `Exact decimal digits. Without \`@db.Decimal(p, s)\` Prisma creates ${pg ? '`decimal(65,30)`' : dialect === 'mysql' ? '`decimal(65,30)`' : '`decimal(32,16)`'}: give money an explicit precision and scale.`,
          'Prisma Client returns `Decimal` (decimal.js) objects, not `number`: arithmetic stays exact in the application too.',
        ],
        rules: ['money-as-float'],
      };
    case 'Float':
      return {
        notes: ['Binary floating point (`double precision`): 0.1 + 0.2 is not 0.3. Fine for measurements, wrong for money.'],
        rules: ['money-as-float'],
      };
    case 'Int':
      return {
        notes:
          dialect === 'sqlite'
            ? ['SQLite integers are 64-bit whatever the declared type.']
            : ['32-bit: at most 2,147,483,647. As an auto-increment key it can run out; `BigInt` cannot (but is a JavaScript `bigint` in the client).'],
        rules: dialect === 'sqlite' ? [] : ['prefer-bigint-pk'],
      };
    case 'BigInt':
      return { notes: ['64-bit integer. Prisma Client returns JavaScript `bigint` values, which `JSON.stringify` cannot serialise without help.'], rules: ['prefer-bigint-pk'] };
    case 'String':
      return {
        notes: pg
          ? ['`text` by default: no length limit, no slower than `varchar(n)`. A length rule belongs in a CHECK constraint.']
          : dialect === 'mysql'
            ? ['`varchar(191)` by default (191 four-byte characters fit InnoDB\'s 767-byte index prefix limit); `@db.Text` for longer values, which need a prefix length to be indexed.']
            : dialect === 'sqlserver'
              ? ['`nvarchar(1000)` by default (Unicode, two bytes a character); index keys are limited to 1,700 bytes.']
              : ['`TEXT`: SQLite does not enforce lengths.'],
        rules: pg ? ['prefer-text-over-varchar', 'enum-like-text', 'multi-valued-column'] : ['enum-like-text', 'multi-valued-column'],
      };
    case 'Boolean':
      return {
        notes: [
          dialect === 'mysql' ? 'Stored as `tinyint(1)`.' : dialect === 'sqlite' ? 'Stored as 0 or 1.' : dialect === 'sqlserver' ? 'Stored as `bit`.' : '`boolean`, one byte.',
          'An index on a boolean alone rarely helps: each value matches a large part of the table.',
        ],
        rules: ['index-low-cardinality'],
      };
    case 'Bytes':
      return { notes: [pg ? '`bytea`: stored out of line (TOAST) when large. Large files belong in object storage, with a reference here.' : 'Large binary values belong in object storage, with a reference here.'], rules: [] };
    default:
      return { notes: [], rules: [] };
  }
}

interface NativeNotes {
  notes: string[];
  rules: string[];
}

/** Notes for a `@db.X` attribute (PostgreSQL spellings; the others share the common ones). */
export function nativeNotes(native: string, dialect: Dialect): NativeNotes {
  const pg = pgLike(dialect);
  switch (native) {
    case 'VarChar':
      return pg
        ? { notes: ['Text with a length check: no faster or smaller than `text`, and raising the limit later takes a lock. A CHECK constraint says the same and changes without one.'], rules: ['prefer-text-over-varchar'] }
        : { notes: ['Variable-length text with a maximum length; on MySQL the length also limits what an index can cover.'], rules: [] };
    case 'Char':
    case 'NChar':
      return { notes: ['Fixed length, padded with blanks: the padding leaks into comparisons with other types, `LIKE` and the application.'], rules: pg ? ['ban-char-type'] : [] };
    case 'Json':
      return pg ? { notes: ['Plain `json`: kept as text and re-parsed on every access; no equality, no GIN index. Remove it to get `jsonb`.'], rules: ['prefer-jsonb'] } : { notes: [], rules: [] };
    case 'JsonB':
      return { notes: ['Binary JSON: indexable with GIN, comparable, what Prisma uses by default on PostgreSQL.'], rules: [] };
    case 'Timestamp':
      return pg
        ? { notes: ['Without time zone: stores a wall-clock reading, not an instant.'], rules: ['prefer-timestamptz'] }
        : { notes: ['MySQL `timestamp` converts through the session time zone and ends in January 2038.'], rules: [] };
    case 'Timestamptz':
      return { notes: ['An absolute instant (stored as UTC), shown in the session time zone. The right type for points in time.'], rules: ['prefer-timestamptz'] };
    case 'Money':
      return pg
        ? { notes: ['Decimals and formatting follow the server locale (`lc_monetary`); a restore elsewhere can change the meaning of stored values.'], rules: ['ban-money-type'] }
        : { notes: ['A fixed four-decimal currency type.'], rules: [] };
    case 'Decimal':
      return { notes: ['Exact decimal with the given precision and scale: the type for money.'], rules: ['money-as-float'] };
    case 'Real':
    case 'DoublePrecision':
    case 'Double':
    case 'Float':
      return { notes: ['Binary floating point: inexact for decimal fractions, never for money.'], rules: ['money-as-float'] };
    case 'Uuid':
    case 'UniqueIdentifier':
      return { notes: ['16 bytes instead of 36 characters of text; compares and indexes faster. Generate keys as v7 (`uuid(7)`) so they arrive in order.'], rules: ['prefer-uuidv7', 'fk-type-mismatch'] };
    case 'Integer':
    case 'Int':
    case 'Int4':
      return { notes: ['32-bit integer: at most 2,147,483,647.'], rules: ['prefer-bigint-pk'] };
    case 'Citext':
      return { notes: ['Case-insensitive text (extension `citext`): comparisons and unique indexes ignore case.'], rules: [] };
    case 'Text':
      return { notes: [pg ? 'Unbounded text, the same as a plain `String`.' : 'Long text; on MySQL an index on it needs a prefix length.'], rules: [] };
    default:
      return { notes: [], rules: [] };
  }
}

export interface DefaultNotes {
  title: string;
  notes: string[];
  rules: string[];
}

/** What a `@default(...)` function does and where the value is made. */
export function defaultNotes(fn: string | undefined, args: readonly string[], dialect: Dialect, pgVersionHint = 18): DefaultNotes {
  const inClient = 'Generated by Prisma Client, not by the database: rows inserted with raw SQL or by another program get no value.';
  switch (fn) {
    case 'uuid': {
      const v = args[0]?.trim() ?? '4';
      return v === '7'
        ? { title: 'UUID v7', notes: ['Time-ordered: a millisecond timestamp, then random bits. New keys land at the end of the index, like a sequence.', 'The creation time can be read off the id.', inClient], rules: ['prefer-uuidv7'] }
        : {
            title: 'UUID v4',
            notes: ['Random: each new key lands on a random page of the index, which fragments it once it outgrows memory. `uuid(7)` is time-ordered.', inClient],
            rules: ['prefer-uuidv7'],
          };
    }
    case 'cuid':
      return args[0]?.trim() === '2'
        ? { title: 'CUID2', notes: ['Random, 24 characters of text: no order, so inserts scatter like UUID v4.', inClient], rules: [] }
        : { title: 'CUID', notes: ['25 characters of text starting with a timestamp: roughly ordered, but stored and compared as text.', inClient], rules: [] };
    case 'nanoid':
      return { title: 'Nano ID', notes: ['Random URL-friendly text: no order, so inserts scatter across the index.', inClient], rules: [] };
    case 'ulid':
      return { title: 'ULID', notes: ['Time-ordered 26-character text: sorts by creation time.', inClient], rules: [] };
    case 'autoincrement':
      return {
        title: 'Auto-increment',
        notes: [
          dialect === 'postgresql'
            ? 'A `SERIAL` column: an integer filled from a sequence by the database. Values are never reused, and gaps appear after rollbacks.'
            : dialect === 'mysql'
              ? 'An `AUTO_INCREMENT` column: filled by the database.'
              : dialect === 'sqlite'
                ? 'The table\'s 64-bit rowid: filled by SQLite.'
                : 'An identity column filled by the database.',
          'On an `Int` it ends at 2,147,483,647.',
        ],
        rules: ['prefer-bigint-pk'],
      };
    case 'sequence':
      return { title: 'Sequence', notes: ['A CockroachDB sequence: ordered, but a single hot spot under heavy concurrent inserts.'], rules: [] };
    case 'now':
      return { title: 'Current time', notes: ['`DEFAULT CURRENT_TIMESTAMP` in the database: also filled for rows inserted with raw SQL.'], rules: ['require-timestamps'] };
    case 'dbgenerated':
      return {
        title: 'Database default',
        notes: [`The expression ${args[0] ?? ''} becomes the column's DEFAULT and runs in the database.`, pgVersionHint >= 18 ? 'PostgreSQL 18 has `uuidv7()` for time-ordered keys.' : ''].filter(Boolean),
        rules: /gen_random_uuid|uuid_generate_v4/.test(args.join(',')) ? ['prefer-uuidv7'] : [],
      };
    case 'auto':
      return { title: 'MongoDB ObjectId', notes: ['Generated by the database: a timestamp, a random value and a counter.'], rules: [] };
    default:
      return { title: 'Literal default', notes: ['A constant `DEFAULT` in the database.'], rules: ['enum-like-text'] };
  }
}

export const ACTION_NOTES: Record<string, string> = {
  Cascade: 'deleting the referenced row deletes these rows too (and their own dependants, recursively)',
  SetNull: 'deleting the referenced row sets the foreign key here to NULL',
  Restrict: 'deleting a referenced row fails immediately while rows here point at it',
  NoAction: 'like Restrict, but checked at the end of the statement (deferrable in PostgreSQL)',
  SetDefault: 'deleting the referenced row sets the foreign key here to its default',
};
