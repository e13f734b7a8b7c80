/**
 * The design rules' fix intents as SQL edits: dropping a redundant index, reordering, widening or
 * restricting an index, an ON DELETE action, timestamp columns, a new default, row level security. Positions
 * inside a statement come from PostgreSQL's own tokens (tokensOf), in UTF-16 offsets of the file; keywords
 * follow the case the statement is written in.
 */
import { scanSync } from 'libpg-query';
import type { SourceText } from '../model/frontend';
import type { TextEdit } from '../model/findings';
import type { Column, Dialect, ReferentialAction, Schema } from '../model/schema';
import { EncodedOffsets, lineBreak, lineEndAt, lineStartAt, pastLineBreak, type SourceRef } from '../model/text';
import type { FixIntent, NewTimestamp } from '../model/intents';
import { quoteIdent } from '../model/identifiers';
import { makeObjectName, quoteTable } from './names';
import { lexStatement } from './lex';
import { blockCommentEnd, isSpace, lineEnd } from './split-chars';

interface Tok {
  start: number;
  end: number;
  text: string;
  /** Lower-cased text: keywords and unquoted identifiers compare in this form. */
  word: string;
}

/**
 * Scanner tokens of `text` with UTF-16 offsets relative to it (comments left out): sql/lex.ts's where it follows
 * the text token for token (ASCII, so its byte offsets are these), libpg-query's scanner's otherwise.
 */
export function tokensOf(text: string): Tok[] {
  const lexed = lexStatement(text);
  if (lexed) return lexed.map((t) => ({ start: t.start, end: t.end, text: t.text, word: t.text.toLowerCase() }));
  let raw;
  try {
    raw = scanSync(text).tokens ?? [];
  } catch {
    return [];
  }
  const enc = new EncodedOffsets(text);
  return raw
    .filter((t) => !/comment/i.test(t.tokenName ?? ''))
    .map((t) => {
      const start = enc.fromUtf8(t.start);
      const end = enc.fromUtf8(t.end);
      const s = text.slice(start, end);
      return { start, end, text: s, word: s.toLowerCase() };
    });
}

/** Is there anything but blanks, comments and semicolons in `text` before `start` or from `end` on? */
function statementsOutside(text: string, start: number, end: number): boolean {
  return !onlyTrivia(text, 0, start) || !onlyTrivia(text, end, text.length);
}

/**
 * Does `text` between `from` and `to` (both between tokens) hold only blanks, comments and semicolons? The first
 * other character starts a token (a string or a quoted name included), so nothing needs reading past it.
 */
function onlyTrivia(text: string, from: number, to: number): boolean {
  let i = from;
  while (i < to) {
    const c = text.charCodeAt(i);
    if (isSpace(c) || c === 59 /* ; */) i++;
    else if (c === 45 /* - */ && text.charCodeAt(i + 1) === 45) i = lineEnd(text, i);
    else if (c === 47 /* / */ && text.charCodeAt(i + 1) === 42 /* * */) i = blockCommentEnd(text, i, true).end;
    else return false;
  }
  return true;
}

function fileOf(files: readonly SourceText[], uri: string): SourceText | undefined {
  return files.find((f) => f.uri === uri);
}

function slice(file: SourceText, ref: SourceRef): string {
  return file.text.slice(ref.span.start, ref.span.end);
}

/** Write keywords the way the statement does: `create table` files get lower-case ones. */
function caseLike(sample: string): (kw: string) => string {
  const first = /[A-Za-z]+/.exec(sample)?.[0] ?? 'CREATE';
  return first === first.toLowerCase() ? (kw) => kw.toLowerCase() : (kw) => kw;
}

/** Index of the bracket that closes the one at `i`. */
function closing(toks: Tok[], i: number): number {
  let depth = 0;
  for (let j = i; j < toks.length; j++) {
    if (toks[j].text === '(') depth++;
    else if (toks[j].text === ')' && --depth === 0) return j;
  }
  return -1;
}

