/**
 * Tokens of one SQLite or MySQL statement, with exact UTF-16 offsets in the file. Just enough for DDL:
 * identifiers in every quoting the two engines accept (`"x"`, `` `x` ``, `[x]`), strings, numbers and
 * punctuation; comments are skipped.
 */
import type { Dialect } from '../../model/schema';

export interface LiteToken {
  kind: 'word' | 'quoted' | 'string' | 'number' | 'punct';
  /** The token as written. */
  text: string;
  /** Identifier value: a word as written, a quoted identifier without its quotes. */
  value: string;
  /** Lower-case word (empty for quoted identifiers, strings and punctuation other than words). */
  lower: string;
  start: number;
  end: number;
}

function isWordStart(c: number): boolean {
  return (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || c === 95 || c >= 128;
}
function isWordPart(c: number): boolean {
  return isWordStart(c) || (c >= 48 && c <= 57) || c === 36;
}

/** Lexes `text` (a statement), adding `offset` to every position. */
export function lexLite(text: string, offset: number, dialect: Dialect): LiteToken[] {
  const mysql = dialect === 'mysql';
  const out: LiteToken[] = [];
  let i = 0;
  const push = (kind: LiteToken['kind'], start: number, end: number, value?: string) => {
    const t = text.slice(start, end);
    out.push({ kind, text: t, value: value ?? t, lower: kind === 'word' ? t.toLowerCase() : '', start: start + offset, end: end + offset });
  };
  while (i < text.length) {
    const c = text.charCodeAt(i);
    if (c === 32 || (c >= 9 && c <= 13)) {
      i++;
      continue;
    }
    if (c === 45 && text.charCodeAt(i + 1) === 45) {
      while (i < text.length && text[i] !== '\n') i++;
      continue;
    }
    if (c === 35 && mysql) {
      while (i < text.length && text[i] !== '\n') i++;
      continue;
    }
    if (c === 47 && text.charCodeAt(i + 1) === 42) {
      const close = text.indexOf('*/', i + 2);
      i = close < 0 ? text.length : close + 2;
      continue;
    }
    const start = i;
    if (c === 39 /* ' */) {
      i++;
      let value = '';
      while (i < text.length) {
        if (mysql && text[i] === '\\') {
          value += text[i + 1] ?? '';
          i += 2;
        } else if (text[i] === "'") {
          if (text[i + 1] === "'") {
            value += "'";
            i += 2;
          } else {
            i++;
            break;
          }
        } else value += text[i++];
      }
      push('string', start, i, value);
      continue;
    }
    if (c === 34 /* " */ || c === 96 /* ` */ || (c === 91 /* [ */ && !mysql)) {
      const close = c === 91 ? ']' : text[i];
      i++;
      let value = '';
      while (i < text.length) {
        if (text[i] === close) {
          if (close !== ']' && text[i + 1] === close) {
            value += close;
            i += 2;
            continue;
          }
          i++;
          break;
        }
        value += text[i++];
      }
      // MySQL reads "..." as a string unless ANSI_QUOTES is on; in DDL it is almost always an identifier.
      push('quoted', start, i, value);
      continue;
    }
    if (c >= 48 && c <= 57) {
      while (i < text.length && /[0-9.eE]/.test(text[i])) i++;
      push('number', start, i);
      continue;
    }
    if (isWordStart(c)) {
      while (i < text.length && isWordPart(text.charCodeAt(i))) i++;
      // MySQL b'0101' / x'ff' literals.
      if (i - start === 1 && text[i] === "'" && /[bBxXnN]/.test(text[start])) {
        const close = text.indexOf("'", i + 1);
        i = close < 0 ? text.length : close + 1;
        push('string', start, i, text.slice(start + 2, i - 1));
        continue;
      }
      push('word', start, i);
      continue;
    }
    i++;
    push('punct', start, i);
  }
  return out;
}
