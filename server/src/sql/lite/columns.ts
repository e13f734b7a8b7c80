/**
 * SQLite and MySQL column definitions: the type (with its modifiers), NULL / NOT NULL, DEFAULT, inline
 * keys, REFERENCES and CHECK, AUTO_INCREMENT, MySQL's ON UPDATE CURRENT_TIMESTAMP; and the tables the
 * statements name.
 */
import type { Declared, TableName } from '../../model/schema-change';
import type { Column, ColumnType, DefaultValue, Dialect, ForeignKey, Index } from '../../model/schema';
import type { SourceRef } from '../../model/text';
import { makeObjectName, qualifiedName, tableKey } from '../names';
import type { LiteToken } from './lexer';
import { referentialAction, type Reader } from './reader';
import { canonicalType } from './types';

/** Words that end a column's type and start its constraints. */
const CONSTRAINT_WORDS = new Set([
  'not', 'null', 'default', 'primary', 'unique', 'references', 'check', 'constraint', 'collate', 'auto_increment', 'autoincrement',
  'on', 'comment', 'generated', 'as', 'key', 'character', 'charset', 'invisible', 'visible', 'storage', 'column_format', 'srid',
]);
/** Type modifier words that belong to the type (`int unsigned zerofill`, `double precision`). */
const TYPE_SUFFIX = new Set(['unsigned', 'signed', 'zerofill', 'precision', 'varying']);

export interface Ctx {
  dialect: Dialect;
  uri: string;
  statement: SourceRef;
}

export type Qualified = { schema?: string; name: string; first: LiteToken; last: LiteToken };

/** A table the statement names, as the model's `TableName`. */
export function liteTableName(ctx: Ctx, q: Qualified, r: Reader): TableName {
  const t: TableName = { key: tableKey(q.schema, q.name), name: q.name, source: r.ref(q.first, q.last), declaration: ctx.statement };
  if (q.schema) t.schema = q.schema;
  return t;
}

/** The keys, reference and checks a column definition carries, as model pieces. */
export function columnDeclared(ctx: Ctx, c: ColumnResult): Declared[] {
  const mysql = ctx.dialect === 'mysql';
  const column = c.column.name;
  const out: Declared[] = [];
  if (c.primary) {
    const index: Index = { name: mysql ? 'PRIMARY' : undefined, kind: 'primary', columns: [column], source: c.primary, inline: true };
    out.push({ kind: 'index', index, unlessNamed: true, replacesPrimary: true });
  }
  if (c.unique) out.push({ kind: 'index', index: { name: mysql ? column : undefined, kind: 'unique', columns: [column], source: c.unique, inline: true }, unlessNamed: true });
  if (c.references) {
    const fk: ForeignKey = { ...c.references.fk, columns: [column] };
    out.push({ kind: 'foreign', fk, implicit: mysql ? { style: 'mysql-fk' } : undefined });
  }
  for (const check of c.checks) out.push({ kind: 'check', check });
  return out;
}

/** A default expression: one literal, a signed number, a parenthesised expression or a call. */
export function defaultExpr(r: Reader): DefaultValue | undefined {
  const from = r.i;
  const first = r.peek();
  if (!first || first.text === ',' || first.text === ')' || first.text === ';') return undefined;
  let fn: string | undefined;
  if (first.text === '(') {
    r.skipParens();
    const inner = r.t[from + 1];
    if (inner?.kind === 'word' && r.t[from + 2]?.text === '(') fn = inner.lower;
  } else {
    r.i++;
    if ((first.text === '-' || first.text === '+') && r.peek()?.kind === 'number') r.i++;
    else if (first.kind === 'word' && r.isText('(')) {
      fn = first.lower;
      r.skipParens();
    } else if (first.kind === 'word' && /^(current_timestamp|current_date|current_time|localtimestamp|localtime)$/.test(first.lower)) fn = first.lower;
    // `'x'::text`, `x COLLATE y`: not in these dialects.
  }
  const last = r.i - 1;
  const value: DefaultValue = { text: r.spanText(from, last), source: r.ref(r.t[from], r.t[last]) };
  if (fn) value.fn = fn;
  return value;
}

