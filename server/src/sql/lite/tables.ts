/**
 * SQLite and MySQL CREATE TABLE (columns, table-level keys, MySQL `KEY name (...)`, LIKE, AS SELECT) and
 * CREATE INDEX into the shared model.
 */
import type { ForeignKey, Index, Table } from '../../model/schema';
import type { SourceRef } from '../../model/text';
import { makeObjectName, qualifiedName } from '../names';
import { columnDef, lookup, newTable, referenceTail, target, type ColumnResult, type Ctx } from './columns';
import { Reader } from './reader';

function addIndex(table: Table, index: Index): void {
  if (index.name && table.indexes.some((i) => i.name === index.name)) return;
  table.indexes.push(index);
}

/** Applies a column built by `columnDef` (and its inline keys and references) to a table. */
export function placeColumn(ctx: Ctx, table: Table, c: ColumnResult, mysqlFkCount: { n: number }): void {
  const existing = table.columns.findIndex((x) => x.name.toLowerCase() === c.column.name.toLowerCase());
  if (existing >= 0) table.columns[existing] = c.column;
  else table.columns.push(c.column);
  if (c.primary) {
    table.indexes = table.indexes.filter((i) => i.kind !== 'primary');
    addIndex(table, { name: ctx.dialect === 'mysql' ? 'PRIMARY' : undefined, kind: 'primary', columns: [c.column.name], source: c.primary, inline: true });
  }
  if (c.unique) addIndex(table, { name: ctx.dialect === 'mysql' ? c.column.name : undefined, kind: 'unique', columns: [c.column.name], source: c.unique, inline: true });
  if (c.references) {
    const fk: ForeignKey = { ...c.references.fk, columns: [c.column.name] };
    if (!fk.name && ctx.dialect === 'mysql') fk.name = `${table.name}_ibfk_${++mysqlFkCount.n}`;
    if (!fk.refColumns.length) fk.refColumns = primaryOf(ctx, fk.refTable, table);
    table.foreignKeys.push(fk);
  }
  for (const ch of c.checks) (table.checks ??= []).push(ch);
}

function primaryOf(ctx: Ctx, refTable: string, self: Table): string[] {
  const parent = refTable.toLowerCase() === self.key ? self : ctx.schema.tables.get(refTable.toLowerCase());
  return parent?.indexes.find((i) => i.kind === 'primary')?.columns.slice() ?? [];
}

/**
 * A table-level element: `[CONSTRAINT n] PRIMARY KEY (...)`, `UNIQUE [KEY|INDEX] [n] (...)`, `FOREIGN KEY`,
 * `CHECK`, MySQL `KEY n (...)` / `INDEX n (...)` / `FULLTEXT|SPATIAL ...`. True when it was one.
 */
export function tableConstraint(r: Reader, ctx: Ctx, table: Table, mysqlFkCount: { n: number }): boolean {
  const start = r.peek();
  if (!start) return false;
  const save = r.i;
  let name: string | undefined;
  if (r.eat('constraint')) {
    if (!r.is('primary') && !r.is('unique') && !r.is('foreign') && !r.is('check')) name = r.ident()?.value;
  }
  const finish = (): SourceRef => r.ref(start, r.t[r.i - 1] ?? start);
  if (r.eatAll('primary', 'key')) {
    if (r.eat('using')) r.i++;
    const cols = r.columnList();
    table.indexes = table.indexes.filter((i) => i.kind !== 'primary');
    for (const col of table.columns) if (cols.includes(col.name)) col.nullable = false;
    addIndex(table, { name: name ?? (ctx.dialect === 'mysql' ? 'PRIMARY' : undefined), kind: 'primary', columns: cols, source: finish() });
    r.skipElement();
    return true;
  }
  if (r.eat('unique')) {
    r.eat('key') || r.eat('index');
    let ixName = name;
    if (!r.isText('(') && !r.is('using')) ixName = r.ident()?.value ?? ixName;
    if (r.eat('using')) r.i++;
    const cols = r.columnList();
    addIndex(table, { name: ixName ?? (ctx.dialect === 'mysql' ? cols[0] : undefined), kind: 'unique', columns: cols, source: finish() });
    r.skipElement();
    return true;
  }
  if (r.eatAll('foreign', 'key')) {
    if (!r.isText('(')) name = r.ident()?.value ?? name;
    const cols = r.columnList();
    if (!r.eat('references')) {
      r.skipElement();
      return true;
    }
    const parent = r.qualified();
    const refColumns = r.isText('(') ? r.columnList() : [];
    const fk: ForeignKey = { name, columns: cols, refTable: parent ? qualifiedName(parent.schema, parent.name) : '', refColumns, source: finish(), declaration: ctx.statement };
    referenceTail(r, fk);
    fk.source = finish();
    if (!fk.name && ctx.dialect === 'mysql') fk.name = `${table.name}_ibfk_${++mysqlFkCount.n}`;
    if (!fk.refColumns.length) fk.refColumns = primaryOf(ctx, fk.refTable, table);
    if (parent) table.foreignKeys.push(fk);
    r.skipElement();
    return true;
  }
  if (r.eat('check')) {
    const from = r.i;
    const close = r.skipParens();
    const inner = r.t.slice(from + 1, close);
    const cols = inner.filter((x) => (x.kind === 'word' || x.kind === 'quoted') && table.columns.some((c) => c.name.toLowerCase() === x.value.toLowerCase())).map((x) => x.value);
    const unique = cols.filter((v, k) => cols.indexOf(v) === k);
    (table.checks ??= []).push({
      name: name ?? makeObjectName(table.name, unique[0], 'check'),
      expression: from < close ? r.spanText(from + 1, close - 1) : '',
      columns: unique,
      source: finish(),
    });
    r.skipElement();
    return true;
  }
  if (ctx.dialect === 'mysql' && (r.is('key') || r.is('index') || r.is('fulltext') || r.is('spatial'))) {
    const method = r.is('fulltext') ? 'fulltext' : r.is('spatial') ? 'spatial' : undefined;
    r.i++;
    if (method) r.eat('key') || r.eat('index');
    let ixName: string | undefined;
    if (!r.isText('(') && !r.is('using')) ixName = r.ident()?.value;
    if (r.eat('using')) r.i++;
    const cols = r.columnList();
    const ix: Index = { name: ixName ?? cols[0], kind: 'index', columns: cols, source: finish() };
    if (method) ix.method = method;
    addIndex(table, ix);
    r.skipElement();
    return true;
  }
  r.i = save;
  return false;
}

