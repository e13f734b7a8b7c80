/**
 * Replays parsed statements on a `Schema`, in order, the way the engine would apply them. The same
 * function serves one file and a whole migration history (several files through one schema).
 * Each statement is read into schema changes (`readStatement` here for PostgreSQL's AST, `readLite`
 * for SQLite/MySQL DDL) and applied by `applyChanges`, the one place the schema changes.
 * Statements the model does not describe are ignored; nothing here throws.
 */
import type { CommentStmt, CreateStmt, Node, RangeVar } from 'libpg-query';
import { applyChanges } from '../model/apply';
import { movedChanges } from '../model/moved';
import type { Declared, SchemaChange, TablePart } from '../model/schema-change';
import type { Dialect, Schema, Table } from '../model/schema';
import { readLite } from './lite/apply';
import { listNames, nodeAs, tagOf } from './ast';
import { alterTable } from './alter';
import { buildColumn } from './columns';
import { declaredConstraint } from './constraints';
import { alterEnum, createEnum } from './enums';
import { doBlockStatements } from './do-blocks';
import { createIndex } from './indexes';
import { drop, rename, setSchema } from './lifecycle';
import { splitQualified, tableKey } from './names';
import { perParsedStatement, type ParsedStatement } from './parse';
import { relKey, tableName } from './relations';
import { Site } from './site';
import { elementEnd, findWord } from './tokens';
import { unreadableCreateTable } from './unreadable';

export interface ApplyContext {
  /** The file the statement is in: every `SourceRef` the model gets points there. */
  uri: string;
  /** SQLite and MySQL DDL goes through their own extractor (the PostgreSQL parser rejects much of it). */
  dialect?: Dialect;
}

/**
 * What a statement does to the schema, in model pieces. Reading needs no schema: what depends on the
 * schema as the history leaves it is settled by `applyChanges`, which copies what it keeps. So a statement
 * is read once per parsed statement (the parse caches keep them while their text stays), not again each
 * time a history is replayed through it.
 */
export function statementChanges(st: ParsedStatement, ctx: ApplyContext): SchemaChange[] {
  return changesOnce(st, ctx.uri, ctx.dialect, () => readChanges(st, ctx));
}

const changesOnce = perParsedStatement<SchemaChange[]>(movedChanges);

function readChanges(st: ParsedStatement, ctx: ApplyContext): SchemaChange[] {
  if (ctx.dialect === 'sqlite' || ctx.dialect === 'mysql') {
    try {
      const lite = readLite(st, ctx.uri, ctx.dialect);
      if (lite) return lite;
    } catch {
      // A reader bug costs one statement, never the file.
      return [];
    }
  }
  const site = new Site(st, ctx.uri);
  if (!st.stmt) return createUnreadable(site);
  try {
    return readStatement(site, st.stmt);
  } catch {
    // An AST shape this code did not expect: the model misses one statement, the file still loads.
    return [];
  }
}

export function applyStatement(schema: Schema, st: ParsedStatement, ctx: ApplyContext): void {
  applyChanges(schema, statementChanges(st, ctx));
}

