/**
 * Schema changes both SQL front ends apply (PostgreSQL's AST reader and the SQLite/MySQL token reader):
 * tables dropped, renamed or moved, columns dropped or renamed, constraints and indexes removed or
 * renamed by name, with what the engine changes along with them (references from other tables, keys on a
 * dropped column). Names compare the way the schema's engine compares them: PostgreSQL exactly (its
 * parser has folded unquoted names already), SQLite and MySQL without regard to case.
 */
import type { Dialect, ForeignKey, Schema, Table } from './schema';
import { noteRelationName } from './names';
import { mutableColumn, mutableParts, mutableTable } from './snapshot';

/** Does the engine compare these names (columns, indexes, constraints) without regard to case? */
function caseInsensitive(dialect: Dialect): boolean {
  return dialect === 'sqlite' || dialect === 'mysql';
}

/** A name comparison the way `dialect` compares column, index and constraint names. */
export function nameMatcher(dialect: Dialect): (a: string | undefined, b: string) => boolean {
  return caseInsensitive(dialect) ? sameFolded : sameExactly;
}
// Made once: the replay asks for a matcher for every column it places.
const sameExactly = (a: string | undefined, b: string) => a === b;
const sameFolded = (a: string | undefined, b: string) => a !== undefined && a.toLowerCase() === b.toLowerCase();

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
  for (const t of referencing(schema, (f) => refKey(f) === key)) t.foreignKeys = t.foreignKeys.filter((f) => refKey(f) !== key);
}

/** The tables with a foreign key that `matches`, each the schema's own copy (a snapshot keeps the table it shares). */
function referencing(schema: Schema, matches: (f: ForeignKey) => boolean): Table[] {
  const found: Table[] = [];
  for (const t of schema.tables.values()) if (t.foreignKeys.some(matches)) found.push(t);
  return found.map((t) => mutableTable(schema, t));
}

/**
 * Renames and/or moves a table (`table` is the schema's own, mutable); foreign keys pointing at it follow.
 * False when the new name is taken.
 */
export function renameTable(schema: Schema, table: Table, ns: string | undefined, name: string): boolean {
  const oldKey = table.key;
  const newKey = tableKey(ns, name);
  if (newKey !== oldKey && schema.tables.has(newKey)) return false;
  schema.tables.delete(oldKey);
  table.name = name;
  if (ns) table.schema = ns;
  table.key = newKey;
  schema.tables.set(newKey, table);
  noteRelationName(schema, name);
  const refs = (f: ForeignKey) => refKey(f) === oldKey;
  for (const t of referencing(schema, refs)) for (const f of mutableParts(t).foreignKeys) if (refs(f)) f.refTable = qualifiedName(table.schema, name);
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
  const gone = (f: ForeignKey) => refKey(f) === table.key && on(f.refColumns);
  for (const t of referencing(schema, gone)) t.foreignKeys = t.foreignKeys.filter((f) => !gone(f));
}

/** Renames a column everywhere it is named: the column, keys and checks on it, references to it. */
export function renameColumn(schema: Schema, table: Table, from: string, to: string): void {
  const same = nameMatcher(schema.dialect);
  const swap = (cols: string[]) => cols.map((c) => (same(c, from) ? to : c));
  const column = table.columns.find((c) => same(c.name, from));
  if (column) mutableColumn(table, column).name = to;
  mutableParts(table);
  for (const i of table.indexes) i.columns = swap(i.columns);
  for (const f of table.foreignKeys) f.columns = swap(f.columns);
  for (const c of table.checks ?? []) c.columns = swap(c.columns);
  const refs = (f: ForeignKey) => refKey(f) === table.key;
  for (const t of referencing(schema, refs)) for (const f of mutableParts(t).foreignKeys) if (refs(f)) f.refColumns = swap(f.refColumns);
}

/** DROP CONSTRAINT / DROP INDEX: removes the index, key, foreign key or check of that name. */
export function removeNamed(schema: Schema, found: Table, name: string): boolean {
  const same = nameMatcher(schema.dialect);
  if (!holdsNamed(found, name, same)) return false;
  const table = mutableTable(schema, found);
  table.indexes = table.indexes.filter((i) => !same(i.name, name));
  table.foreignKeys = table.foreignKeys.filter((f) => !same(f.name, name));
  if (table.checks) table.checks = table.checks.filter((c) => !same(c.name, name));
  return true;
}

/** Renames a constraint or index (`RENAME CONSTRAINT`, `ALTER INDEX ... RENAME TO`, `RENAME INDEX`). */
export function renameNamed(schema: Schema, found: Table, from: string, to: string): boolean {
  const same = nameMatcher(schema.dialect);
  if (!holdsNamed(found, from, same)) return false;
  for (const x of namedIn(mutableParts(mutableTable(schema, found)))) if (same(x.name, from)) x.name = to;
  noteRelationName(schema, to);
  return true;
}

/** Does the table hold an index, foreign key or check named `name`? (DROP INDEX asks every table of its schema.) */
function holdsNamed(table: Table, name: string, same: (a: string | undefined, b: string) => boolean): boolean {
  for (const x of table.indexes) if (same(x.name, name)) return true;
  for (const x of table.foreignKeys) if (same(x.name, name)) return true;
  for (const x of table.checks ?? []) if (same(x.name, name)) return true;
  return false;
}

/** A table's named objects: indexes, foreign keys and checks. */
function namedIn(table: Table): { name?: string }[] {
  return [...table.indexes, ...table.foreignKeys, ...(table.checks ?? [])];
}
