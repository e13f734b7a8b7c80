/**
 * Splits a SQL file into statements the way psql (and the migration runners) would, before any parsing.
 * It knows just enough (quotes, `E''`, `""`, `$tag$` bodies, nested comments, `BEGIN ATOMIC ... END`,
 * psql meta-commands and COPY data) to find where each statement starts and ends. Structure inside a
 * statement comes from libpg-query, not from here; so do token boundaries (sql/lex.ts reads them for
 * statements the parser accepted, held to libpg-query's scanner by the tests).
 *
 * Everything is in UTF-16 offsets of the file text. It never throws: binary junk just becomes statements
 * that the parser rejects.
 */
import type { Dialect } from '../model/schema';
import type { Span } from '../model/text';
import { blockCommentEnd, bodyStatement, DOLLAR_TAG, isIdentCont, isIdentStart, isSpace, lineEnd, MARKER, nextLineStart, PSQL_VAR, TEMPLATE_AT } from './split-chars';

export interface SplitStatement {
  /** From the first token to the terminating `;` (inclusive), or to the last token when there is none. */
  span: Span;
  /** What ended it: `;` (or a MySQL `DELIMITER`), a runner marker comment, a psql meta-command, end of file. */
  end: 'semicolon' | 'marker' | 'meta' | 'eof';
  /** Uses psql variables (`:name`, `:'name'`, `:"name"`) `\set` earlier in the file: psql rewrites that text. */
  psqlVariables: boolean;
  /** MySQL/SQLite only: offsets of backtick quotes that can be read as `"` by the PostgreSQL parser. */
  backticks?: number[];
}

export interface SplitComment {
  span: Span;
  /** Without `--`, `#`, `/*`, `*\/`; trimmed. */
  body: string;
}

export interface SkippedRegion {
  span: Span;
  /** psql/mysql client commands (`\set`, `\i`, `DELIMITER`) and `COPY ... FROM stdin` data lines. */
  kind: 'meta' | 'copy-data';
}

export interface SplitResult {
  statements: SplitStatement[];
  comments: SplitComment[];
  skipped: SkippedRegion[];
  /** Template placeholders (`{{ }}`, `{% %}`, `${x}`, `@extschema@`) outside strings and comments. */
  templated: boolean;
  /** String literals and dollar-quoted bodies, when asked for (dialect detection looks past them). */
  literals?: Span[];
  /** Quoted names (`"..."`, a string in MySQL; backticks), when asked for. */
  names?: Span[];
  /** An unclosed `(` or `BEGIN` swallowed every later `;`: the text was split again from there, at every `;`. */
  recovered?: boolean;
}

interface Flavor {
  /** PostgreSQL: block comments nest; `$tag$` quotes; `E''` takes backslash escapes. */
  pg: boolean;
  /** MySQL: backslash escapes in all strings, `"` is a string, `#` comments, `DELIMITER` command. */
  mysql: boolean;
  backticks: boolean;
}

/** Characters split, for tests that guard the linear shape (never reset by the code): a file is split a few times, not once per statement. */
export const splitWork = { chars: 0 };

export function splitStatements(text: string, dialect: Dialect = 'postgresql', opts: { literals?: boolean; names?: boolean } = {}): SplitResult {
  splitWork.chars += text.length;
  const flavor: Flavor = {
    pg: dialect !== 'mysql' && dialect !== 'sqlite',
    mysql: dialect === 'mysql',
    backticks: dialect === 'mysql' || dialect === 'sqlite',
  };
  return new Splitter(text, flavor, opts.literals ? [] : undefined, opts.names ? [] : undefined).run();
}

class Splitter {
  private readonly statements: SplitStatement[] = [];
  private comments: SplitComment[] = [];
  private skipped: SkippedRegion[] = [];
  private templated = false;
  private readonly psqlVarNames = new Set<string>();
  private delimiter = ';';
  /** After an unbalanced `(` or `BEGIN` swallowed every later `;`: split at every `;` from then on. */
  private strict = false;

  // Per-statement state.
  private start = -1;
  private lastTokenEnd = -1;
  private depth = 0;
  private beginDepth = 0;
  private swallowed = false;
  private words: string[] = [];
  private wordCount = 0;
  /** `CREATE [OR REPLACE] FUNCTION|PROCEDURE|TRIGGER`: its `BEGIN ... END` body may hold `;` (as in psql). */
  private hasBody = false;
  /** The word before was `FROM` (`COPY ... FROM stdin`). */
  private afterFrom = false;
  private copyFromStdin = false;
  private psqlVariables = false;
  private backticks: number[] = [];