function readStatement(site: Site, node: Node): SchemaChange[] {
  switch (tagOf(node)) {
    case 'CreateStmt':
      return createTable(site, nodeAs(node, 'CreateStmt')!);
    case 'IndexStmt':
      return createIndex(site, nodeAs(node, 'IndexStmt')!);
    case 'AlterTableStmt':
      return alterTable(site, nodeAs(node, 'AlterTableStmt')!);
    case 'RenameStmt':
      return rename(nodeAs(node, 'RenameStmt')!);
    case 'DropStmt':
      return drop(nodeAs(node, 'DropStmt')!);
    case 'ViewStmt': {
      const v = nodeAs(node, 'ViewStmt')!;
      return createRelation(site, v.view, 'view', !!v.replace);
    }
    case 'CreateTableAsStmt': {
      const m = nodeAs(node, 'CreateTableAsStmt')!;
      return m.objtype === 'OBJECT_MATVIEW' ? createRelation(site, m.into?.rel, 'materialized view', false) : [];
    }
    case 'DoStmt':
      return doBlockStatements(site).flatMap((inner) => (inner.stmt ? readStatement(new Site(inner, site.uri), inner.stmt) : []));
    case 'CreateEnumStmt':
      return createEnum(site, nodeAs(node, 'CreateEnumStmt')!);
    case 'AlterEnumStmt':
      return alterEnum(nodeAs(node, 'AlterEnumStmt')!);
    case 'CommentStmt':
      return comment(nodeAs(node, 'CommentStmt')!);
    case 'CreatePolicyStmt': {
      const p = nodeAs(node, 'CreatePolicyStmt')!;
      const table = relKey(p.table);
      if (!table || !p.policy_name) return [];
      const at = site.at(p.table?.location);
      // The policy's name follows CREATE POLICY; the table's location is the nearest anchor we have.
      const kw = findWord(site.tokens, 0, site.tokens.length - 1, 'policy');
      const source = kw >= 0 && kw + 1 < site.tokens.length ? site.tokenRef(kw + 1, kw + 1) : at >= 0 ? site.tokenRef(at, at) : site.statementRef();
      return [{ op: 'create-policy', table, name: p.policy_name, source }];
    }
    case 'AlterObjectSchemaStmt':
      return setSchema(nodeAs(node, 'AlterObjectSchemaStmt')!);
  }
  return [];
}

/** A CREATE TABLE the parser rejected: the table exists from here on, with what the statement says unknown. */
function createUnreadable(site: Site): SchemaChange[] {
  const created = unreadableCreateTable(site);
  if (!created) return [];
  const { key, name, schema, at } = created.table;
  const table = { key, name, schema, source: at ?? site.statementRef(), declaration: site.statementRef() };
  if (!schema) delete table.schema;
  return [{ op: 'create-table', table, kind: 'table', unread: true, parts: [], declared: [] }];
}

function createRelation(site: Site, rel: RangeVar | undefined, kind: Table['kind'], replace: boolean): SchemaChange[] {
  const table = tableName(site, rel);
  return table ? [{ op: 'create-table', table, kind, replace, parts: [], declared: [] }] : [];
}

function createTable(site: Site, s: CreateStmt): SchemaChange[] {
  const table = tableName(site, s.relation);
  if (!table) return [];
  const parents = (s.inhRelations ?? []).map((n) => relKey(nodeAs(n, 'RangeVar'))).filter((k): k is string => !!k);
  const parts: TablePart[] = [];
  const declared: Declared[] = [];
  for (const el of s.tableElts ?? []) {
    const def = nodeAs(el, 'ColumnDef');
    if (def?.colname) {
      const built = buildColumn(site, def, table.name);
      parts.push({ column: built.column });
      for (const p of built.constraints) {
        const d = declaredConstraint(site, p.c, p.first, p.last, built.column.name);
        if (d) declared.push(d);
      }
      continue;
    }
    const c = nodeAs(el, 'Constraint');
    if (c) {
      const first = site.at(c.location);
      const d = declaredConstraint(site, c, first, first >= 0 ? elementEnd(site.tokens, first) : -1);
      if (d) declared.push(d);
      continue;
    }
    const like = relKey(nodeAs(el, 'TableLikeClause')?.relation);
    if (like) parts.push({ like });
  }
  // A partition gets its parent's indexes and foreign keys too (INHERITS does not).
  return [{ op: 'create-table', table, kind: 'table', parents, partition: !!s.partbound, parts, declared }];
}

function comment(s: CommentStmt): SchemaChange[] {
  const names = listNames(s.object);
  if (s.objtype === 'OBJECT_TABLE' || s.objtype === 'OBJECT_VIEW' || s.objtype === 'OBJECT_MATVIEW') {
    const { ns, name } = splitQualified(names);
    return [{ op: 'comment', table: tableKey(ns, name), text: s.comment }];
  }
  if (s.objtype === 'OBJECT_COLUMN' && names.length >= 2) {
    const { ns, name } = splitQualified(names.slice(0, -1));
    return [{ op: 'comment', table: tableKey(ns, name), column: names[names.length - 1], text: s.comment }];
  }
  return [];
}
