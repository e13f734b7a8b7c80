/**
 * Tables and their parts changing name, schema or existence: DROP TABLE/INDEX/TYPE, RENAME of tables,
 * columns, constraints and indexes, SET SCHEMA. References from other tables follow along.
 */
import type { DropStmt, RenameStmt } from 'libpg-query';
import { findColumn, type Schema, type Table } from '../model/schema';
import { listNames } from './ast';
import { refKey, removeNamed, renameNamed } from './constraints';
import { qualifiedName, splitQualified, tableKey } from './names';
import { lookup } from './relations';

function dropTable(schema: Schema, table: Table): void {
  schema.tables.delete(table.key);
  // CASCADE drops the referencing constraints; without it PostgreSQL refuses while any exist.
  for (const other of schema.tables.values()) other.foreignKeys = other.foreignKeys.filter((f) => refKey(f) !== table.key);
}

/** Tables in a schema namespace (index names are unique per namespace, not per table). */
function tablesIn(schema: Schema, ns: string | undefined): Table[] {
  const want = !ns || ns === 'public' ? '' : ns;
  return [...schema.tables.values()].filter((t) => (!t.schema || t.schema === 'public' ? '' : t.schema) === want);
}

export function drop(schema: Schema, s: DropStmt): void {
  for (const obj of s.objects ?? []) {
    const { ns, name } = splitQualified(listNames(obj));
    if (!name) continue;
    switch (s.removeType) {
      case 'OBJECT_TABLE':
      case 'OBJECT_VIEW':
      case 'OBJECT_MATVIEW':
      case 'OBJECT_FOREIGN_TABLE': {
        const table = schema.tables.get(tableKey(ns, name));
        if (table) dropTable(schema, table);
        break;
      }
      case 'OBJECT_INDEX':
        for (const t of tablesIn(schema, ns)) if (removeNamed(t, name)) break;
        break;
      case 'OBJECT_TYPE':
        schema.enums.delete(tableKey(ns, name));
        break;
      case 'OBJECT_POLICY': {
        // DROP POLICY name ON [schema.]table: the list is the table's name parts, then the policy's.
        const parts = listNames(obj);
        const policy = parts[parts.length - 1];
        const { ns: tns, name: tname } = splitQualified(parts.slice(0, -1));
        const table = tname ? schema.tables.get(tableKey(tns, tname)) : undefined;
        if (table?.policies) table.policies = table.policies.filter((p) => p.name !== policy);
        break;
      }
    }
  }
}

/** Renames and/or moves a table; foreign keys pointing at it follow. */
export function rekey(schema: Schema, table: Table, ns: string | undefined, name: string): void {
  const oldKey = table.key;
  const newKey = tableKey(ns, name);
  if (newKey !== oldKey && schema.tables.has(newKey)) return;
  schema.tables.delete(oldKey);
  table.name = name;
  if (ns) table.schema = ns;
  table.key = newKey;
  schema.tables.set(newKey, table);
  for (const other of schema.tables.values()) {
    for (const f of other.foreignKeys) if (refKey(f) === oldKey) f.refTable = qualifiedName(table.schema, name);
  }
}

function renameColumn(schema: Schema, table: Table, from: string, to: string): void {
  const swap = (cols: string[]) => cols.map((c) => (c === from ? to : c));
  const column = table.columns.find((c) => c.name === from);
  if (column) column.name = to;
  for (const i of table.indexes) i.columns = swap(i.columns);
  for (const f of table.foreignKeys) f.columns = swap(f.columns);
  for (const c of table.checks ?? []) c.columns = swap(c.columns);
  for (const other of schema.tables.values()) {
    for (const f of other.foreignKeys) if (refKey(f) === table.key) f.refColumns = swap(f.refColumns);
  }
}

export function rename(schema: Schema, s: RenameStmt): void {
  const to = s.newname;
  if (!to) return;
  const table = lookup(schema, s.relation);
  switch (s.renameType) {
    case 'OBJECT_TABLE':
    case 'OBJECT_VIEW':
    case 'OBJECT_MATVIEW':
      if (table) rekey(schema, table, table.schema, to);
      return;
    case 'OBJECT_COLUMN': {
      const column = table && s.subname ? findColumn(table, s.subname) : undefined;
      if (table && column) renameColumn(schema, table, column.name, to);
      return;
    }
    case 'OBJECT_TABCONSTRAINT':
      if (table && s.subname) renameNamed(table, s.subname, to);
      return;
    case 'OBJECT_POLICY': {
      const policy = table?.policies?.find((p) => p.name === s.subname);
      if (policy) policy.name = to;
      return;
    }
    case 'OBJECT_INDEX': {
      // ALTER INDEX name RENAME TO: the "relation" is the index itself.
      const index = s.relation?.relname;
      if (index) tablesIn(schema, s.relation?.schemaname).some((t) => renameNamed(t, index, to));
      return;
    }
  }
}
