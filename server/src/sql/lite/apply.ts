/**
 * SQLite and MySQL DDL into the shared model: CREATE TABLE (with AUTOINCREMENT, inline `KEY name (...)`,
 * `ENGINE=` options, backtick and bracket quoting), CREATE INDEX, ALTER TABLE, DROP, RENAME. The
 * PostgreSQL parser rejects much of this syntax, so these statements never reached the model before.
 * A small recursive-descent reader over `lexLite` tokens; anything it does not recognise is skipped,
 * and it never throws past `applyOtherDialect`.
 */
import type { Column, ColumnType, DefaultValue, Dialect, ForeignKey, Index, ReferentialAction, Schema, Table } from '../../model/schema';
import { findColumn } from '../../model/schema';
import { dropColumn, dropTable, removeNamed, renameColumn, renameNamed, renameTable } from '../../model/changes';
import type { SourceRef } from '../../model/text';
import { makeObjectName, qualifiedName, tableKey } from '../names';
import type { ParsedStatement } from '../parse';
import { lexLite, type LiteToken } from './lexer';
import { canonicalType } from './types';

/** Words that end a column's type and start its constraints. */
const CONSTRAINT_WORDS = new Set([
  'not', 'null', 'default', 'primary', 'unique', 'references', 'check', 'constraint', 'collate', 'auto_increment', 'autoincrement',
  'on', 'comment', 'generated', 'as', 'key', 'character', 'charset', 'invisible', 'visible', 'storage', 'column_format', 'srid',
]);
/** Type modifier words that belong to the type (`int unsigned zerofill`, `double precision`). */
const TYPE_SUFFIX = new Set(['unsigned', 'signed', 'zerofill', 'precision', 'varying']);
const ACTIONS: Record<string, ReferentialAction> = {
  cascade: 'cascade', restrict: 'restrict', 'no action': 'no action', 'set null': 'set null', 'set default': 'set default',
};

class Reader {
  i = 0;
  constructor(
    readonly t: LiteToken[],
    readonly uri: string,
  ) {}
  get done(): boolean {
    return this.i >= this.t.length || this.t[this.i].text === ';';
  }
  peek(k = 0): LiteToken | undefined {
    return this.t[this.i + k];
  }
  is(word: string, k = 0): boolean {
    return this.t[this.i + k]?.lower === word;
  }
  isText(text: string, k = 0): boolean {
    return this.t[this.i + k]?.text === text;
  }
  eat(word: string): boolean {
    if (this.is(word)) {
      this.i++;
      return true;
    }
    return false;
  }
  eatText(text: string): boolean {
    if (this.isText(text)) {
      this.i++;
      return true;
    }
    return false;
  }
  eatAll(...words: string[]): boolean {
    if (words.every((w, k) => this.is(w, k))) {
      this.i += words.length;
      return true;
    }
    return false;
  }
  /** An identifier (word or quoted): its value, or undefined. */
  ident(): LiteToken | undefined {
    const t = this.peek();
    if (!t || (t.kind !== 'word' && t.kind !== 'quoted' && t.kind !== 'string')) return undefined;
    this.i++;
    return t;
  }
  /** `[schema.]name`: the tokens of the name and its parts. */
  qualified(): { schema?: string; name: string; first: LiteToken; last: LiteToken } | undefined {
    const a = this.ident();
    if (!a) return undefined;
    if (this.isText('.') && this.peek(1) && (this.peek(1)!.kind === 'word' || this.peek(1)!.kind === 'quoted')) {
      this.i++;
      const b = this.ident()!;
      return { schema: a.value, name: b.value, first: a, last: b };
    }
    return { name: a.value, first: a, last: a };
  }
  /** Skips a balanced `( ... )` starting here; returns the index of the closing token. */
  skipParens(): number {
    if (!this.isText('(')) return this.i - 1;
    let depth = 0;
    for (; this.i < this.t.length; this.i++) {
      const x = this.t[this.i].text;
      if (x === '(') depth++;
      else if (x === ')' && --depth === 0) {
        this.i++;
        return this.i - 1;
      }
    }
    return this.t.length - 1;
  }
  /** Skips to the next `,` or `)` at this nesting level (not consuming it). */
  skipElement(): void {
    let depth = 0;
    for (; this.i < this.t.length; this.i++) {
      const x = this.t[this.i].text;
      if (x === '(') depth++;
      else if (x === ')') {
        if (depth === 0) return;
        depth--;
      } else if ((x === ',' || x === ';') && depth === 0) return;
    }
  }
  ref(a: LiteToken, b: LiteToken): SourceRef {
    return { uri: this.uri, span: { start: a.start, end: Math.max(a.end, b.end) } };
  }
  /** `( col [ASC|DESC] [(len)], ... )`: column names (expressions as `(expr)`). */
  columnList(): string[] {
    const out: string[] = [];
    if (!this.eatText('(')) return out;
    while (!this.done && !this.isText(')')) {
      const start = this.i;
      const t = this.peek()!;
      if (t.text === '(') {
        const from = this.i;
        const close = this.skipParens();
        out.push(`(${this.t.slice(from + 1, close).map((x) => x.text).join(' ')})`);
      } else {
        const id = this.ident();
        if (id && !this.isText('(')) out.push(id.value);
        else if (id) {
          // A function call (MySQL functional key part) or `col(10)` prefix length.
          const from = this.i;
          const close = this.skipParens();
          const inner = this.t.slice(from + 1, close);
          if (inner.length === 1 && inner[0].kind === 'number') out.push(id.value);
          else out.push(`(${id.text}(${inner.map((x) => x.text).join(' ')}))`);
        }
      }
      this.skipElement();
      if (this.i === start) this.i++;
      this.eatText(',');
    }
    this.eatText(')');
    return out;
  }
}

