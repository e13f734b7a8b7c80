/**
 * Parses each statement of a file on its own with libpg-query (the real PostgreSQL parser), so one bad
 * statement costs one syntax error and not the whole file. Results are cached by statement text: after
 * an edit only the statements that changed are parsed again. An AST is kept until what the rules and the replay
 * read of its statement is worked out, not for as long as the statement stays in the file.
 *
 * libpg-query reports AST locations as UTF-8 byte offsets and error positions as code-point indices,
 * both relative to the string it was given; `ParsedStatement.toFileOffset` and the error span turn
 * them into UTF-16 offsets of the file through `EncodedOffsets`.
 */
import { loadModule, parseSync, scanSync, type Node, type RawStmt } from 'libpg-query';
import { lexStatement, type Token } from './lex';
import { detached, EncodedOffsets, type Span } from '../model/text';
import type { Dialect } from '../model/schema';
import type { SplitStatement } from './split';

let loading: Promise<void> | undefined;
let ready = false;

/** Loads the parser's WebAssembly once; everything in this folder is synchronous after it resolves. */
export function ensureSqlParser(): Promise<void> {
  loading ??= loadModule().then(() => {
    ready = true;
  });
  return loading;
}

export function sqlParserReady(): boolean {
  return ready;
}

export interface ParsedStatement {
  /** The statement in the file, UTF-16: first token through its `;`. */
  span: Span;
  /** The statement's source text (`file.text.slice(span.start, span.end)`). */
  text: string;
  /**
   * The statement's AST (what `RawStmt.stmt` holds) when it parsed. Shared through the cache: read only. The
   * cache lets it go once the statement's readings are worked out (`release`) and parses it again if asked.
   */
  readonly stmt?: Node;
  /** The parser's error when it did not, with the span of the offending token in the file. */
  error?: { message: string; span: Span };
  end: SplitStatement['end'];
  /** psql substitutes variables in this statement: the parser sees text the server never would. */
  psqlVariables: boolean;
  /** For a statement inside another one (a `DO` block's body): the outer statement, where fixes go after. */
  container?: Span;
  /** Maps an AST location (UTF-8 byte offset into the parsed statement) to a UTF-16 offset in the file. */
  toFileOffset(byteLocation: number): number;
  /** The scanner's tokens for this statement (byte offsets, comments left out); computed on first use. */
  tokens(): readonly Token[];
}

interface CacheEntry {
  /** The statement's text, detached from the file it was cut from (the cache's key). */
  text: string;
  /** The ASTs; left out once a statement of this text has its readings (`release`), parsed again if asked for. */
  stmts?: RawStmt[];
  /** How many statements the parser found (1 unless the splitter kept two together); none when it failed. */
  parts?: number;
  offsets?: EncodedOffsets;
  error?: { message: string; cursor: number };
  tokens?: Token[];
}

/** Large enough for a big migration folder; each entry is one statement's AST. */
const CACHE_LIMIT = 20_000;
const cache = new Map<string, CacheEntry>();

function cached(text: string): CacheEntry {
  const hit = cache.get(text);
  if (hit) {
    // Map keeps insertion order: re-inserting makes this the most recently used entry.
    cache.delete(text);
    cache.set(hit.text, hit);
    return hit;
  }
  const key = detached(text);
  const entry: CacheEntry = { text: key, ...parseUncached(key) };
  cache.set(key, entry);
  if (cache.size > CACHE_LIMIT) cache.delete(cache.keys().next().value as string);
  return entry;
}

/**
 * Characters handed to libpg-query, for tests that guard the linear shape (never reset by the code): each
 * statement is parsed, and scanned at most once, on its own text, never on the rest of its line or file.
 */
export const parseWork = { statements: 0, parsedChars: 0, scannedChars: 0, reparsed: 0 };

function parseUncached(text: string): Omit<CacheEntry, 'text'> {
  parseWork.statements++;
  parseWork.parsedChars += text.length;
  // The parser takes a C string: a NUL would silently cut the statement short. PostgreSQL rejects it.
  const nul = text.indexOf('\u0000');
  if (nul >= 0) return { error: { message: 'invalid byte sequence for encoding "UTF8": 0x00', cursor: codePointIndex(text, nul) } };
  try {
    const stmts = parseSync(text).stmts ?? [];
    return { stmts, parts: stmts.length };
  } catch (err) {
    const details = (err as { sqlDetails?: { message?: string; cursorPosition?: number } }).sqlDetails;
    const message = details?.message ?? (err instanceof Error ? err.message : String(err));
    return { error: { message, cursor: details?.cursorPosition ?? 0 } };
  }
}

function codePointIndex(text: string, utf16: number): number {
  let n = 0;
  for (let i = 0; i < utf16; i++) {
    const c = text.charCodeAt(i);
    if (c < 0xd800 || c > 0xdbff || i + 1 >= utf16) n++;
  }
  return n;
}

/** The entry's ASTs, parsed again when they were released (the text parsed, and its ASTs are gone). */
function stmtsOf(entry: CacheEntry): RawStmt[] | undefined {
  if (entry.parts && !entry.stmts) {
    parseWork.reparsed++;
    entry.stmts = parseSync(entry.text).stmts ?? [];
  }
  return entry.stmts;
}