/** Top-level comma-separated elements between brackets `open` and `close`, as token ranges. */
function elements(toks: Tok[], open: number, close: number): [number, number][] {
  const out: [number, number][] = [];
  let depth = 0;
  let from = open + 1;
  for (let j = open + 1; j < close; j++) {
    const t = toks[j].text;
    if (t === '(' || t === '[') depth++;
    else if (t === ')' || t === ']') depth--;
    else if (t === ',' && depth === 0) {
      out.push([from, j - 1]);
      from = j + 1;
    }
  }
  if (from <= close - 1) out.push([from, close - 1]);
  return out;
}

/** The column list of `CREATE [UNIQUE] INDEX ... ON t [USING m] ( ... )`: its bracket token indexes. */
function indexColumnList(toks: Tok[]): { open: number; close: number } | undefined {
  if (toks[0]?.word !== 'create') return undefined;
  const on = toks.findIndex((t) => t.word === 'on');
  if (on < 0) return undefined;
  const open = toks.findIndex((t, k) => k > on && t.text === '(');
  const close = open >= 0 ? closing(toks, open) : -1;
  return open >= 0 && close > open ? { open, close } : undefined;
}

/**
 * Is `written` a plain `CREATE INDEX`: each element of its column list one name (no expression, operator
 * class, collation or order), nothing after the list (no INCLUDE, WITH, TABLESPACE or WHERE), not ON ONLY
 * a partitioned table? Such an index is rebuilt whole from its table and columns.
 */
export function plainIndexStatement(written: string): boolean {
  const toks = tokensOf(written);
  const list = indexColumnList(toks);
  if (!list || toks.some((t) => t.word === 'only') || toks.slice(list.close + 1).some((t) => t.text !== ';')) return false;
  return elements(toks, list.open, list.close).every(([a, b]) => a === b);
}

/** The unquoted name an index element starts with (`"Email"` -> `Email`, `email DESC` -> `email`). */
function elementColumn(tok: Tok): string {
  return tok.text.startsWith('"') ? tok.text.slice(1, -1).replace(/""/g, '"') : tok.word;
}

function dropIndex(intent: Extract<FixIntent, { kind: 'dropIndex' }>, files: readonly SourceText[]): TextEdit[] | undefined {
  const src = intent.index.source;
  const file = src && fileOf(files, src.uri);
  if (!src || !file) return undefined;
  const text = file.text;
  const written = slice(file, src);
  if (/^create\s/i.test(written)) {
    // The whole statement, and its line when it has the line to itself.
    let start = src.span.start;
    let end = src.span.end;
    let s = start;
    while (s > 0 && (text[s - 1] === ' ' || text[s - 1] === '\t')) s--;
    let e = end;
    while (e < text.length && (text[e] === ' ' || text[e] === '\t')) e++;
    if (lineStartAt(text, s) === s && lineEndAt(text, e) === e) {
      start = s;
      end = pastLineBreak(text, e);
    }
    // The only statement of its migration: removing it would leave an empty migration, which some runners
    // refuse (Diesel) and which says nothing; the finding stays, without this fix.
    if (!statementsOutside(text, start, end)) return undefined;
    return [{ uri: file.uri, span: { start, end }, newText: '' }];
  }
  if (intent.index.inline) {
    // `email text UNIQUE`: the constraint and the blanks before it.
    let start = src.span.start;
    while (start > 0 && (text[start - 1] === ' ' || text[start - 1] === '\t')) start--;
    return [{ uri: file.uri, span: { start, end: src.span.end }, newText: '' }];
  }
  // A table constraint inside CREATE TABLE (...): it goes with the comma that separates it.
  let before = src.span.start;
  while (before > 0 && /\s/.test(text[before - 1])) before--;
  if (text[before - 1] === ',') return [{ uri: file.uri, span: { start: before - 1, end: src.span.end }, newText: '' }];
  if (text[before - 1] === '(') {
    let after = src.span.end;
    while (after < text.length && /\s/.test(text[after])) after++;
    if (text[after] !== ',') return undefined;
    after++;
    while (after < text.length && /\s/.test(text[after])) after++;
    return [{ uri: file.uri, span: { start: src.span.start, end: after }, newText: '' }];
  }
  return undefined;
}

