/**
 * Tables and their parts changing name, schema or existence: DROP TABLE/INDEX/TYPE, RENAME of tables,
 * columns, constraints and indexes, SET SCHEMA. References from other tables follow along.
 */
import type { DropStmt, RenameStmt } from 'libpg-query';
import { dropTable, removeNamed, renameColumn, renameNamed, renameTable } from '../model/changes';
import { findColumn, type Schema, type Table } from '../model/schema';
import { listNames } from './ast';
import { splitQualified, tableKey } from './names';
import { lookup } from './relations';

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
        if (table) dropTable(schema, table.key);
        break;
      }
      case 'OBJECT_INDEX':
        for (const t of tablesIn(schema, ns)) if (removeNamed(schema, t, name)) break;
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

export function rename(schema: Schema, s: RenameStmt): void {
  const to = s.newname;
  if (!to) return;
  const table = lookup(schema, s.relation);
  switch (s.renameType) {
    case 'OBJECT_TABLE':
    case 'OBJECT_VIEW':
    case 'OBJECT_MATVIEW':
      if (table) renameTable(schema, table, table.schema, to);
      return;
    case 'OBJECT_COLUMN': {
      const column = table && s.subname ? findColumn(table, s.subname) : undefined;
      if (table && column) renameColumn(schema, table, column.name, to);
      return;
    }
    case 'OBJECT_TABCONSTRAINT':
      if (table && s.subname) renameNamed(schema, table, s.subname, to);
      return;
    case 'OBJECT_POLICY': {
      const policy = table?.policies?.find((p) => p.name === s.subname);
      if (policy) policy.name = to;
      return;
    }
    case 'OBJECT_INDEX': {
      // ALTER INDEX name RENAME TO: the "relation" is the index itself.
      const index = s.relation?.relname;
      if (index) tablesIn(schema, s.relation?.schemaname).some((t) => renameNamed(schema, t, index, to));
      return;
    }
  }
}
