/**
 * SQLite and MySQL DDL into the shared model: CREATE TABLE (with AUTOINCREMENT, inline `KEY name (...)`,
 * `ENGINE=` options, backtick and bracket quoting), CREATE INDEX, ALTER TABLE, DROP, RENAME. The
 * PostgreSQL parser rejects much of this syntax, so these statements never reached the model before.
 * A small recursive-descent reader over `lexLite` tokens; anything it does not recognise is skipped,
 * and it never throws past `applyOtherDialect`.
 */
import type { Dialect, Schema, Table } from '../../model/schema';
import { findColumn } from '../../model/schema';
import { dropColumn, dropTable, removeNamed, renameColumn, renameNamed, renameTable } from '../../model/changes';
import { tableKey } from '../names';
import type { ParsedStatement } from '../parse';
import { columnDef, defaultExpr, lookup, target, type ColumnResult, type Ctx } from './columns';
import { lexLite } from './lexer';
import { Reader } from './reader';
import { createIndex, createTable, placeColumn, tableConstraint } from './tables';

/** RENAME TO `[schema.]name`: the table keeps its schema unless the new name gives one. */
function renameTo(ctx: Ctx, table: Table, to: { schema?: string; name: string }): void {
  renameTable(ctx.schema, table, to.schema ?? table.schema, to.name);
}

/** One ALTER TABLE action; MySQL separates several with commas, SQLite allows one. */
function alterAction(r: Reader, ctx: Ctx, table: Table, fkCount: { n: number }): void {
  if (r.eat('add')) {
    if (tableConstraint(r, ctx, table, fkCount)) return;
    r.eat('column');
    r.eatAll('if', 'not', 'exists');
    if (r.eatText('(')) {
      while (!r.done && !r.isText(')')) {
        const before = r.i;
        const c = columnDef(r, ctx, table.name);
        if (c && !findColumn(table, c.column.name)) placeColumn(ctx, table, c, fkCount);
        r.skipElement();
        if (r.i === before) r.i++;
        r.eatText(',');
      }
      r.eatText(')');
      return;
    }
    const c = columnDef(r, ctx, table.name);
    if (c && !findColumn(table, c.column.name)) placeColumn(ctx, table, c, fkCount);
    return;
  }
  if (r.eat('modify')) {
    r.eat('column');
    const c = columnDef(r, ctx, table.name);
    if (c) replaceColumn(ctx, table, c.column.name, c, fkCount);
    return;
  }
  if (r.eat('change')) {
    r.eat('column');
    const old = r.ident();
    const c = columnDef(r, ctx, table.name);
    if (old && c) {
      if (old.value.toLowerCase() !== c.column.name.toLowerCase()) renameColumn(ctx.schema, table, old.value, c.column.name);
      replaceColumn(ctx, table, c.column.name, c, fkCount);
    }
    return;
  }
  if (r.eat('drop')) {
    if (r.eatAll('primary', 'key')) {
      table.indexes = table.indexes.filter((i) => i.kind !== 'primary');
      return;
    }
    if (r.eatAll('foreign', 'key') || r.eat('index') || r.eat('key') || r.eat('constraint') || r.eat('check')) {
      r.eatAll('if', 'exists');
      const n = r.ident();
      if (n) removeNamed(ctx.schema, table, n.value);
      return;
    }
    r.eat('column');
    r.eatAll('if', 'exists');
    const n = r.ident();
    if (n) dropColumn(ctx.schema, table, n.value);
    return;
  }
  if (r.eat('rename')) {
    if (r.eat('column')) {
      const from = r.ident();
      r.eat('to');
      const to = r.ident();
      if (from && to) renameColumn(ctx.schema, table, from.value, to.value);
      return;
    }
    if (r.eat('index') || r.eat('key')) {
      const from = r.ident();
      r.eat('to');
      const to = r.ident();
      if (from && to) renameNamed(ctx.schema, table, from.value, to.value);
      return;
    }
    if (r.eat('to') || r.eat('as')) {
      const to = r.qualified();
      if (to) renameTo(ctx, table, to);
      return;
    }
    // SQLite: RENAME a TO b (column keyword optional).
    const from = r.ident();
    if (from && r.eat('to')) {
      const to = r.ident();
      if (to) renameColumn(ctx.schema, table, from.value, to.value);
    }
    return;
  }
  if (r.eat('alter')) {
    r.eat('column');
    const n = r.ident();
    const col = n ? findColumn(table, n.value) : undefined;
    if (col && r.eatAll('set', 'default')) {
      const d = defaultExpr(r);
      if (d) col.default = d;
    } else if (col && r.eatAll('drop', 'default')) delete col.default;
    return;
  }
}

