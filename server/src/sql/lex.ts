/**
 * The tokens of one statement the PostgreSQL parser has accepted, comments left out: where each starts
 * and ends (UTF-8 byte offsets, like AST locations) and its text as written. The boundaries are those of
 * libpg-query's own scanner (`scanSync`), and the tests hold the two side by side over the corpus; this
 * exists because that scanner hands each token over as JSON, which costs three times the parse (a quarter
 * of a cold analysis of a large DDL file).
 *
 * It reads ASCII text only, and gives up (undefined) on anything it does not follow token for token:
 * other characters, `U&` / `N''` / `B''` / `X''` literals, a string continued on a later line, `1..2`,
 * unterminated quotes. The caller then asks the real scanner. Lexing rules are PostgreSQL's (scan.l):
 * identifiers, quoted identifiers, strings (`''` doubled, `E''` with backslash escapes), dollar quotes,
 * parameters, numbers (with `_` separators, hex/octal/binary), operators (a run of operator characters,
 * cut at `--` or `/*`, trailing `+`/`-` dropped unless the run has one of `~!@#^&|\`?%`), and the
 * single-character and two-character punctuation.
 */

// The splitter's classes; its identifiers also take characters above 127, which never reach the lexer.
import { blockCommentEnd, isIdentCont, isIdentStart, isSpace, lineEnd } from './split-chars';

export interface Token {
  start: number;
  end: number;
  text: string;
}

export function lexStatement(text: string): Token[] | undefined {
  return new Lexer(text).run();
}

const enum C {
  Nl = 10,
  Cr = 13,
  Bang = 33,
  DQuote = 34,
  Hash = 35,
  Dollar = 36,
  Percent = 37,
  Amp = 38,
  Quote = 39,
  Star = 42,
  Plus = 43,
  Minus = 45,
  Dot = 46,
  Slash = 47,
  Zero = 48,
  Nine = 57,
  Colon = 58,
  Eq = 61,
  Question = 63,
  At = 64,
  Backslash = 92,
  Caret = 94,
  Underscore = 95,
  Backtick = 96,
  Bar = 124,
  Tilde = 126,
}

function isDigit(c: number): boolean {
  return c >= C.Zero && c <= C.Nine;
}
function isHexDigit(c: number): boolean {
  return isDigit(c) || (c >= 97 && c <= 102) || (c >= 65 && c <= 70);
}
/** PostgreSQL's `op_chars`. */
function isOpChar(c: number): boolean {
  return c === C.Tilde || c === C.Bang || c === C.At || c === C.Hash || c === C.Caret || c === C.Amp || c === C.Bar || c === C.Backtick || c === C.Question
    || c === C.Plus || c === C.Minus || c === C.Star || c === C.Slash || c === C.Percent || c === 60 || c === 62 || c === C.Eq;
}
/** The operator characters that keep a trailing `+` or `-` in the operator. */
function keepsSign(c: number): boolean {
  return c === C.Tilde || c === C.Bang || c === C.At || c === C.Hash || c === C.Caret || c === C.Amp || c === C.Bar || c === C.Backtick || c === C.Question || c === C.Percent;
}

/** Thrown to give up; caught in `run`. */
const GIVE_UP = Symbol('give up');

class Lexer {
  private readonly tokens: Token[] = [];

  constructor(private readonly text: string) {}

  run(): Token[] | undefined {
    const text = this.text;
    for (let k = 0; k < text.length; k++) if (text.charCodeAt(k) > 127 || text.charCodeAt(k) === 0) return undefined;
    try {
      let i = 0;
      while (i < text.length) i = this.step(i);
    } catch (e) {
      if (e === GIVE_UP) return undefined;
      throw e;
    }
    return this.tokens;
  }

  private push(start: number, end: number): number {
    this.tokens.push({ start, end, text: this.text.slice(start, end) });
    return end;
  }

  private step(i: number): number {
    const text = this.text;
    const c = text.charCodeAt(i);
    const next = text.charCodeAt(i + 1);
    if (isSpace(c)) return i + 1;
    if (c === C.Minus && next === C.Minus) return lineEnd(text, i + 2);
    if (c === C.Slash && next === C.Star) return this.blockCommentEnd(i);
    if (c === C.Quote) return this.push(i, this.stringEnd(i + 1, false));
    if (c === C.DQuote) return this.push(i, this.quotedEnd(i + 1, C.DQuote));
    if (isIdentStart(c)) {
      const lower = c | 32;
      if (next === C.Quote) {
        if (lower === 101 /* e */) return this.push(i, this.stringEnd(i + 2, true));
        // N'', B'', X'': read by the real scanner.
        if (lower === 110 || lower === 98 || lower === 120) throw GIVE_UP;
      }
      if (lower === 117 /* u */ && next === C.Amp) throw GIVE_UP;
      let j = i + 1;
      while (j < text.length && isIdentCont(text.charCodeAt(j))) j++;
      return this.push(i, j);
    }
    if (isDigit(c) || (c === C.Dot && isDigit(next))) return this.push(i, this.numberEnd(i));
    if (c === C.Dollar) return this.push(i, this.dollarEnd(i));
    if (c === C.Colon) return this.push(i, i + (next === C.Colon || next === C.Eq ? 2 : 1));
    if (c === C.Dot) return this.push(i, i + (next === C.Dot ? 2 : 1));
    if (c === 44 || c === 40 || c === 41 || c === 91 || c === 93 || c === 59) return this.push(i, i + 1); // , ( ) [ ] ;
    if (isOpChar(c)) return this.push(i, this.operatorEnd(i));
    throw GIVE_UP;
  }