function reorderIndex(intent: Extract<FixIntent, { kind: 'reorderIndex' }>, files: readonly SourceText[]): TextEdit[] | undefined {
  const src = intent.index.source;
  const file = src && fileOf(files, src.uri);
  if (!src || !file) return undefined;
  const written = slice(file, src);
  const toks = tokensOf(written);
  const list = indexColumnList(toks);
  if (!list) return undefined;
  const parts = elements(toks, list.open, list.close).map(([a, b]) => ({
    column: elementColumn(toks[a]),
    text: written.slice(toks[a].start, toks[b].end),
  }));
  if (parts.length !== intent.columns.length) return undefined;
  const ordered = intent.columns.map((c) => parts.find((p) => p.column === c) ?? parts.find((p) => p.column.toLowerCase() === c.toLowerCase()));
  if (ordered.some((p) => !p) || new Set(ordered).size !== parts.length) return undefined;
  const start = src.span.start + toks[list.open].end;
  const end = src.span.start + toks[list.close].start;
  return [{ uri: file.uri, span: { start, end }, newText: ordered.map((p) => p!.text).join(', ') }];
}

/**
 * `CREATE INDEX ... (a)` -> `(a, b)`: the new columns after the last one, quoted the way it is. Only in a
 * file being fixed: an index an earlier migration created has been built, and its statement stays as it ran.
 */
function widenIndex(intent: Extract<FixIntent, { kind: 'widenIndex' }>, files: readonly SourceText[], dialect: Dialect): TextEdit[] | undefined {
  const src = intent.index.source;
  const file = src && fileOf(files, src.uri);
  if (!src || !file || intent.columns.length === 0) return undefined;
  const written = slice(file, src);
  const toks = tokensOf(written);
  const list = indexColumnList(toks);
  const last = list && elements(toks, list.open, list.close).pop();
  if (!last) return undefined;
  const sample = toks[last[0]].text;
  const q = sample[0];
  const quote = (c: string) => (q === '`' || q === '"' ? `${q}${c.split(q).join(q + q)}${q}` : quoteIdent(c, dialect));
  const at = src.span.start + toks[last[1]].end;
  return [{ uri: file.uri, span: { start: at, end: at }, newText: intent.columns.map((c) => `, ${quote(c)}`).join('') }];
}

function makeIndexPartial(intent: Extract<FixIntent, { kind: 'makeIndexPartial' }>, files: readonly SourceText[], dialect: Dialect): TextEdit[] | undefined {
  const src = intent.index.source;
  const file = src && fileOf(files, src.uri);
  if (!src || !file) return undefined;
  const written = slice(file, src);
  const toks = tokensOf(written);
  if (!indexColumnList(toks) || toks.some((t) => t.word === 'where')) return undefined;
  const kw = caseLike(written);
  const col = quoteIdent(intent.column.name, dialect);
  const predicate = intent.when === 'null' ? `${col} ${kw('IS NULL')}` : `${kw('NOT')} ${col}`;
  const last = toks[toks.length - 1];
  const at = src.span.start + (last?.text === ';' ? last.start : written.trimEnd().length);
  return [{ uri: file.uri, span: { start: at, end: at }, newText: ` ${kw('WHERE')} ${predicate}` }];
}

const ACTIONS: Record<ReferentialAction, string> = {
  cascade: 'CASCADE',
  'set null': 'SET NULL',
  restrict: 'RESTRICT',
  'no action': 'NO ACTION',
  'set default': 'SET DEFAULT',
};

