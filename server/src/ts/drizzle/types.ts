/**
 * Drizzle column builders -> the model's canonical type names (PostgreSQL spelling, as the SQL front end
 * writes them), per core module (`drizzle-orm/pg-core`, `sqlite-core`, `mysql-core`).
 */
import type { Dialect } from '../../model/schema';

export type Core = 'pg' | 'sqlite' | 'mysql';

export function coreOf(source: string): Core | undefined {
  const m = /^drizzle-orm\/(pg|sqlite|mysql|singlestore|gel)-core$/.exec(source);
  if (!m) return undefined;
  return m[1] === 'sqlite' ? 'sqlite' : m[1] === 'mysql' || m[1] === 'singlestore' ? 'mysql' : 'pg';
}

export function dialectOf(core: Core): Dialect {
  return core === 'pg' ? 'postgresql' : core === 'sqlite' ? 'sqlite' : 'mysql';
}

export const TABLE_FUNCTIONS: Record<string, Core> = { pgTable: 'pg', sqliteTable: 'sqlite', mysqlTable: 'mysql', singlestoreTable: 'mysql' };
export const ENUM_FUNCTIONS = new Set(['pgEnum', 'mysqlEnum']);
export const SCHEMA_FUNCTIONS = new Set(['pgSchema', 'mysqlSchema']);

const PG: Record<string, string> = {
  text: 'text', varchar: 'varchar', char: 'bpchar', integer: 'int4', int: 'int4', smallint: 'int2', bigint: 'int8',
  serial: 'int4', smallserial: 'int2', bigserial: 'int8', boolean: 'bool', timestamp: 'timestamp', date: 'date', time: 'time',
  interval: 'interval', json: 'json', jsonb: 'jsonb', uuid: 'uuid', numeric: 'numeric', decimal: 'numeric', real: 'float4',
  doublePrecision: 'float8', inet: 'inet', cidr: 'cidr', macaddr: 'macaddr', macaddr8: 'macaddr8', bytea: 'bytea',
  point: 'point', line: 'line', vector: 'vector', halfvec: 'halfvec', geometry: 'geometry', citext: 'citext',
};
const SQLITE: Record<string, string> = { text: 'text', integer: 'int8', int: 'int8', real: 'float8', blob: 'bytea', numeric: 'numeric' };
const MYSQL: Record<string, string> = {
  text: 'text', varchar: 'varchar', char: 'bpchar', int: 'int4', tinyint: 'int2', smallint: 'int2', mediumint: 'int4', bigint: 'int8',
  serial: 'int8', boolean: 'bool', timestamp: 'timestamp', datetime: 'timestamp', date: 'date', time: 'time', json: 'json',
  decimal: 'numeric', double: 'float8', float: 'float4', real: 'float8', binary: 'bytea', varbinary: 'bytea', longtext: 'text',
  mediumtext: 'text', tinytext: 'text', year: 'int2',
};

/** The canonical type of a builder, or undefined when the name is not one of the core's column builders. */
export function builderType(core: Core, builder: string): string | undefined {
  const table = core === 'pg' ? PG : core === 'sqlite' ? SQLITE : MYSQL;
  return Object.prototype.hasOwnProperty.call(table, builder) ? table[builder] : undefined;
}

export const SERIAL_BUILDERS = new Set(['serial', 'smallserial', 'bigserial']);