  private blockCommentEnd(i: number): number {
    const { end, closed } = blockCommentEnd(this.text, i, true);
    if (!closed) throw GIVE_UP;
    return end;
  }

  /** After the opening quote at `from - 1`: the offset after the closing one. */
  private stringEnd(from: number, backslashes: boolean): number {
    const text = this.text;
    const end = this.quotedEnd(from, C.Quote, backslashes);
    // A string continued after a line break (`'a'\n'b'` is one literal): left to the real scanner.
    let k = end;
    let newline = false;
    while (k < text.length) {
      const c = text.charCodeAt(k);
      if (c === C.Nl || c === C.Cr) newline = true;
      if (isSpace(c)) k++;
      else if (c === C.Minus && text.charCodeAt(k + 1) === C.Minus) k = lineEnd(text, k + 2);
      else if (c === C.Slash && text.charCodeAt(k + 1) === C.Star) k = this.blockCommentEnd(k);
      else break;
    }
    if (newline && text.charCodeAt(k) === C.Quote) throw GIVE_UP;
    return end;
  }

  /** Past the closing `quote` of a string or quoted identifier opened at `from - 1` (the quote doubled inside; `\x` too with `backslashes`). */
  private quotedEnd(from: number, quote: number, backslashes = false): number {
    const text = this.text;
    let j = from;
    for (;;) {
      if (j >= text.length) throw GIVE_UP;
      const c = text.charCodeAt(j);
      if (backslashes && c === C.Backslash) j += 2;
      else if (c === quote) {
        if (text.charCodeAt(j + 1) === quote) j += 2;
        else return j + 1;
      } else j++;
    }
  }

  /** `$1`, or a dollar-quoted string `$tag$...$tag$`. */
  private dollarEnd(i: number): number {
    const text = this.text;
    let j = i + 1;
    if (isDigit(text.charCodeAt(j))) {
      while (isDigit(text.charCodeAt(j))) j++;
      if (isIdentCont(text.charCodeAt(j))) throw GIVE_UP;
      return j;
    }
    if (isIdentStart(text.charCodeAt(j))) {
      j++;
      while (j < text.length && (isIdentStart(text.charCodeAt(j)) || isDigit(text.charCodeAt(j)))) j++;
    }
    if (text.charCodeAt(j) !== C.Dollar) throw GIVE_UP;
    const tag = text.slice(i, j + 1);
    const close = text.indexOf(tag, j + 1);
    if (close < 0) throw GIVE_UP;
    return close + tag.length;
  }

  /** Digits with single `_` between them. */
  private digitsEnd(j: number, digit: (c: number) => boolean): number {
    const text = this.text;
    while (j < text.length) {
      const c = text.charCodeAt(j);
      if (digit(c)) j++;
      else if (c === C.Underscore && digit(text.charCodeAt(j + 1))) j += 2;
      else break;
    }
    return j;
  }

  private numberEnd(i: number): number {
    const text = this.text;
    const c = text.charCodeAt(i);
    const base = text.charCodeAt(i + 1) | 32;
    let j: number;
    if (c === C.Zero && (base === 120 || base === 111 || base === 98)) {
      // 0x1F, 0o17, 0b101 (a `_` may follow the prefix).
      const digit = base === 120 ? isHexDigit : base === 111 ? (d: number) => d >= C.Zero && d <= 55 : (d: number) => d === C.Zero || d === 49;
      let k = i + 2;
      if (text.charCodeAt(k) === C.Underscore) k++;
      if (!digit(text.charCodeAt(k))) throw GIVE_UP;
      j = this.digitsEnd(k, digit);
    } else {
      j = c === C.Dot ? i : this.digitsEnd(i, isDigit);
      if (text.charCodeAt(j) === C.Dot) {
        // `1..2` is an integer and `..`: left to the real scanner.
        if (text.charCodeAt(j + 1) === C.Dot) throw GIVE_UP;
        j = this.digitsEnd(j + 1, isDigit);
      }
      const e = text.charCodeAt(j) | 32;
      if (e === 101) {
        const sign = text.charCodeAt(j + 1) === C.Plus || text.charCodeAt(j + 1) === C.Minus ? 1 : 0;
        if (!isDigit(text.charCodeAt(j + 1 + sign))) throw GIVE_UP;
        j = this.digitsEnd(j + 1 + sign, isDigit);
      }
    }
    // Letters or digits right after a number are an error the parser would have reported.
    if (j < text.length && (isIdentCont(text.charCodeAt(j)) || text.charCodeAt(j) === C.Dot && isDigit(text.charCodeAt(j + 1)))) throw GIVE_UP;
    return j;
  }

  /** PostgreSQL's operator rule: the longest run of operator characters, then cut back. */
  private operatorEnd(i: number): number {
    const text = this.text;
    let j = i;
    while (j < text.length && isOpChar(text.charCodeAt(j))) j++;
    const run = text.slice(i, j);
    let n = run.length;
    const comment = [run.indexOf('/*'), run.indexOf('--')].filter((k) => k >= 0);
    if (comment.length) n = Math.min(...comment);
    if (n > 1 && (run.charCodeAt(n - 1) === C.Plus || run.charCodeAt(n - 1) === C.Minus)) {
      let keep = false;
      for (let k = n - 2; k >= 0 && !keep; k--) keep = keepsSign(run.charCodeAt(k));
      if (!keep) {
        do n--;
        while (n > 1 && (run.charCodeAt(n - 1) === C.Plus || run.charCodeAt(n - 1) === C.Minus));
      }
    }
    if (n === 0) throw GIVE_UP;
    return i + n;
  }
}
