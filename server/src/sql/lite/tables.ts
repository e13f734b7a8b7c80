/**
 * SQLite and MySQL CREATE TABLE (columns, table-level keys, MySQL `KEY name (...)`, LIKE, AS SELECT) and
 * CREATE INDEX read into schema changes.
 */
import type { Declared, SchemaChange, TablePart } from '../../model/schema-change';
import type { CheckConstraint, ForeignKey, Index } from '../../model/schema';
import type { SourceRef } from '../../model/text';
import { qualifiedName, tableKey } from '../names';
import { columnDeclared, columnDef, liteTableName, referenceTail, type Ctx } from './columns';
import type { LiteToken } from './lexer';
import { Reader } from './reader';

/**
 * A table-level element: `[CONSTRAINT n] PRIMARY KEY (...)`, `UNIQUE [KEY|INDEX] [n] (...)`, `FOREIGN KEY`,
 * `CHECK`, MySQL `KEY n (...)` / `INDEX n (...)` / `FULLTEXT|SPATIAL ...`. Undefined when it is not one.
 */
export function tableConstraint(r: Reader, ctx: Ctx): { declared?: Declared } | undefined {
  const start = r.peek();
  if (!start) return undefined;
  const save = r.i;
  let name: string | undefined;
  let nameTok: LiteToken | undefined;
  if (r.eat('constraint')) {
    if (!r.is('primary') && !r.is('unique') && !r.is('foreign') && !r.is('check')) {
      nameTok = r.peek();
      name = r.ident()?.value;
    }
  }
  const finish = (): SourceRef => r.ref(start, r.t[r.i - 1] ?? start);
  if (r.eatAll('primary', 'key')) {
    if (r.eat('using')) r.i++;
    const cols = r.columnList();
    const index: Index = { name: name ?? (ctx.dialect === 'mysql' ? 'PRIMARY' : undefined), kind: 'primary', columns: cols, source: finish() };
    r.skipElement();
    return { declared: { kind: 'index', index, unlessNamed: true, replacesPrimary: true } };
  }
  if (r.eat('unique')) {
    r.eat('key') || r.eat('index');
    let ixName = name;
    if (!r.isText('(') && !r.is('using')) ixName = r.ident()?.value ?? ixName;
    if (r.eat('using')) r.i++;
    const cols = r.columnList();
    const index: Index = { name: ixName ?? (ctx.dialect === 'mysql' ? cols[0] : undefined), kind: 'unique', columns: cols, source: finish() };
    r.skipElement();
    return { declared: { kind: 'index', index, unlessNamed: true } };
  }
  const fkWord = r.peek() ?? start;
  if (r.eatAll('foreign', 'key')) {
    if (!r.isText('(')) name = r.ident()?.value ?? name;
    const cols = r.columnList();
    // Findings point at the constraint's name, or `FOREIGN KEY (cols)` when it has none.
    const head = nameTok && name ? r.ref(nameTok, nameTok) : r.ref(fkWord, r.t[r.i - 1] ?? fkWord);
    if (!r.eat('references')) {
      r.skipElement();
      return {};
    }
    const parent = r.qualified();
    const refColumns = r.isText('(') ? r.columnList() : [];
    const fk: ForeignKey = { name, columns: cols, refTable: parent ? qualifiedName(parent.schema, parent.name) : '', refColumns, source: finish(), declaration: ctx.statement, head };
    referenceTail(r, fk);
    fk.source = finish();
    r.skipElement();
    return parent ? { declared: { kind: 'foreign', fk, implicit: ctx.dialect === 'mysql' ? { style: 'mysql-fk' } : undefined } } : {};
  }
  if (r.eat('check')) {
    const from = r.i;
    const close = r.skipParens();
    // Words of the expression; those the table has as columns are kept when applying.
    const words = r.t.slice(from + 1, close).filter((x) => x.kind === 'word' || x.kind === 'quoted').map((x) => x.value);
    const check: CheckConstraint = { name, expression: from < close ? r.spanText(from + 1, close - 1) : '', columns: words, source: finish() };
    r.skipElement();
    return { declared: { kind: 'check', check, columnsFromTable: true, implicit: { style: 'check' } } };
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
    r.skipElement();
    return { declared: { kind: 'index', index: ix, unlessNamed: true } };
  }
  r.i = save;
  return undefined;
}

export function createTable(r: Reader, ctx: Ctx): SchemaChange[] {
  r.eatAll('if', 'not', 'exists');
  const q = r.qualified();
  if (!q) return [];
  const table = liteTableName(ctx, q, r);
  const create = (parts: TablePart[], declared: Declared[]): SchemaChange[] => [{ op: 'create-table', table, kind: 'table', parts, declared }];
  if (r.eat('like') || (r.isText('(') && r.is('like', 1))) {
    const paren = r.eatText('(');
    if (paren) r.i++;
    const from = r.qualified();
    return create(from ? [{ like: tableKey(from.schema, from.name) }] : [], []);
  }
  if (!r.eatText('(')) {
    // CREATE TABLE x AS SELECT ...: columns unknown.
    return r.is('as') || r.is('select') ? create([], []) : [];
  }
  const parts: TablePart[] = [];
  const onColumns: Declared[] = [];
  // Table constraints may mention columns defined after them: they are placed after the columns.
  const onTable: Declared[] = [];
  while (!r.done && !r.isText(')')) {
    const before = r.i;
    if (isConstraintStart(r, ctx)) {
      const end = elementEndOf(r);
      const element = new Reader(r.t.slice(0, end), r.uri, r.statementText, r.statementOffset);
      element.i = r.i;
      const found = tableConstraint(element, ctx);
      if (found?.declared) onTable.push(found.declared);
      r.i = end;
    } else {
      const c = columnDef(r, ctx, table.name);
      if (c) {
        parts.push({ column: c.column });
        onColumns.push(...columnDeclared(ctx, c));
      }
      r.skipElement();
    }
    if (r.i === before) r.i++;
    r.eatText(',');
  }
  return create(parts, [...onColumns, ...onTable]);
}

/** Where the element at the reader's position ends (the reader does not move). */
function elementEndOf(r: Reader): number {
  const at = r.i;
  r.skipElement();
  const end = r.i;
  r.i = at;
  return end;
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

export function createIndex(r: Reader, ctx: Ctx, unique: boolean, method?: string): SchemaChange[] {
  r.eatAll('if', 'not', 'exists');
  const nameTok = r.isText('(') || r.is('on') ? undefined : r.qualified();
  if (r.eat('using')) r.i++;
  if (!r.eat('on')) return [];
  const q = r.qualified();
  if (!q) return [];
  const table = liteTableName(ctx, q, r);
  const cols = r.columnList();
  const ix: Index = { name: nameTok?.name, kind: unique ? 'unique' : 'index', columns: cols, source: ctx.statement };
  if (method) ix.method = method;
  if (r.eat('where')) {
    const from = r.i;
    let last = r.t.length - 1;
    if (r.t[last]?.text === ';') last--;
    if (last >= from) ix.where = r.spanText(from, last);
  }
  return [{ op: 'ensure-table', table }, { op: 'declare', table: table.key, declared: { kind: 'index', index: ix, unlessNamed: true } }];
}
