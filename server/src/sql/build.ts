/**
 * Replays parsed statements on a `Schema`, in order, the way PostgreSQL would apply them. The same
 * function serves one file and a whole migration history (several files through one schema).
 * Statements the model does not describe are ignored; nothing here throws.
 */
import type { CommentStmt, CreateStmt, Node, RangeVar } from 'libpg-query';
import { renameTable } from '../model/changes';
import { findColumn, type Column, type Dialect, type Schema, type Table } from '../model/schema';
import { applyOtherDialect } from './lite/apply';
import { listNames, nodeAs, tagOf } from './ast';
import { alterTable } from './alter';
import { buildColumn, type PlacedConstraint } from './columns';
import { applyConstraint, isKeyConstraint } from './constraints';
import { alterEnum, createEnum } from './enums';
import { doBlockStatements } from './do-blocks';
import { createIndex } from './indexes';
import { drop, rename } from './lifecycle';
import { splitQualified, tableKey } from './names';
import type { ParsedStatement } from './parse';
import { isPartial, lookup, newTable } from './relations';
import { Site } from './site';
import { elementEnd, findWord } from './tokens';
import { unreadableCreateTable } from './unreadable';

export interface ApplyContext {
  /** The file the statement is in: every `SourceRef` the model gets points there. */
  uri: string;
  /** SQLite and MySQL DDL goes through their own extractor (the PostgreSQL parser rejects much of it). */
  dialect?: Dialect;
}

export function applyStatement(schema: Schema, st: ParsedStatement, ctx: ApplyContext): void {
  if (ctx.dialect === 'sqlite' || ctx.dialect === 'mysql') {
    try {
      if (applyOtherDialect(schema, st, ctx.uri, ctx.dialect)) return;
    } catch {
      // An extractor bug costs one statement, never the file.
      return;
    }
  }
  if (!st.stmt) return createUnreadable(new Site(st, ctx.uri), schema);
  try {
    apply(new Site(st, ctx.uri), schema, st.stmt);
  } catch {
    // An AST shape this code did not expect: the model misses one statement, the file still loads.
  }
}

function apply(site: Site, schema: Schema, node: Node): void {
  switch (tagOf(node)) {
    case 'CreateStmt':
      return createTable(site, schema, nodeAs(node, 'CreateStmt')!);
    case 'IndexStmt':
      return createIndex(site, schema, nodeAs(node, 'IndexStmt')!);
    case 'AlterTableStmt':
      return alterTable(site, schema, nodeAs(node, 'AlterTableStmt')!);
    case 'RenameStmt':
      return rename(schema, nodeAs(node, 'RenameStmt')!);
    case 'DropStmt':
      return drop(schema, nodeAs(node, 'DropStmt')!);
    case 'ViewStmt': {
      const v = nodeAs(node, 'ViewStmt')!;
      return createRelation(site, schema, v.view, 'view', !!v.replace);
    }
    case 'CreateTableAsStmt': {
      const m = nodeAs(node, 'CreateTableAsStmt')!;
      if (m.objtype === 'OBJECT_MATVIEW') createRelation(site, schema, m.into?.rel, 'materialized view', false);
      return;
    }
    case 'DoStmt':
      for (const inner of doBlockStatements(site)) if (inner.stmt) apply(new Site(inner, site.uri), schema, inner.stmt);
      return;
    case 'CreateEnumStmt':
      return createEnum(site, schema, nodeAs(node, 'CreateEnumStmt')!);
    case 'AlterEnumStmt':
      return alterEnum(schema, nodeAs(node, 'AlterEnumStmt')!);
    case 'CommentStmt':
      return comment(schema, nodeAs(node, 'CommentStmt')!);
    case 'CreatePolicyStmt': {
      const p = nodeAs(node, 'CreatePolicyStmt')!;
      const table = lookup(schema, p.table);
      if (table && p.policy_name && !table.policies?.some((x) => x.name === p.policy_name)) {
        const at = site.at(p.table?.location);
        // The policy's name follows CREATE POLICY; the table's location is the nearest anchor we have.
        const kw = findWord(site.tokens, 0, site.tokens.length - 1, 'policy');
        const source = kw >= 0 && kw + 1 < site.tokens.length ? site.tokenRef(kw + 1, kw + 1) : at >= 0 ? site.tokenRef(at, at) : site.statementRef();
        (table.policies ??= []).push({ name: p.policy_name, source });
      }
      return;
    }
    case 'AlterObjectSchemaStmt': {
      const s = nodeAs(node, 'AlterObjectSchemaStmt')!;
      const table = s.objectType === 'OBJECT_TABLE' ? lookup(schema, s.relation) : undefined;
      if (table && s.newschema) renameTable(schema, table, s.newschema, table.name);
      return;
    }
  }
}