function referentialAction(r: Reader): ReferentialAction | undefined {
  for (const [words, action] of Object.entries(ACTIONS)) {
    const parts = words.split(' ');
    if (r.eatAll(...parts)) return action;
  }
  return undefined;
}

interface Ctx {
  schema: Schema;
  dialect: Dialect;
  uri: string;
  statement: SourceRef;
}

function newTable(ctx: Ctx, q: { schema?: string; name: string; first: LiteToken; last: LiteToken }, r: Reader, partial = false): Table {
  const t: Table = {
    key: tableKey(q.schema, q.name),
    name: q.name,
    origin: 'sql',
    kind: 'table',
    columns: [],
    indexes: [],
    foreignKeys: [],
    policies: [],
    checks: [],
    source: r.ref(q.first, q.last),
    declaration: ctx.statement,
  };
  if (q.schema) t.schema = q.schema;
  if (partial) t.partial = true;
  return t;
}

function lookup(ctx: Ctx, q: { schema?: string; name: string }): Table | undefined {
  return ctx.schema.tables.get(tableKey(q.schema, q.name));
}

/** The table an ALTER TABLE / CREATE INDEX changes: the known one, or a partial stand-in. */
function target(ctx: Ctx, q: { schema?: string; name: string; first: LiteToken; last: LiteToken }, r: Reader): Table {
  const known = lookup(ctx, q);
  if (known) return known;
  const stub = newTable(ctx, q, r, true);
  ctx.schema.tables.set(stub.key, stub);
  return stub;
}

/** A default expression: one literal, a signed number, a parenthesised expression or a call. */
function defaultExpr(r: Reader): DefaultValue | undefined {
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
  const value: DefaultValue = { text: spanText(r, from, last), source: r.ref(r.t[from], r.t[last]) };
  if (fn) value.fn = fn;
  return value;
}

/** The text of tokens `a..b` as written (spacing kept), from the tokens' own text and gaps. */
let statementText = '';
let statementOffset = 0;
function spanText(r: Reader, a: number, b: number): string {
  const s = r.t[a];
  const e = r.t[b];
  if (!s || !e) return '';
  return statementText.slice(s.start - statementOffset, e.end - statementOffset);
}

interface ColumnResult {
  column: Column;
  primary?: SourceRef;
  unique?: SourceRef;
  references?: { fk: Omit<ForeignKey, 'columns'> };
  checks: { expression: string; columns: string[]; source: SourceRef; name?: string }[];
}

/** `name type [constraints...]`, stopping before the `,` or `)` that ends it. */
function columnDef(r: Reader, ctx: Ctx, tableName: string): ColumnResult | undefined {
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
    written: typeFirst && typeLast ? spanText(r, r.t.indexOf(typeFirst), r.t.indexOf(typeLast)) : '',
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
        expression: from < close ? spanText(r, from + 1, close - 1) : '',
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

function referenceTail(r: Reader, fk: Omit<ForeignKey, 'columns'>): void {
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

function addIndex(table: Table, index: Index): void {
  if (index.name && table.indexes.some((i) => i.name === index.name)) return;
  table.indexes.push(index);
}

/** Applies a column built by `columnDef` (and its inline keys and references) to a table. */
function placeColumn(ctx: Ctx, table: Table, c: ColumnResult, mysqlFkCount: { n: number }): void {
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
function tableConstraint(r: Reader, ctx: Ctx, table: Table, mysqlFkCount: { n: number }): boolean {
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
      expression: from < close ? spanText(r, from + 1, close - 1) : '',
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

function createTable(r: Reader, ctx: Ctx): void {
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
        const rr = new Reader(r.t.slice(0, end), r.uri);
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

function createIndex(r: Reader, ctx: Ctx, unique: boolean, method?: string): void {
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
    if (last >= from) ix.where = spanText(r, from, last);
  }
  addIndex(table, ix);
}

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
  statementText = st.text;
  statementOffset = st.span.start;
  const r = new Reader(tokens, uri);
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
