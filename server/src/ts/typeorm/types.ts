/**
 * TypeORM column types -> the model's canonical type names (PostgreSQL spelling, as the SQL front end
 * writes them), per engine; the type TypeORM picks when a column names none (from the property's
 * TypeScript type, as `reflect-metadata` gives it); its naming strategy's defaults; its data source
 * `type` -> engine.
 */
import type { Dialect } from '../../model/schema';
import { canonicalType } from '../../sql/lite/types';

const PG: Record<string, string> = {
  varchar: 'varchar', 'character varying': 'varchar', char: 'bpchar', character: 'bpchar', text: 'text', citext: 'citext',
  int: 'int4', integer: 'int4', int4: 'int4', smallint: 'int2', int2: 'int2', bigint: 'int8', int8: 'int8',
  boolean: 'bool', bool: 'bool', timestamp: 'timestamp', 'timestamp without time zone': 'timestamp',
  timestamptz: 'timestamptz', 'timestamp with time zone': 'timestamptz', time: 'time', 'time without time zone': 'time',
  timetz: 'timetz', 'time with time zone': 'timetz', date: 'date', interval: 'interval',
  float: 'float8', 'double precision': 'float8', float8: 'float8', real: 'float4', float4: 'float4',
  decimal: 'numeric', numeric: 'numeric', money: 'money', json: 'json', jsonb: 'jsonb', uuid: 'uuid', bytea: 'bytea',
  inet: 'inet', cidr: 'cidr', macaddr: 'macaddr', tsvector: 'tsvector', point: 'point', geometry: 'geometry', vector: 'vector',
  // TypeORM's own kinds, stored as text.
  'simple-json': 'text', 'simple-array': 'text',
};

/** TypeORM types that are not database types: what they become on MySQL and SQLite. */
const PORTABLE: Record<string, string> = { 'simple-json': 'text', 'simple-array': 'text', 'simple-enum': 'varchar' };

/** The canonical name of a written TypeORM column type on an engine. */
export function columnType(dialect: Dialect, written: string): string {
  const name = written.trim().toLowerCase();
  if (dialect === 'postgresql' || dialect === 'cockroachdb') return PG[name] ?? name;
  return canonicalType(dialect === 'sqlite' ? 'sqlite' : 'mysql', (PORTABLE[name] ?? name).split(/\s+/));
}

/** The type TypeORM gives a column that names none, from the property's TypeScript type. */
export function inferredType(dialect: Dialect, tsType: string | undefined): { written: string; params: number[] } {
  const mysql = dialect === 'mysql';
  switch (tsType) {
    case 'number':
      return { written: mysql ? 'int' : 'integer', params: [] };
    case 'boolean':
      return { written: mysql ? 'tinyint' : 'boolean', params: [] };
    case 'Date':
      return { written: dialect === 'postgresql' || dialect === 'cockroachdb' ? 'timestamp' : 'datetime', params: [] };
    case 'Buffer':
      return { written: dialect === 'postgresql' ? 'bytea' : 'blob', params: [] };
    default:
      // `string`, string unions and aliases of them: reflect-metadata says String.
      return { written: 'varchar', params: mysql ? [255] : [] };
  }
}

/** The type of `@CreateDateColumn()` and its kin when none is written. */
export function dateColumnType(dialect: Dialect): string {
  return dialect === 'postgresql' || dialect === 'cockroachdb' ? 'timestamp' : 'datetime';
}

/** TypeORM's DefaultNamingStrategy.tableName: the class name in snake_case. */
export function snakeCase(name: string): string {
  return name
    .replace(/([A-Z])([A-Z])([a-z])/g, '$1_$2$3')
    .replace(/([a-z0-9])([A-Z])/g, '$1_$2')
    .toLowerCase();
}

/** TypeORM's camelCase (`created_at` -> `createdAt`). */
export function camelCase(name: string): string {
  return name.replace(/^([A-Z])|[\s\-_](\w)/g, (_m, p1: string | undefined, p2: string | undefined) => (p2 ? p2.toUpperCase() : p1!.toLowerCase()));
}

/** TypeORM's titleCase: each word's first letter upper case, the rest lower case (`firstName` -> `Firstname`). */
export function titleCase(name: string): string {
  return name.replace(/\w\S*/g, (w) => w.charAt(0).toUpperCase() + w.slice(1).toLowerCase());
}

/** How a naming strategy names columns: TypeORM's default one, or `SnakeNamingStrategy` (typeorm-naming-strategies). */
export interface Naming {
  /** A column of `property`, its `name` option `custom`, inside embedded classes with `prefixes`. */
  column(property: string, custom: string | undefined, prefixes: readonly string[]): string;
  /** A relation's join column: `<relation>Id`, or `<relation>_id`. */
  joinColumn(relation: string, referenced: string): string;
  /** A junction table's column for one side's key. */
  joinTableColumn(table: string, column: string): string;
}

export const DEFAULT_NAMING: Naming = {
  column: (property, custom, prefixes) => (prefixes.length ? camelCase(prefixes.join('_')) + titleCase(custom ?? property) : (custom ?? property)),
  joinColumn: (relation, referenced) => camelCase(`${relation}_${referenced}`),
  joinTableColumn: (table, column) => camelCase(`${table}_${column}`),
};

export const SNAKE_NAMING: Naming = {
  column: (property, custom, prefixes) => snakeCase([...prefixes, ''].join('_')) + (custom ?? snakeCase(property)),
  joinColumn: (relation, referenced) => snakeCase(`${relation}_${referenced}`),
  joinTableColumn: (table, column) => snakeCase(`${table}_${column}`),
};

/** The engine a data source `type` names; undefined for engines the model does not know. */
export function engineOfType(type: string): Dialect | undefined {
  const t = type.toLowerCase();
  if (t === 'postgres' || t === 'aurora-postgres') return 'postgresql';
  if (t === 'cockroachdb') return 'cockroachdb';
  if (t === 'mysql' || t === 'mariadb' || t === 'aurora-mysql') return 'mysql';
  if (/^(sqlite|better-sqlite3|capacitor|cordova|expo|nativescript|react-native|sqljs|libsql)$/.test(t)) return 'sqlite';
  if (t === 'mssql') return 'sqlserver';
  if (t === 'mongodb') return 'mongodb';
  return undefined;
}