  constructor(
    private readonly text: string,
    private readonly flavor: Flavor,
    private readonly literals: Span[] | undefined,
    private readonly names: Span[] | undefined,
  ) {}

  run(): SplitResult {
    const text = this.text;
    let i = text.charCodeAt(0) === 0xfeff ? 1 : 0;
    while (i <= text.length) {
      if (i === text.length) {
        if (this.start >= 0 && this.swallowed && !this.strict && (this.depth > 0 || this.beginDepth > 0)) {
          i = this.rewind();
          continue;
        }
        this.finish(this.lastTokenEnd, 'eof');
        break;
      }
      i = this.step(i);
    }
    const result: SplitResult = { statements: this.statements, comments: this.comments, skipped: this.skipped, templated: this.templated };
    if (this.literals) result.literals = this.literals;
    if (this.names) result.names = this.names;
    if (this.strict) result.recovered = true;
    return result;
  }

  /** Lexes one token (or comment, or blank) at `i` and returns the offset after it. */
  private step(i: number): number {
    const text = this.text;
    const c = text.charCodeAt(i);
    const next = text.charCodeAt(i + 1);
    if (isSpace(c)) return i + 1;
    if (this.delimiter !== ';' && text.startsWith(this.delimiter, i)) {
      this.finish(this.lastTokenEnd, 'semicolon');
      return i + this.delimiter.length;
    }
    if (c === 45 /* - */ && next === 45) return this.lineComment(i, 2);
    if (c === 35 /* # */ && this.flavor.mysql) return this.lineComment(i, 1);
    if (c === 47 /* / */ && next === 42 /* * */) return this.blockComment(i);
    if (c === 92 /* \ */) return this.metaCommand(i);
    // sqlite3 shell dot-commands (`.timeout 30000`) at the start of a line, between statements.
    if (c === 46 /* . */ && this.start < 0 && !this.flavor.pg && !this.flavor.mysql && (i === 0 || text.charCodeAt(i - 1) === 10) && isIdentStart(next)) {
      const end = lineEnd(text, i);
      this.skipped.push({ span: { start: i, end }, kind: 'meta' });
      return end;
    }
    if (this.start < 0 && this.flavor.mysql && (c === 68 || c === 100) && /^delimiter[ \t]/iy.test(text.slice(i, i + 10))) {
      return this.delimiterCommand(i);
    }
    // An empty statement (`;;`) is nothing to parse.
    if (c === 59 && this.start < 0 && this.delimiter === ';') return i + 1;
    this.token(i);
    if (c === 39 /* ' */) return this.tokenEnd(this.literal(i, this.quoted(i, 39, this.flavor.mysql)));
    if (c === 34 /* " */) return this.tokenEnd(this.quotedIdentifier(i));
    if (c === 96 /* ` */ && this.flavor.backticks) return this.tokenEnd(this.backtick(i));
    if (c === 36 /* $ */ && this.flavor.pg) return this.tokenEnd(this.dollar(i));
    if (isIdentStart(c) || (c >= 48 && c <= 57)) return this.tokenEnd(this.word(i));
    switch (c) {
      case 40 /* ( */:
        this.depth++;
        break;
      case 41 /* ) */:
        if (this.depth > 0) this.depth--;
        break;
      case 59 /* ; */:
        if (this.delimiter !== ';') break;
        if ((this.depth === 0 && this.beginDepth === 0) || this.strict) {
          this.lastTokenEnd = i + 1;
          return this.finish(i + 1, 'semicolon') ?? i + 1;
        }
        this.swallowed = true;
        break;
      case 58 /* : */:
        if (next !== 58 && text.charCodeAt(i - 1) !== 58 && this.psqlVarNames.size > 0) this.psqlVariable(i);
        else if (next === 58) return this.tokenEnd(i + 2);
        break;
      case 123 /* { */:
        if (next === 123 || next === 37 /* % */ || next === 35 /* # */) this.templated = true;
        break;
      case 64 /* @ */:
        TEMPLATE_AT.lastIndex = i;
        if (TEMPLATE_AT.test(text)) this.templated = true;
        break;
    }
    return this.tokenEnd(i + 1);
  }

  /** Notes a string literal or body [start, end) when literals are collected; returns `end`. */
  private literal(start: number, end: number): number {
    this.literals?.push({ start, end });
    return end;
  }

  private token(i: number): void {
    if (this.start < 0) this.start = i;
  }

  private tokenEnd(end: number): number {
    this.lastTokenEnd = end;
    return end;
  }

