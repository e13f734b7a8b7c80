/**
 * Type hygiene counts: column types the catalogue (shared/spec/RULES.md) advises against, counted
 * over the whole schema whatever the rule settings are. The findings section says what is flagged
 * under the current configuration; this section says how much of each pattern the schema holds.
 */
import type { Column, Dialect, Table } from '../model/schema';

export interface HygieneDefinition {
  id: string;
  label: string;
  why: string;
  rule?: string;
  /** Dialects where the pattern is a problem (all when absent). */
  dialects?: Dialect[];
  test(column: Column, table: Table): boolean;
}

const PG: Dialect[] = ['postgresql', 'cockroachdb'];

/** Money-like names, as `money-as-float` reads them by default. */
const MONEY_NAME = /(^|_)(price|amount|total|balance|cost|fee|salary|payment|subtotal|tax|revenue|charge)s?($|_)/i;
const FLOATS = new Set(['float4', 'float8', 'real', 'double', 'float', 'double precision']);
const UUID_V4_FNS = new Set(['gen_random_uuid', 'uuid_generate_v4']);

function isPrimaryKey(column: Column, table: Table): boolean {
  const pk = table.indexes.find((i) => i.kind === 'primary');
  return !!pk && pk.columns.length === 1 && pk.columns[0].toLowerCase() === column.name.toLowerCase();
}

/** Prisma names the field, SQL the column; both spellings count (`unitPrice`, `unit_price`). */
function snake(name: string): string {
  return name.replace(/([a-z0-9])([A-Z])/g, '$1_$2');
}

function isUuidV4Default(column: Column): boolean {
  const d = column.default;
  if (!d?.fn) return false;
  const fn = d.fn.toLowerCase();
  if (UUID_V4_FNS.has(fn)) return true;
  // Prisma `uuid()` is v4; `uuid(7)` is the time-ordered one.
  return fn === 'uuid' && (!d.args?.length || d.args[0].trim() === '4');
}

export const HYGIENE: readonly HygieneDefinition[] = [
  {
    id: 'timestamp-without-time-zone',
    label: 'timestamp without time zone',
    why: 'Stores wall-clock time with no zone: the same value means different instants on different servers.',
    rule: 'prefer-timestamptz',
    dialects: PG,
    test: (c) => c.type.name === 'timestamp',
  },
  {
    id: 'varchar-n',
    label: 'varchar(n)',
    why: 'No faster than text in PostgreSQL, and raising n later takes a lock.',
    rule: 'prefer-text-over-varchar',
    dialects: PG,
    test: (c) => c.type.name === 'varchar' && c.type.params.length > 0,
  },
  {
    id: 'json-not-jsonb',
    label: 'json (not jsonb)',
    why: 'json cannot be compared or indexed with GIN; jsonb can.',
    rule: 'prefer-jsonb',
    dialects: PG,
    test: (c) => c.type.name === 'json',
  },
  {
    id: 'float-money',
    label: 'money stored as float',
    why: 'Binary floating point cannot represent cents exactly; sums drift.',
    rule: 'money-as-float',
    test: (c) => FLOATS.has(c.type.name) && MONEY_NAME.test(snake(c.fieldName ?? c.name)),
  },
  {
    id: 'uuid-v4-key',
    label: 'random UUID (v4) primary key',
    why: 'Random keys scatter B-tree inserts over the whole index; UUID v7 is time-ordered.',
    rule: 'prefer-uuidv7',
    test: (c, t) => isPrimaryKey(c, t) && isUuidV4Default(c),
  },
  {
    id: 'int4-key',
    label: '32-bit integer primary key',
    why: 'Runs out at 2.1 billion rows, and widening it later rewrites the table and every FK.',
    rule: 'prefer-bigint-pk',
    test: (c, t) => isPrimaryKey(c, t) && (c.type.name === 'int4' || c.type.name === 'int' || c.type.name === 'integer'),
  },
  {
    id: 'serial',
    label: 'serial instead of identity',
    why: 'serial is a sequence bolted on by a default; GENERATED AS IDENTITY is the standard, owned form.',
    rule: 'prefer-identity',
    dialects: PG,
    test: (c) => c.default?.generated === 'serial',
  },
  {
    id: 'char-n',
    label: 'char(n)',
    why: 'Pads values with blanks and compares them in surprising ways.',
    rule: 'ban-char-type',
    dialects: PG,
    test: (c) => c.type.name === 'bpchar' || c.type.name === 'char',
  },
  {
    id: 'money-type',
    label: 'money type',
    why: 'Its input and output depend on the lc_monetary setting.',
    rule: 'ban-money-type',
    dialects: PG,
    test: (c) => c.type.name === 'money',
  },
];

export function hygieneApplies(def: HygieneDefinition, dialect: Dialect): boolean {
  return !def.dialects || def.dialects.includes(dialect);
}
