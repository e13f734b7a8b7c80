/**
 * The splitter's character classes and patterns (sql/split.ts): identifier and space characters, line
 * ends, block comments (shared with the lexer, sql/lex.ts), runner marker comments, template and psql
 * variable patterns, dollar-quote tags.
 */

/** Runner comments that end a statement even where its `;` is missing (goose, sql-migrate, dbmate, Drizzle). */
export const MARKER = /^(?:\+goose\s+(?:up|down|statementend)\b|\+migrate\s+(?:up|down|statementend)\b|migrate:(?:up|down)\b|>\s*statement-breakpoint)/i;
export const TEMPLATE_AT = /@[A-Za-z_][A-Za-z0-9_]*@/y;
export const PSQL_VAR = /:(?:'([A-Za-z_][A-Za-z0-9_]*)'|"([A-Za-z_][A-Za-z0-9_]*)"|\{\?([A-Za-z_][A-Za-z0-9_]*)\}|([A-Za-z_][A-Za-z0-9_]*))/y;
export const DOLLAR_TAG = /\$([A-Za-z_\u0080-\uffff][A-Za-z0-9_\u0080-\uffff]*)?\$/y;

export function isIdentStart(c: number): boolean {
  return (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || c === 95 || c >= 128;
}
export function isIdentCont(c: number): boolean {
  return isIdentStart(c) || (c >= 48 && c <= 57) || c === 36;
}
export function isSpace(c: number): boolean {
  return c === 32 || (c >= 9 && c <= 13);
}
/**
 * Past the block comment that opens at `i` (`/*`), comments opened inside it closed too when they `nest`
 * (PostgreSQL); `closed` is false when the text ends first.
 */
export function blockCommentEnd(text: string, i: number, nest: boolean): { end: number; closed: boolean } {
  let depth = 1;
  let j = i + 2;
  while (j < text.length && depth > 0) {
    const c = text.charCodeAt(j);
    if (c === 42 && text.charCodeAt(j + 1) === 47) {
      depth--;
      j += 2;
    } else if (nest && c === 47 && text.charCodeAt(j + 1) === 42) {
      depth++;
      j += 2;
    } else j++;
  }
  return { end: j, closed: depth === 0 };
}

export function lineEnd(text: string, from: number): number {
  let i = from;
  while (i < text.length && text.charCodeAt(i) !== 10 && text.charCodeAt(i) !== 13) i++;
  return i;
}
export function nextLineStart(text: string, from: number): number {
  let i = lineEnd(text, from);
  if (text.charCodeAt(i) === 13) i++;
  if (text.charCodeAt(i) === 10) i++;
  return i;
}

/** psql's heuristic, extended to triggers (SQLite bodies): which statements may contain `BEGIN ... END`. */
export function bodyStatement(words: string[]): boolean {
  if (words[0] !== 'create') return false;
  let k = 1;
  if (words[k] === 'or' && words[k + 1] === 'replace') k += 2;
  if (words[k] === 'temp' || words[k] === 'temporary') k++;
  return words[k] === 'function' || words[k] === 'procedure' || words[k] === 'trigger';
}
