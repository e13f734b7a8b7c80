/**
 * SQLite and MySQL column types in the model's canonical names (PostgreSQL spelling where one exists),
 * so design rules compare and judge them the same way on every engine.
 */
import type { Dialect } from '../../model/schema';

const MYSQL: Record<string, string> = {
  int: 'int4', integer: 'int4', mediumint: 'int4', smallint: 'int2', bigint: 'int8', tinyint: 'tinyint',
  float: 'float4', double: 'float8', 'double precision': 'float8', real: 'float8',
  decimal: 'numeric', dec: 'numeric', numeric: 'numeric', fixed: 'numeric',
  varchar: 'varchar', 'character varying': 'varchar', nvarchar: 'varchar', char: 'bpchar', character: 'bpchar', nchar: 'bpchar',
  text: 'text', tinytext: 'text', mediumtext: 'text', longtext: 'text',
  blob: 'bytea', tinyblob: 'bytea', mediumblob: 'bytea', longblob: 'bytea', binary: 'bytea', varbinary: 'bytea',
  bool: 'bool', boolean: 'bool', bit: 'bit',
  datetime: 'datetime', timestamp: 'timestamp', date: 'date', time: 'time', year: 'year',
  json: 'json', enum: 'enum', set: 'set', uuid: 'uuid',
};

/**
 * SQLite keeps any type name and derives an affinity from it. Integer-affinity columns hold up to
 * 8 bytes, so they are `int8` here; the name as written stays in `ColumnType.written`.
 */
function sqliteType(name: string): string {
  if (/int/.test(name)) return 'int8';
  if (/^(n?varchar|varying character|native character|character varying|nvarchar)$/.test(name)) return 'varchar';
  if (/^(n?char|character)$/.test(name)) return 'bpchar';
  if (/char|clob|text/.test(name)) return 'text';
  if (/^(real|double|double precision|float)$/.test(name)) return 'float8';
  if (/^(decimal|numeric)$/.test(name)) return 'numeric';
  if (/^bool(ean)?$/.test(name)) return 'bool';
  if (/blob/.test(name) || name === '') return name === '' ? '' : 'bytea';
  if (name === 'json' || name === 'jsonb') return 'json';
  return name;
}

export function canonicalType(dialect: Dialect, words: string[]): string {
  const name = words.join(' ').toLowerCase();
  if (dialect === 'sqlite') return sqliteType(name);
  return MYSQL[name] ?? MYSQL[words[0]?.toLowerCase() ?? ''] ?? name;
}