export interface ColumnResult {
  column: Column;
  primary?: SourceRef;
  unique?: SourceRef;
  references?: { fk: Omit<ForeignKey, 'columns'> };
  checks: { expression: string; columns: string[]; source: SourceRef; name?: string }[];
}

/** `name type [constraints...]`, stopping before the `,` or `)` that ends it. */
export function columnDef(r: Reader, ctx: Ctx, tableName: string): ColumnResult | undefined {
  const nameTok = r.ident();
  if (!nameTok) return undefined;
  const declStart = nameTok;
  // The type: words (and their modifiers) up to the first constraint word.
  const typeWords: string[] = [];
  let typeFirst: LiteToken | undefined;
  let typeLast: LiteToken | undefined;
  const params: number[] = [];
  let isEnum = false;
  let array = false;
  while (!r.done && !r.isText(',') && !r.isText(')')) {
    const t = r.peek()!;
    if (t.text === '(') {
      if (!typeFirst) break;
      const from = r.i;
      const close = r.skipParens();
      const kind = typeWords[0]?.toLowerCase();
      if (kind === 'enum' || kind === 'set') isEnum = true;
      else for (const x of r.t.slice(from + 1, close)) if (x.kind === 'number') params.push(Number(x.text));
      typeLast = r.t[close];
      continue;
    }
    if (t.text === '[' && r.isText(']', 1)) {
      array = true;
      r.i += 2;
      typeLast = r.t[r.i - 1];
      continue;
    }
    if (t.kind !== 'word' && t.kind !== 'quoted') break;
    if (typeWords.length === 0) {
      // A column may have no type at all in SQLite (`id PRIMARY KEY`).
      if (t.kind === 'word' && CONSTRAINT_WORDS.has(t.lower) && t.lower !== 'character') break;
    } else if (TYPE_SUFFIX.has(t.lower)) {
      // `int unsigned`, `double precision`, `character varying`: part of the type.
    } else if (typeWords.length === 1 && /^(double|long|national|native|unsigned)$/i.test(typeWords[0]) && !CONSTRAINT_WORDS.has(t.lower)) {
      // `long varchar`, `national char`.
    } else break;
    typeFirst ??= t;
    typeLast = t;
    if (!/^(unsigned|signed|zerofill)$/.test(t.lower)) typeWords.push(t.value);
    r.i++;
  }
  const type: ColumnType = {
    name: canonicalType(ctx.dialect, typeWords),
    params,
    array,
    written: typeFirst && typeLast ? r.spanText(r.t.indexOf(typeFirst), r.t.indexOf(typeLast)) : '',
  };
  if (typeFirst && typeLast) type.source = r.ref(typeFirst, typeLast);
  if (isEnum) type.isEnum = true;
  const column: Column = { name: nameTok.value, type, nullable: true, source: r.ref(nameTok, nameTok), declaration: r.ref(nameTok, nameTok) };
  const result: ColumnResult = { column, checks: [] };
  let constraintName: string | undefined;
  while (!r.done && !r.isText(',') && !r.isText(')')) {
    const start = r.peek()!;
    const before = r.i;
    if (r.eat('constraint')) {
      constraintName = r.ident()?.value;
      continue;
    }
    if (r.eatAll('not', 'null')) column.nullable = false;
    else if (r.eat('null')) column.nullable = true;
    else if (r.eat('default')) {
      const d = defaultExpr(r);
      if (d) column.default = d;
    } else if (r.eatAll('primary', 'key')) {
      column.nullable = false;
      r.eat('asc') || r.eat('desc');
      result.primary = r.ref(start, r.t[r.i - 1]);
      if (r.is('on') && r.is('conflict', 1)) r.i += 3;
      if (r.eat('autoincrement')) column.default = { text: 'AUTOINCREMENT', generated: 'autoincrement', source: r.ref(r.t[r.i - 1], r.t[r.i - 1]) };
    } else if (r.eat('unique')) {
      r.eat('key');
      result.unique = r.ref(start, r.t[r.i - 1]);
      if (r.is('on') && r.is('conflict', 1)) r.i += 3;
    } else if (r.eat('auto_increment') || r.eat('autoincrement')) {
      column.default = { text: r.t[r.i - 1].text, generated: 'autoincrement', source: r.ref(r.t[r.i - 1], r.t[r.i - 1]) };
    } else if (r.eat('references')) {
      const parent = r.qualified();
      const refColumns = r.isText('(') ? r.columnList() : [];
      const fk: Omit<ForeignKey, 'columns'> = {
        name: constraintName,
        refTable: parent ? qualifiedName(parent.schema, parent.name) : '',
        refColumns,
        source: r.ref(start, r.t[r.i - 1] ?? start),
        declaration: ctx.statement,
      };
      referenceTail(r, fk);
      fk.source = r.ref(start, r.t[r.i - 1] ?? start);
      if (parent) result.references = { fk };
    } else if (r.eat('check')) {
      const from = r.i;
      const close = r.skipParens();
      const inner = r.t.slice(from + 1, close);
      result.checks.push({
        name: constraintName ?? makeObjectName(tableName, column.name, 'check'),
        expression: from < close ? r.spanText(from + 1, close - 1) : '',
        columns: [column.name, ...inner.filter((x) => (x.kind === 'word' || x.kind === 'quoted') && x.value !== column.name && findLikeColumn(x)).map((x) => x.value)].filter((v, k, a) => a.indexOf(v) === k),
        source: r.ref(start, r.t[close] ?? start),
      });
    } else if (r.eat('generated') || r.is('as')) {
      // GENERATED ALWAYS AS (expr) [STORED|VIRTUAL], or MySQL's AS (expr).
      while (!r.done && !r.isText('(') && !r.isText(',') && !r.isText(')')) r.i++;
      r.skipParens();
      r.eat('stored') || r.eat('virtual');
    } else if (r.eatAll('on', 'update')) {
      // MySQL `ON UPDATE CURRENT_TIMESTAMP`: the database keeps the column current, like Prisma's @updatedAt.
      const d = defaultExpr(r);
      if (d?.fn && /^(current_timestamp|now|localtimestamp)$/.test(d.fn)) column.updatedAt = true;
    } else if (r.eat('collate') || r.eat('comment') || r.eat('charset') || r.eat('column_format') || r.eat('storage') || r.eat('srid')) {
      r.eatText('=');
      r.i++;
    } else if (r.eatAll('character', 'set')) {
      r.i++;
    } else {
      r.i++;
    }
    if (r.i === before) r.i++;
    // A `CONSTRAINT name` prefix names only the constraint that follows it.
    constraintName = undefined;
  }
  const last = r.t[r.i - 1] ?? nameTok;
  column.declaration = r.ref(declStart, last);
  return result;
}

/** Identifiers inside a CHECK that look like column names (words that are not SQL keywords we know). */
function findLikeColumn(t: LiteToken): boolean {
  return t.kind === 'quoted' || !/^(and|or|not|in|is|null|like|between|length|char_length|lower|upper|trim|glob|regexp|true|false)$/.test(t.lower);
}

export function referenceTail(r: Reader, fk: Omit<ForeignKey, 'columns'>): void {
  for (;;) {
    if (r.eatAll('on', 'delete')) {
      const a = referentialAction(r);
      if (a) fk.onDelete = a;
    } else if (r.eatAll('on', 'update')) {
      const a = referentialAction(r);
      if (a) fk.onUpdate = a;
    } else if (r.eat('match')) r.i++;
    else if (r.eat('deferrable') || r.eatAll('not', 'deferrable')) {
      if (r.eat('initially')) r.i++;
    } else break;
  }
}