/** A CREATE TABLE the parser rejected: the table exists from here on, with what the statement says unknown. */
function createUnreadable(site: Site, schema: Schema): void {
  const created = unreadableCreateTable(site);
  if (!created || schema.tables.has(created.table.key)) return;
  const rel = { relname: created.table.name, schemaname: created.table.schema, location: site.tokens[0]?.start };
  const table = newTable(site, rel, 'table');
  if (created.table.at) table.source = created.table.at;
  schema.tables.set(table.key, { ...table, partial: true, unread: true });
}

function createRelation(site: Site, schema: Schema, rel: RangeVar | undefined, kind: Table['kind'], replace: boolean): void {
  if (!rel?.relname) return;
  // CREATE OR REPLACE replaces a view of the same kind; PostgreSQL refuses to replace a table.
  const existing = lookup(schema, rel);
  if (existing && !isPartial(existing) && !(replace && existing.kind === kind)) return;
  schema.tables.set(tableKey(rel.schemaname, rel.relname), newTable(site, { ...rel, relname: rel.relname }, kind));
}

function copyColumns(into: Table, from: Table): void {
  for (const c of from.columns) if (!findColumn(into, c.name)) into.columns.push({ ...c, type: { ...c.type } });
}

function createTable(site: Site, schema: Schema, s: CreateStmt): void {
  const rel = s.relation;
  // An existing table stays: IF NOT EXISTS skips, and without it PostgreSQL fails. A partial table
  // (made up from an earlier ALTER TABLE) gives way to the real definition.
  const existing = lookup(schema, rel);
  if (!rel?.relname || (existing && !isPartial(existing))) return;
  const table = newTable(site, { ...rel, relname: rel.relname }, 'table');
  for (const n of s.inhRelations ?? []) {
    const parent = lookup(schema, nodeAs(n, 'RangeVar'));
    if (!parent) continue;
    copyColumns(table, parent);
    // A partition gets its parent's indexes and foreign keys too (INHERITS does not).
    if (s.partbound) {
      table.indexes.push(...parent.indexes.map((i) => ({ ...i, columns: [...i.columns] })));
      table.foreignKeys.push(...parent.foreignKeys.map((f) => ({ ...f })));
    }
  }
  const placed: (PlacedConstraint & { column?: string })[] = [];
  for (const el of s.tableElts ?? []) {
    const def = nodeAs(el, 'ColumnDef');
    if (def?.colname) {
      const built = buildColumn(site, def, table.name, schema);
      upsertColumn(table, built.column);
      placed.push(...built.constraints.map((p) => ({ ...p, column: built.column.name })));
      continue;
    }
    const c = nodeAs(el, 'Constraint');
    if (c) {
      const first = site.at(c.location);
      placed.push({ c, first, last: first >= 0 ? elementEnd(site.tokens, first) : -1 });
      continue;
    }
    const like = lookup(schema, nodeAs(el, 'TableLikeClause')?.relation);
    if (like) copyColumns(table, like);
  }
  // Keys before references, so `REFERENCES this_table` can find this table's primary key.
  placed.sort((a, b) => Number(isKeyConstraint(b.c)) - Number(isKeyConstraint(a.c)));
  for (const p of placed) applyConstraint(site, schema, table, p.c, p.first, p.last, p.column);
  schema.tables.set(table.key, table);
}

/** A partition may restate an inherited column (`WITH OPTIONS`); the new definition wins. */
function upsertColumn(table: Table, column: Column): void {
  const i = table.columns.findIndex((c) => c.name === column.name);
  if (i >= 0) table.columns[i] = column;
  else table.columns.push(column);
}

function comment(schema: Schema, s: CommentStmt): void {
  const names = listNames(s.object);
  if (s.objtype === 'OBJECT_TABLE' || s.objtype === 'OBJECT_VIEW' || s.objtype === 'OBJECT_MATVIEW') {
    const { ns, name } = splitQualified(names);
    const table = schema.tables.get(tableKey(ns, name));
    if (table) setComment(table, s.comment);
  } else if (s.objtype === 'OBJECT_COLUMN' && names.length >= 2) {
    const { ns, name } = splitQualified(names.slice(0, -1));
    const table = schema.tables.get(tableKey(ns, name));
    const column = table ? findColumn(table, names[names.length - 1]) : undefined;
    if (column) setComment(column, s.comment);
  }
}

/** `COMMENT ... IS NULL` removes the comment. */
function setComment(target: { comment?: string }, text: string | undefined): void {
  if (text === undefined) delete target.comment;
  else target.comment = text;
}