  /**
   * Closes the open statement (if any) at `end`. After a `COPY ... FROM stdin;` returns the offset past
   * its data block, which psql sends as data, not SQL.
   */
  private finish(end: number, how: SplitStatement['end']): number | undefined {
    let resume: number | undefined;
    if (this.start >= 0 && end > this.start) {
      const s: SplitStatement = { span: { start: this.start, end }, end: how, psqlVariables: this.psqlVariables };
      if (this.backticks.length) s.backticks = this.backticks;
      this.statements.push(s);
      if (this.copyFromStdin && how === 'semicolon') resume = this.copyData(end);
    }
    this.start = -1;
    this.lastTokenEnd = -1;
    this.depth = 0;
    this.beginDepth = 0;
    this.swallowed = false;
    // Reused: a statement keeps no words, and a file has a statement every few dozen characters.
    this.words.length = 0;
    this.wordCount = 0;
    this.hasBody = false;
    this.afterFrom = false;
    this.copyFromStdin = false;
    this.psqlVariables = false;
    // A statement that had backticks keeps their list; the others leave it empty for the next one.
    if (this.backticks.length) this.backticks = [];
    return resume;
  }

  /** Lexes the open statement again, this time ending it at every `;` (recovery from an unclosed `(`). */
  private rewind(): number {
    const from = this.start;
    while (this.comments.length && this.comments[this.comments.length - 1].span.start >= from) this.comments.pop();
    while (this.skipped.length && this.skipped[this.skipped.length - 1].span.start >= from) this.skipped.pop();
    while (this.literals?.length && this.literals[this.literals.length - 1].start >= from) this.literals.pop();
    while (this.names?.length && this.names[this.names.length - 1].start >= from) this.names.pop();
    this.finish(-1, 'eof');
    this.strict = true;
    return from;
  }

  private lineComment(i: number, markerLength: number): number {
    const end = lineEnd(this.text, i);
    const body = this.text.slice(i + markerLength, end).trim();
    this.comments.push({ span: { start: i, end }, body });
    if (MARKER.test(body)) this.finish(this.lastTokenEnd, 'marker');
    return end;
  }

  private blockComment(i: number): number {
    const { end, closed } = blockCommentEnd(this.text, i, this.flavor.pg);
    this.comments.push({ span: { start: i, end }, body: this.text.slice(i + 2, closed ? end - 2 : end).trim() });
    return end;
  }

  /**
   * A backslash outside quotes is a psql (or mysql client) command running to the end of the line. Within a
   * statement it ends the statement, as `\g`/`\gexec` do.
   */
  private metaCommand(i: number): number {
    if (this.start >= 0) this.finish(this.lastTokenEnd, 'meta');
    const end = lineEnd(this.text, i);
    this.skipped.push({ span: { start: i, end }, kind: 'meta' });
    const line = this.text.slice(i, end);
    const set = /^\\set\s+([A-Za-z_][A-Za-z0-9_]*)/.exec(line);
    if (set) this.psqlVarNames.add(set[1]);
    if (/^\\copy\b.*\bfrom\s+(?:stdin|pstdin)\b/i.test(line)) return this.copyData(end);
    return end;
  }

  /** MySQL client `DELIMITER $$`: the rest of the line is the new statement terminator. */
  private delimiterCommand(i: number): number {
    const end = lineEnd(this.text, i);
    const arg = this.text.slice(i + 10, end).trim().split(/\s+/)[0];
    if (arg) this.delimiter = arg;
    this.skipped.push({ span: { start: i, end }, kind: 'meta' });
    return end;
  }

  /** Skips `COPY ... FROM stdin` data: from the next line up to and including the `\.` line. */
  private copyData(after: number): number {
    const text = this.text;
    const start = nextLineStart(text, after);
    let line = start;
    while (line < text.length) {
      const end = lineEnd(text, line);
      if (text.slice(line, end).trimEnd() === '\\.') {
        this.skipped.push({ span: { start, end }, kind: 'copy-data' });
        return end;
      }
      line = nextLineStart(text, end);
    }
    if (start < text.length) this.skipped.push({ span: { start, end: text.length }, kind: 'copy-data' });
    return text.length;
  }

  /** '...' or "..." with doubled quotes; `backslash` for E'' strings and MySQL. Unterminated: to the end. */
  private quoted(i: number, quote: number, backslash: boolean): number {
    const text = this.text;
    let j = i + 1;
    while (j < text.length) {
      const c = text.charCodeAt(j);
      if (backslash && c === 92) j += 2;
      else if (c === quote) {
        if (text.charCodeAt(j + 1) === quote) j += 2;
        else return j + 1;
      } else j++;
    }
    return text.length;
  }