function setOnDelete(intent: Extract<FixIntent, { kind: 'setOnDelete' }>, files: readonly SourceText[]): TextEdit[] | undefined {
  const src = intent.fk.source;
  const file = fileOf(files, src.uri);
  if (!file) return undefined;
  const written = slice(file, src);
  const toks = tokensOf(written);
  const ref = toks.findIndex((t) => t.word === 'references');
  if (ref < 0 || toks.some((t, k) => k > ref && t.word === 'delete' && toks[k - 1]?.word === 'on')) return undefined;
  // REFERENCES [schema.]table [(cols)] [MATCH FULL|PARTIAL|SIMPLE]: the action goes after all of that.
  let j = ref + 1;
  while (toks[j + 1]?.text === '.' && toks[j + 2]) j += 2;
  if (toks[j + 1]?.text === '(') {
    j = closing(toks, j + 1);
    if (j < 0) return undefined;
  }
  if (toks[j + 1]?.word === 'match' && toks[j + 2]) j += 2;
  if (!toks[j]) return undefined;
  const at = src.span.start + toks[j].end;
  const kw = caseLike(written);
  return [{ uri: file.uri, span: { start: at, end: at }, newText: ` ${kw('ON DELETE')} ${kw(ACTIONS[intent.action])}` }];
}

function timestampColumn(ts: NewTimestamp, dialect: Dialect, kw: (s: string) => string): string {
  const name = quoteIdent(ts.name, dialect);
  switch (dialect) {
    case 'mysql':
      return `${name} ${kw('DATETIME(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3)')}${ts.role === 'updated' ? ` ${kw('ON UPDATE CURRENT_TIMESTAMP(3)')}` : ''}`;
    case 'sqlite':
      return `${name} ${kw('DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP')}`;
    default:
      return `${name} timestamptz ${kw('NOT NULL DEFAULT')} now()`;
  }
}

function addTimestamps(intent: Extract<FixIntent, { kind: 'addTimestamps' }>, files: readonly SourceText[], schema?: Schema): TextEdit[] | undefined {
  const decl = intent.table.declaration;
  const file = fileOf(files, decl.uri);
  if (!file) return undefined;
  const statement = slice(file, decl);
  if (!/^create\s+(?:(?:global|local|temp|temporary|unlogged)\s+)*table\b/i.test(statement)) return undefined;
  // After the last column defined in this statement.
  const own = intent.table.columns.filter(
    (c) => c.declaration.uri === decl.uri && c.declaration.span.start >= decl.span.start && c.declaration.span.end <= decl.span.end,
  );
  const last = own.sort((a, b) => a.declaration.span.end - b.declaration.span.end)[own.length - 1];
  if (!last) return undefined;
  const text = file.text;
  const kw = caseLike(statement);
  const defs = intent.columns.map((c) => timestampColumn(c, schema?.dialect ?? 'postgresql', kw));
  const lineStart = text.lastIndexOf('\n', last.declaration.span.start - 1) + 1;
  const indent = text.slice(lineStart, last.declaration.span.start);
  const ownLine = /^[ \t]*$/.test(indent);
  const sep = ownLine ? `,${lineBreak(text)}${indent}` : ', ';
  const at = last.declaration.span.end;
  return [{ uri: file.uri, span: { start: at, end: at }, newText: defs.map((d) => `${sep}${d}`).join('') }];
}

function changeDefault(intent: Extract<FixIntent, { kind: 'changeDefault' }>): TextEdit[] | undefined {
  const src = intent.column.default?.source;
  if (intent.sql === undefined || !src || intent.column.default?.generated) return undefined;
  return [{ uri: src.uri, span: { ...src.span }, newText: intent.sql }];
}

/** How to cast a text setting to the column's type in a policy. */
function castTo(column: Column): string {
  const spelled: Record<string, string> = { int4: 'integer', int8: 'bigint', int2: 'smallint', uuid: 'uuid' };
  const t = column.type.name;
  if (t === 'text' || t === 'varchar') return '';
  return `::${spelled[t] ?? t}`;
}

