/**
 * Schema changes both SQL front ends apply (PostgreSQL's AST reader and the SQLite/MySQL token reader):
 * tables dropped, renamed or moved, columns dropped or renamed, constraints and indexes removed or
 * renamed by name, with what the engine changes along with them (references from other tables, keys on a
 * dropped column). Names compare the way the schema's engine compares them: PostgreSQL exactly (its
 * parser has folded unquoted names already), SQLite and MySQL without regard to case.
 */
import type { Dialect, ForeignKey, Schema, Table } from './schema';

/** Does the engine compare these names (columns, indexes, constraints) without regard to case? */
function caseInsensitive(dialect: Dialect): boolean {
  return dialect === 'sqlite' || dialect === 'mysql';
}

/** A name comparison the way `dialect` compares column, index and constraint names. */
export function nameMatcher(dialect: Dialect): (a: string | undefined, b: string) => boolean {
  if (!caseInsensitive(dialect)) return (a, b) => a === b;
  return (a, b) => a !== undefined && a.toLowerCase() === b.toLowerCase();
}

/** The key of the table a foreign key references (`ForeignKey.refTable` is qualified like `Table.key`). */
export function refKey(fk: ForeignKey): string {
  return fk.refTable.toLowerCase();
}

/** The name as people refer to it (`ForeignKey.refTable`): qualified only outside the default schema. */
export function qualifiedName(schema: string | undefined, name: string): string {
  return !schema || schema === 'public' ? name : `${schema}.${name}`;
}

/** `Table.key`: the lower-cased name, schema-qualified outside the default schema. */
export function tableKey(schema: string | undefined, name: string): string {
  return (!schema || schema === 'public' ? name : `${schema}.${name}`).toLowerCase();
}

/** DROP TABLE: the table goes, and with it (CASCADE, or the engine refusing otherwise) the references to it. */
export function dropTable(schema: Schema, key: string): void {
  if (!schema.tables.delete(key)) return;
  for (const other of schema.tables.values()) other.foreignKeys = other.foreignKeys.filter((f) => refKey(f) !== key);
}

/** Renames and/or moves a table; foreign keys pointing at it follow. False when the new name is taken. */
export function renameTable(schema: Schema, table: Table, ns: string | undefined, name: string): boolean {
  const oldKey = table.key;
  const newKey = tableKey(ns, name);
  if (newKey !== oldKey && schema.tables.has(newKey)) return false;
  schema.tables.delete(oldKey);
  table.name = name;
  if (ns) table.schema = ns;
  table.key = newKey;
  schema.tables.set(newKey, table);
  for (const other of schema.tables.values()) {
    for (const f of other.foreignKeys) if (refKey(f) === oldKey) f.refTable = qualifiedName(table.schema, name);
  }
  return true;
}

/** Drops a column with what the engine drops along with it: indexes and keys on it, references to it. */
export function dropColumn(schema: Schema, table: Table, name: string): void {
  const same = nameMatcher(schema.dialect);
  const on = (cols: string[]) => cols.some((c) => same(c, name));
  table.columns = table.columns.filter((c) => !same(c.name, name));
  table.indexes = table.indexes.filter((i) => !on(i.columns));
  table.foreignKeys = table.foreignKeys.filter((f) => !on(f.columns));
  if (table.checks) table.checks = table.checks.filter((c) => !on(c.columns));
  for (const other of schema.tables.values()) {
    other.foreignKeys = other.foreignKeys.filter((f) => !(refKey(f) === table.key && on(f.refColumns)));
  }
}

/** Renames a column everywhere it is named: the column, keys and checks on it, references to it. */
export function renameColumn(schema: Schema, table: Table, from: string, to: string): void {
  const same = nameMatcher(schema.dialect);
  const swap = (cols: string[]) => cols.map((c) => (same(c, from) ? to : c));
  const column = table.columns.find((c) => same(c.name, from));
  if (column) column.name = to;
  for (const i of table.indexes) i.columns = swap(i.columns);
  for (const f of table.foreignKeys) f.columns = swap(f.columns);
  for (const c of table.checks ?? []) c.columns = swap(c.columns);
  for (const other of schema.tables.values()) {
    for (const f of other.foreignKeys) if (refKey(f) === table.key) f.refColumns = swap(f.refColumns);
  }
}

/** DROP CONSTRAINT / DROP INDEX: removes the index, key, foreign key or check of that name. */
export function removeNamed(schema: Schema, table: Table, name: string): boolean {
  const same = nameMatcher(schema.dialect);
  const before = table.indexes.length + table.foreignKeys.length + (table.checks?.length ?? 0);
  table.indexes = table.indexes.filter((i) => !same(i.name, name));
  table.foreignKeys = table.foreignKeys.filter((f) => !same(f.name, name));
  if (table.checks) table.checks = table.checks.filter((c) => !same(c.name, name));
  return table.indexes.length + table.foreignKeys.length + (table.checks?.length ?? 0) !== before;
}

/** Renames a constraint or index (`RENAME CONSTRAINT`, `ALTER INDEX ... RENAME TO`, `RENAME INDEX`). */
export function renameNamed(schema: Schema, table: Table, from: string, to: string): boolean {
  const same = nameMatcher(schema.dialect);
  let found = false;
  for (const x of [...table.indexes, ...table.foreignKeys, ...(table.checks ?? [])]) {
    if (same(x.name, from)) {
      x.name = to;
      found = true;
    }
  }
  return found;
}