  /** `"..."`: an identifier, or a MySQL string. Templates write placeholders inside them: `"{{ .Schema }}".users`. */
  private quotedIdentifier(i: number): number {
    const end = this.quoted(i, 34, this.flavor.mysql);
    // Only inside the identifier: a search to the end of the file per identifier is quadratic on one long line.
    if (!this.flavor.mysql && !this.templated && this.text.slice(i + 1, end).includes('{{')) this.templated = true;
    this.names?.push({ start: i, end });
    return end;
  }

  private backtick(i: number): number {
    const end = this.quoted(i, 96, false);
    this.names?.push({ start: i, end });
    const inner = this.text.slice(i + 1, end - 1);
    if (end - i >= 3 && this.text.charCodeAt(end - 1) === 96 && !inner.includes('"') && !inner.includes('`')) {
      this.backticks.push(i, end - 1);
    }
    return end;
  }

  /** `$tag$ ... $tag$` (a body), `$1` (a parameter), or `${...}` (a template placeholder). */
  private dollar(i: number): number {
    const text = this.text;
    if (text.charCodeAt(i + 1) === 123 /* { */) {
      this.templated = true;
      return i + 1;
    }
    DOLLAR_TAG.lastIndex = i;
    const m = DOLLAR_TAG.exec(text);
    if (!m) {
      let j = i + 1;
      while (j < text.length && text.charCodeAt(j) >= 48 && text.charCodeAt(j) <= 57) j++;
      return j;
    }
    const close = text.indexOf(m[0], i + m[0].length);
    return this.literal(i, close < 0 ? text.length : close + m[0].length);
  }

  /** An identifier, keyword or number; tracks the few words psql looks at. */
  private word(i: number): number {
    const text = this.text;
    let j = i + 1;
    // The mysql client looks for its delimiter before anything else: `END$$` is `END` then `$$`.
    const delimiter = this.delimiter === ';' ? undefined : this.delimiter;
    while (j < text.length && isIdentCont(text.charCodeAt(j)) && !(delimiter && text.startsWith(delimiter, j))) j++;
    const len = j - i;
    // E'...' takes backslash escapes; the prefix is part of the string token.
    if (len === 1 && (text.charCodeAt(i) | 32) === 101 && text.charCodeAt(j) === 39) return this.literal(i, this.quoted(j, 39, true));
    // The head's words and a body's are read as the keyword they are, if one the rules below look for ('' for any
    // other word): compared in place, since a file's every word lower-cased was most of the split's garbage.
    const w = this.wordCount < 5 || (this.hasBody && this.depth === 0) ? keywordAt(text, i, len) : '';
    if (this.wordCount < 5) {
      this.words.push(w);
      this.hasBody = bodyStatement(this.words);
    }
    this.wordCount++;
    if (this.hasBody && this.depth === 0) {
      if (w === 'begin') this.beginDepth++;
      else if (w === 'case' && this.beginDepth > 0) this.beginDepth++;
      else if (w === 'end' && this.beginDepth > 0) this.beginDepth--;
    }
    if (this.afterFrom && this.words[0] === 'copy' && sameWord(text, i, len, 'stdin')) this.copyFromStdin = true;
    this.afterFrom = sameWord(text, i, len, 'from');
    return j;
  }

  private psqlVariable(i: number): void {
    PSQL_VAR.lastIndex = i;
    const m = PSQL_VAR.exec(this.text);
    const name = m && (m[1] ?? m[2] ?? m[3] ?? m[4]);
    if (name && this.psqlVarNames.has(name)) this.psqlVariables = true;
  }
}

/** The words the splitter's rules read: a statement's head (`bodyStatement`'s, COPY) and a body's nesting. */
const KEYWORDS = ['create', 'copy', 'or', 'replace', 'temp', 'temporary', 'function', 'procedure', 'trigger', 'begin', 'case', 'end'];

/** The word at `i` if it is one of KEYWORDS, else '' (a function of its own: a closure in `word` would give every word a context). */
function keywordAt(text: string, i: number, len: number): string {
  for (let k = 0; k < KEYWORDS.length; k++) if (sameWord(text, i, len, KEYWORDS[k])) return KEYWORDS[k];
  return '';
}

/** Whether `text[i, i + len)` is the lower-case word `lower`, in any case (`lower` holds letters only). */
function sameWord(text: string, i: number, len: number, lower: string): boolean {
  if (len !== lower.length) return false;
  for (let k = 0; k < len; k++) if ((text.charCodeAt(i + k) | 32) !== lower.charCodeAt(k)) return false;
  return true;
}