function replaceColumn(ctx: Ctx, table: Table, name: string, c: ColumnResult, fkCount: { n: number }): void {
  const i = table.columns.findIndex((x) => x.name.toLowerCase() === name.toLowerCase());
  if (i < 0) {
    placeColumn(ctx, table, c, fkCount);
    return;
  }
  // MODIFY restates the column: its type, nullability and default; keys elsewhere stay.
  const old = table.columns[i];
  table.columns[i] = { ...c.column, comment: old.comment };
  if (c.primary || c.unique || c.references || c.checks.length) placeColumn(ctx, table, c, fkCount);
}

function alterTable(r: Reader, ctx: Ctx): void {
  r.eat('online') || r.eat('ignore');
  r.eat('table');
  r.eatAll('if', 'exists');
  const q = r.qualified();
  if (!q) return;
  const table = target(ctx, q, r);
  const fkCount = { n: table.foreignKeys.filter((f) => /_ibfk_\d+$/.test(f.name ?? '')).length };
  while (!r.done) {
    const before = r.i;
    alterAction(r, ctx, table, fkCount);
    r.skipElement();
    if (r.isText(')')) r.i++;
    if (r.i === before) r.i++;
    r.eatText(',');
  }
}

function drop(r: Reader, ctx: Ctx): void {
  r.eat('temporary');
  if (r.eat('table') || r.eat('view')) {
    r.eatAll('if', 'exists');
    while (!r.done) {
      const q = r.qualified();
      if (!q) break;
      dropTable(ctx.schema, tableKey(q.schema, q.name));
      if (!r.eatText(',')) break;
    }
    return;
  }
  if (r.eat('index')) {
    r.eatAll('if', 'exists');
    const q = r.qualified();
    if (!q) return;
    if (r.eat('on')) {
      const t = r.qualified();
      const table = t ? lookup(ctx, t) : undefined;
      if (table) removeNamed(ctx.schema, table, q.name);
      return;
    }
    for (const t of ctx.schema.tables.values()) {
      if (removeNamed(ctx.schema, t, q.name)) break;
    }
  }
}

/**
 * Applies a SQLite or MySQL DDL statement. Returns false for statements it does not handle (DML,
 * views, triggers...), which then go to the PostgreSQL parser's AST if it accepted them.
 */
export function applyOtherDialect(schema: Schema, st: ParsedStatement, uri: string, dialect: Dialect): boolean {
  const tokens = lexLite(st.text, st.span.start, dialect);
  const r = new Reader(tokens, uri, st.text, st.span.start);
  const ctx: Ctx = { schema, dialect, uri, statement: { uri, span: { ...st.span } } };
  if (r.eat('create')) {
    r.eatAll('or', 'replace');
    r.eat('temporary') || r.eat('temp');
    if (r.eat('table')) {
      createTable(r, ctx);
      return true;
    }
    if (r.eat('index')) {
      createIndex(r, ctx, false);
      return true;
    }
    if (r.eat('unique') || r.eat('fulltext') || r.eat('spatial')) {
      const kind = r.t[r.i - 1].lower;
      r.eat('index') || r.eat('key');
      createIndex(r, ctx, kind === 'unique', kind === 'unique' ? undefined : kind);
      return true;
    }
    if (r.eat('virtual') && r.eat('table')) return true;
    return false;
  }
  if (r.is('alter') && r.is('table', 1)) {
    r.i++;
    alterTable(r, ctx);
    return true;
  }
  if (r.is('alter') && (r.is('online', 1) || r.is('ignore', 1))) {
    r.i++;
    alterTable(r, ctx);
    return true;
  }
  if (r.eat('drop')) {
    drop(r, ctx);
    return true;
  }
  if (r.is('rename') && r.is('table', 1)) {
    r.i += 2;
    while (!r.done) {
      const from = r.qualified();
      if (!from || !r.eat('to')) break;
      const to = r.qualified();
      const table = lookup(ctx, from);
      if (table && to) renameTo(ctx, table, to);
      if (!r.eatText(',')) break;
    }
    return true;
  }
  return false;
}