export function createTable(r: Reader, ctx: Ctx): void {
  const ifNotExists = r.eatAll('if', 'not', 'exists');
  const q = r.qualified();
  if (!q) return;
  const existing = lookup(ctx, q);
  if (existing && !existing.partial) return;
  void ifNotExists;
  const table = newTable(ctx, q, r);
  if (r.eat('like') || (r.isText('(') && r.is('like', 1))) {
    const paren = r.eatText('(');
    if (paren) r.i++;
    const from = r.qualified();
    const src = from ? lookup(ctx, from) : undefined;
    if (src) for (const c of src.columns) table.columns.push({ ...c, type: { ...c.type } });
    ctx.schema.tables.set(table.key, table);
    return;
  }
  if (!r.eatText('(')) {
    // CREATE TABLE x AS SELECT ...: columns unknown.
    if (r.is('as') || r.is('select')) {
      ctx.schema.tables.set(table.key, table);
    }
    return;
  }
  const fkCount = { n: 0 };
  const deferred: (() => void)[] = [];
  while (!r.done && !r.isText(')')) {
    const before = r.i;
    const save = r.i;
    // Table constraints may mention columns defined after them: place them after the columns.
    if (isConstraintStart(r, ctx)) {
      const tokens = r.i;
      r.skipElement();
      const end = r.i;
      deferred.push(() => {
        const rr = new Reader(r.t.slice(0, end), r.uri, r.statementText, r.statementOffset);
        rr.i = tokens;
        tableConstraint(rr, ctx, table, fkCount);
      });
    } else {
      r.i = save;
      const c = columnDef(r, ctx, table.name);
      if (c) placeColumn(ctx, table, c, fkCount);
      r.skipElement();
    }
    if (r.i === before) r.i++;
    r.eatText(',');
  }
  for (const d of deferred) d();
  ctx.schema.tables.set(table.key, table);
}

function isConstraintStart(r: Reader, ctx: Ctx): boolean {
  if (r.is('constraint') || r.is('check') || (r.is('primary') && r.is('key', 1)) || (r.is('foreign') && r.is('key', 1))) return true;
  if (r.is('unique') && (r.isText('(', 1) || r.is('key', 1) || r.is('index', 1) || r.peek(1)?.kind === 'quoted' || (r.peek(1)?.kind === 'word' && r.isText('(', 2)))) return true;
  if (ctx.dialect === 'mysql' && (r.is('key') || r.is('index') || r.is('fulltext') || r.is('spatial'))) {
    // `key` can also be a column name: a constraint is followed by a name or `(`, then `(`.
    const next = r.peek(1);
    return !!next && (next.text === '(' || ((next.kind === 'word' || next.kind === 'quoted') && (r.isText('(', 2) || r.is('using', 2) || r.is('key', 1) || r.is('index', 1))));
  }
  return false;
}

export function createIndex(r: Reader, ctx: Ctx, unique: boolean, method?: string): void {
  r.eatAll('if', 'not', 'exists');
  const nameTok = r.isText('(') || r.is('on') ? undefined : r.qualified();
  if (r.eat('using')) r.i++;
  if (!r.eat('on')) return;
  const q = r.qualified();
  if (!q) return;
  const table = target(ctx, q, r);
  const cols = r.columnList();
  const ix: Index = { name: nameTok?.name, kind: unique ? 'unique' : 'index', columns: cols, source: ctx.statement };
  if (method) ix.method = method;
  if (r.eat('where')) {
    const from = r.i;
    let last = r.t.length - 1;
    if (r.t[last]?.text === ';') last--;
    if (last >= from) ix.where = r.spanText(from, last);
  }
  addIndex(table, ix);
}