/**
 * What a statement's readings need no longer: its AST (the largest part of what a file keeps, and nothing reads
 * it once both readings are worked out; a new reading parses it again). Its tokens stay: fixes and the places
 * readings work out on first use read them.
 */
function release(entry: CacheEntry): void {
  entry.stmts = undefined;
}

/** The statement's tokens: sql/lex.ts's when it follows the statement token for token, libpg-query's scanner's otherwise. */
function scan(entry: CacheEntry): Token[] {
  if (!entry.tokens) {
    const text = entry.text;
    parseWork.scannedChars += text.length;
    entry.tokens = lexStatement(text) ?? realScan(text);
  }
  return entry.tokens;
}

function realScan(text: string): Token[] {
  try {
    return (scanSync(text).tokens ?? []).filter((t) => t.tokenName !== 'SQL_COMMENT' && t.tokenName !== 'C_COMMENT');
  } catch {
    return [];
  }
}

/** Cache statistics, for tests and the status bar. */
export function parseCacheSize(): number {
  return cache.size;
}

/** How many cached statement texts hold their ASTs (the others released them: `release`), for tests. */
export function parseCacheAsts(): number {
  let n = 0;
  for (const entry of cache.values()) if (entry.stmts?.length) n++;
  return n;
}

/**
 * Parses one split statement of `fileText`. `parseText` is the text given to the parser: the source,
 * or the same number of characters with MySQL/SQLite backticks read as `"`.
 */
export function parseStatement(fileText: string, split: SplitStatement): ParsedStatement[] {
  const { start, end } = split.span;
  const source = fileText.slice(start, end);
  let parseText = source;
  if (split.backticks) {
    const chars = source.split('');
    for (const b of split.backticks) chars[b - start] = '"';
    parseText = chars.join('');
  }
  return parseSpan(source, parseText, start, split, true);
}

/** A statement found inside another one (a `DO` block's body), at `start` in the file. */
export function parseEmbedded(text: string, start: number, container: Span): ParsedStatement {
  const st = parseSpan(text, text, start, { span: { start, end: start + text.length }, end: 'semicolon', psqlVariables: false }, false)[0];
  st.container = { ...container };
  return st;
}

function parseSpan(source: string, parseText: string, start: number, split: SplitStatement, mayDivide: boolean): ParsedStatement[] {
  const entry = cached(parseText);
  // The splitter kept two statements together (a heuristic missed): give each its own entry.
  if ((entry.parts ?? 0) > 1 && mayDivide) return divide(entry, source, start, split);
  const parsed = new Parsed(entry, source === parseText ? entry.text : detached(source), start, split);
  if (entry.error) {
    const at = offsetsOf(entry).fromCodePoint(entry.error.cursor);
    const local = errorSpan(source, at, entry.error.message);
    parsed.error = { message: entry.error.message, span: { start: start + local.start, end: start + local.end } };
  }
  return [parsed];
}

/**
 * A statement as `parseSpan` gives it. It reads the cache's copy of its text, never a slice of the file: a
 * statement, and what is worked out from it (names, expressions), stays while it stays put, and a slice would
 * keep that version of the whole file alive.
 */
class Parsed implements ParsedStatement {
  span: Span;
  error?: { message: string; span: Span };
  container?: Span;
  readonly end: SplitStatement['end'];
  readonly psqlVariables: boolean;
  readonly #entry: CacheEntry;

  constructor(
    entry: CacheEntry,
    readonly text: string,
    start: number,
    split: SplitStatement,
  ) {
    this.#entry = entry;
    this.span = { start, end: start + text.length };
    this.end = split.end;
    this.psqlVariables = split.psqlVariables;
  }

  get stmt(): Node | undefined {
    return this.#entry.parts ? stmtsOf(this.#entry)?.[0]?.stmt : undefined;
  }

