/**
 * Tables and their parts changing name, schema or existence: DROP TABLE/INDEX/TYPE/POLICY, RENAME of
 * tables, columns, constraints, policies and indexes, SET SCHEMA, read into schema changes.
 */
import type { AlterObjectSchemaStmt, DropStmt, RenameStmt } from 'libpg-query';
import type { SchemaChange } from '../model/schema-change';
import { listNames } from './ast';
import { splitQualified, tableKey } from './names';
import { relKey } from './relations';

function dropOne(s: DropStmt, parts: string[]): SchemaChange | undefined {
  const { ns, name } = splitQualified(parts);
  if (!name) return undefined;
  switch (s.removeType) {
    case 'OBJECT_TABLE':
    case 'OBJECT_VIEW':
    case 'OBJECT_MATVIEW':
    case 'OBJECT_FOREIGN_TABLE':
      return { op: 'drop-table', key: tableKey(ns, name) };
    case 'OBJECT_INDEX':
      return { op: 'drop-named', namespace: ns ?? '', name };
    case 'OBJECT_TYPE':
      return { op: 'drop-enum', key: tableKey(ns, name) };
    case 'OBJECT_POLICY': {
      // DROP POLICY name ON [schema.]table: the list is the table's name parts, then the policy's.
      const { ns: tns, name: tname } = splitQualified(parts.slice(0, -1));
      return tname ? { op: 'drop-policy', table: tableKey(tns, tname), name } : undefined;
    }
  }
  return undefined;
}

export function drop(s: DropStmt): SchemaChange[] {
  return (s.objects ?? []).map((obj) => dropOne(s, listNames(obj))).filter((c): c is SchemaChange => !!c);
}

export function rename(s: RenameStmt): SchemaChange[] {
  const to = s.newname;
  if (!to) return [];
  const table = relKey(s.relation);
  switch (s.renameType) {
    case 'OBJECT_TABLE':
    case 'OBJECT_VIEW':
    case 'OBJECT_MATVIEW':
      return table ? [{ op: 'rename-table', key: table, name: to }] : [];
    case 'OBJECT_COLUMN':
      return table && s.subname ? [{ op: 'rename-column', table, from: s.subname, to }] : [];
    case 'OBJECT_TABCONSTRAINT':
      return table && s.subname ? [{ op: 'rename-named', table, from: s.subname, to }] : [];
    case 'OBJECT_POLICY':
      return table && s.subname ? [{ op: 'rename-policy', table, from: s.subname, to }] : [];
    case 'OBJECT_INDEX': {
      // ALTER INDEX name RENAME TO: the "relation" is the index itself.
      const index = s.relation?.relname;
      return index ? [{ op: 'rename-named', namespace: s.relation?.schemaname ?? '', from: index, to }] : [];
    }
  }
  return [];
}

/** ALTER TABLE ... SET SCHEMA: the table moves, keeping its name. */
export function setSchema(s: AlterObjectSchemaStmt): SchemaChange[] {
  const table = s.objectType === 'OBJECT_TABLE' ? relKey(s.relation) : undefined;
  return table && s.newschema ? [{ op: 'rename-table', key: table, schema: s.newschema }] : [];
}