function enableRls(intent: Extract<FixIntent, { kind: 'enableRls' }>, files: readonly SourceText[], insertAfter: (file: SourceText, end: number) => number): TextEdit[] | undefined {
  const decl = intent.table.declaration;
  const file = fileOf(files, decl.uri);
  if (!file) return undefined;
  const statement = slice(file, decl);
  const kw = caseLike(statement);
  // Row level security is PostgreSQL's. The table by the name its CREATE TABLE gives it: a later migration
  // may have renamed it, and these statements run right after that CREATE TABLE.
  const written = createdName(statement);
  const t = written?.text ?? quoteTable(intent.table, 'postgresql');
  const nl = lineBreak(file.text);
  const policy = quoteIdent(makeObjectName(written?.name ?? intent.table.name, 'tenant', 'isolation'), 'postgresql');
  const setting = intent.setting.replace(/'/g, "''");
  // `missing_ok` (true): before the application sets the tenant, the policy matches no row instead of
  // failing every query; nullif: a setting reset to '' at the end of a transaction means the same.
  const sql = [
    `${kw('ALTER TABLE')} ${t} ${kw('ENABLE ROW LEVEL SECURITY')};`,
    `${kw('ALTER TABLE')} ${t} ${kw('FORCE ROW LEVEL SECURITY')};`,
    `${kw('CREATE POLICY')} ${policy} ${kw('ON')} ${t} ${kw('USING')} (${quoteIdent(intent.column.name, 'postgresql')} = nullif(current_setting('${setting}', true), '')${castTo(intent.column)});`,
  ];
  if (intent.transaction) sql.unshift(`${kw('BEGIN')};`), sql.push(`${kw('COMMIT')};`);
  const close = statement.trimEnd().endsWith(';') ? '' : ';';
  const at = close ? decl.span.end : insertAfter(file, decl.span.end);
  return [{ uri: file.uri, span: { start: at, end: at }, newText: `${close}${nl}${sql.join(nl)}` }];
}

/** The table name a CREATE TABLE statement writes (`"S"."T"` as written, and its last part unquoted). */
function createdName(statement: string): { text: string; name: string } | undefined {
  const toks = tokensOf(statement);
  let i = toks.findIndex((t) => t.word === 'table');
  if (i < 0 || toks[0]?.word !== 'create') return undefined;
  i++;
  if (toks[i]?.word === 'if' && toks[i + 1]?.word === 'not' && toks[i + 2]?.word === 'exists') i += 3;
  if (!toks[i]) return undefined;
  let j = i;
  while (toks[j + 1]?.text === '.' && toks[j + 2]) j += 2;
  const last = toks[j].text;
  const name = last.startsWith('"') ? last.slice(1, -1).replace(/""/g, '"') : last.toLowerCase();
  return { text: statement.slice(toks[i].start, toks[j].end), name };
}

/** The design intents (the ones renderSqlFix does not render itself). */
type DesignIntent = Exclude<FixIntent, { kind: 'replace' | 'edits' | 'changeColumnType' | 'addIndex' }>;

export function renderDesignSql(
  intent: DesignIntent,
  files: readonly SourceText[],
  schema: Schema | undefined,
  insertAfter: (file: SourceText, end: number) => number,
): TextEdit[] | undefined {
  switch (intent.kind) {
    case 'dropIndex':
      return dropIndex(intent, files);
    case 'reorderIndex':
      return reorderIndex(intent, files);
    case 'widenIndex':
      return widenIndex(intent, files, schema?.dialect ?? 'postgresql');
    case 'makeIndexPartial':
      return makeIndexPartial(intent, files, schema?.dialect ?? 'postgresql');
    case 'setOnDelete':
      return setOnDelete(intent, files);
    case 'addTimestamps':
      return addTimestamps(intent, files, schema);
    case 'changeDefault':
      return changeDefault(intent);
    case 'useIdentity': {
      const src = intent.column.type.source;
      return src ? [{ uri: src.uri, span: { ...src.span }, newText: `${intent.type} GENERATED BY DEFAULT AS IDENTITY` }] : undefined;
    }
    case 'enableRls':
      return enableRls(intent, files, insertAfter);
    default: {
      // A new intent must be rendered here (or in renderSqlFix): this fails to compile until it is.
      const unrendered: never = intent;
      return unrendered;
    }
  }
}