  toFileOffset(byte: number): number {
    return this.span.start + offsetsOf(this.#entry).fromUtf8(byte);
  }

  tokens(): readonly Token[] {
    return scan(this.#entry);
  }

  /** Its readings are worked out: the AST may go (see `release`). */
  readingsDone(): void {
    release(this.#entry);
  }

  /** The same statement at `split` (the same text, moved by `delta` in the next text of its file). */
  movedTo(split: SplitStatement, delta: number): Parsed {
    const st = new Parsed(this.#entry, this.text, split.span.start, split);
    if (this.error) st.error = { message: this.error.message, span: { start: this.error.span.start + delta, end: this.error.span.end + delta } };
    return st;
  }
}

/**
 * `from` moved by `delta` to `split` in the next text of its file, its text the same: a statement of its own that
 * shares `from`'s parse, without looking the text up again (a keystroke moves every statement after it). Undefined
 * for a statement found inside another one, or not read by `parseStatement`.
 */
export function movedStatement(from: ParsedStatement, split: SplitStatement, delta: number): ParsedStatement | undefined {
  return from instanceof Parsed && !from.container ? from.movedTo(split, delta) : undefined;
}

/** Built when a location first needs converting (most statements never need it), once per text. */
function offsetsOf(entry: CacheEntry): EncodedOffsets {
  return (entry.offsets ??= new EncodedOffsets(entry.text));
}

/** One statement per statement the parser found in a span the splitter gave as one. */
function divide(entry: CacheEntry, source: string, start: number, split: SplitStatement): ParsedStatement[] {
  const parseText = entry.text;
  const enc = offsetsOf(entry);
  return stmtsOf(entry)!.flatMap((raw) => {
    const from = enc.fromUtf8(raw.stmt_location ?? 0);
    let to = raw.stmt_len ? enc.fromUtf8((raw.stmt_location ?? 0) + raw.stmt_len) : parseText.length;
    // Like the splitter's spans, a statement's span ends with its `;` (stmt_len stops before it).
    const semi = parseText.slice(to).search(/\S/);
    if (semi >= 0 && parseText[to + semi] === ';') to += semi + 1;
    const lead = source.slice(from, to).length - source.slice(from, to).trimStart().length;
    const sub = { ...split, span: { start: start + from + lead, end: start + to } };
    return parseSpan(source.slice(from + lead, to), parseText.slice(from + lead, to), start + from + lead, sub, false);
  });
}

/**
 * The offending token: PostgreSQL names it in the message (`at or near "X"`). A token running past the
 * end of its line (an unterminated string) is cut at the line end; "at end of input" marks the last
 * character. Always at least one character.
 */
function errorSpan(text: string, at: number, message: string): Span {
  if (at >= text.trimEnd().length) {
    const end = Math.max(1, text.trimEnd().length);
    const low = text.charCodeAt(end - 1) >= 0xdc00 && text.charCodeAt(end - 1) <= 0xdfff && end >= 2;
    return { start: end - (low ? 2 : 1), end };
  }
  const near = / at or near "(.*)"$/s.exec(message)?.[1];
  let end = at + 1;
  if (near && text.startsWith(near, at)) end = at + near.length;
  else {
    // No token named (`CREATE EXTENSION ... FROM is no longer supported`): the word at the position.
    const word = /^[\p{L}\p{N}_$]+/u.exec(text.slice(at, at + 200));
    if (word) end = at + word[0].length;
    else if (text.charCodeAt(at) >= 0xd800 && text.charCodeAt(at) <= 0xdbff) end = at + 2;
  }
  const eol = text.slice(at).search(/[\r\n]/);
  if (eol > 0 && at + eol < end) end = at + eol;
  return { start: at, end: Math.max(end, at + 1) };
}

/** Readings worked out and moved (per memo), for tests (never reset by the code). */
export const readingWork = { worked: 0, moved: 0 };

/**
 * Whether a statement's AST goes once its readings are worked out. The language server says yes: a long session on
 * a large file keeps a fifth less. A `check` run keeps them: it reads the same statement text in several files and
 * engines (a migration written once per engine), and each of those readings would parse it again.
 */
let releasing = false;

export function releaseReadAsts(on: boolean): void {
  releasing = on;
}

/** Releases the statement's AST when every memo holds what it needs (its readings). */
function readingsDone(st: ParsedStatement): void {
  if (releasing && st instanceof Parsed && memos.every(({ memo }) => memo.has(st))) st.readingsDone();
}

/** Every memo of `perParsedStatement`, with how its values move. */
const memos: { memo: WeakMap<ParsedStatement, { uri: string; dialect?: Dialect; value: unknown }>; move: (value: never, delta: number, uri: string) => unknown }[] = [];

/**
 * A memo of what is worked out from a parsed statement, per file and dialect it is read for. The parse caches
 * keep a statement's object while its text stays, so what is kept here outlives one analysis: a history
 * replayed again reads each statement once, not once per replay. `move` gives a value for the same statement
 * moved in its file by an edit above it (`readingsMoved`).
 */
export function perParsedStatement<T>(move: (value: T, delta: number, uri: string) => T): (st: ParsedStatement, uri: string, dialect: Dialect | undefined, work: () => T) => T {
  const memo = new WeakMap<ParsedStatement, { uri: string; dialect?: Dialect; value: T }>();
  memos.push({ memo, move: move as (value: never, delta: number, uri: string) => unknown });
  return (st, uri, dialect, work) => {
    const hit = memo.get(st);
    if (hit && hit.uri === uri && hit.dialect === dialect) return hit.value;
    const value = work();
    readingWork.worked++;
    memo.set(st, { uri, dialect, value });
    readingsDone(st);
    return value;
  };
}

/**
 * `st` is `from` moved by `delta` characters (the same text, in the next text of the same file): what was worked
 * out from `from` is moved to it now, so a keystroke in a large file does not read the statements after it again,
 * and `st` keeps nothing of `from`.
 */
export function readingsMoved(st: ParsedStatement, from: ParsedStatement, delta: number): void {
  for (const { memo, move } of memos) {
    const before = memo.get(from);
    if (!before) continue;
    memo.set(st, { uri: before.uri, dialect: before.dialect, value: move(before.value as never, delta, before.uri) });
    readingWork.moved++;
  }
  readingsDone(st);
}
