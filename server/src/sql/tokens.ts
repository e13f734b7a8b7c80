/**
 * Positions the AST does not give (where a type or a constraint ends, where a keyword is), read off the
 * statement's tokens (sql/lex.ts: libpg-query's scanner's boundaries): anchored at an AST location, then
 * walked with paren depth. Token offsets are UTF-8 bytes of the parsed statement, like AST locations.
 */
import type { Token } from './lex';

export type Tokens = readonly Token[];

/** Index of the first token that ends after `byte` (the token containing or following it), or -1. */
export function tokenAt(tokens: Tokens, byte: number): number {
  let lo = 0;
  let hi = tokens.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (tokens[mid].end <= byte) lo = mid + 1;
    else hi = mid;
  }
  return lo < tokens.length ? lo : -1;
}

/** Lower-case keyword or unquoted identifier text; quoted identifiers and literals as written. */
export function word(tokens: Tokens, i: number): string {
  const t = tokens[i];
  return t ? t.text.toLowerCase() : '';
}

function opens(text: string): boolean {
  return text === '(' || text === '[';
}
function closes(text: string): boolean {
  return text === ')' || text === ']';
}

/** The last token of a dotted name starting at `i` (`schema.table`, `"S"."T"`). */
export function nameEnd(tokens: Tokens, i: number): number {
  while (i + 2 < tokens.length && tokens[i + 1].text === '.') i += 2;
  return i;
}

/** The index of the bracket closing the one at `i`, or the last token when unbalanced. */
export function matching(tokens: Tokens, i: number): number {
  let depth = 0;
  for (let j = i; j < tokens.length; j++) {
    if (opens(tokens[j].text)) depth++;
    else if (closes(tokens[j].text) && --depth === 0) return j;
  }
  return tokens.length - 1;
}

/**
 * The last token of a list element starting at `i` (a column definition, a table constraint, an
 * ALTER TABLE action): everything up to the `,` or `)` that closes it at its own nesting level.
 */
export function elementEnd(tokens: Tokens, i: number, stop: (w: string) => boolean = () => false): number {
  let depth = 0;
  let last = i;
  for (let j = i; j < tokens.length; j++) {
    const text = tokens[j].text;
    if (depth === 0 && j > i && (text === ',' || text === ')' || text === ';' || stop(word(tokens, j)))) break;
    if (opens(text)) depth++;
    else if (closes(text)) {
      if (depth === 0) break;
      depth--;
    }
    last = j;
  }
  return last;
}

/** Words that begin what follows a column's type: constraints, `COLLATE`, `USING` (ALTER ... TYPE). */
const AFTER_TYPE = new Set([
  'not', 'null', 'default', 'constraint', 'primary', 'unique', 'references', 'check', 'generated',
  'collate', 'compression', 'storage', 'using', 'deferrable', 'initially', 'options', 'exclude',
]);

/** The last token of a type name starting at `i`: `timestamp(3) without time zone`, `text[]`, `s."T"`. */
export function typeEnd(tokens: Tokens, i: number): number {
  return elementEnd(tokens, i, (w) => AFTER_TYPE.has(w));
}

/** The first token in [from, to] whose word is `w` (at any depth), or -1. */
export function findWord(tokens: Tokens, from: number, to: number, w: string): number {
  for (let j = Math.max(0, from); j <= to && j < tokens.length; j++) if (word(tokens, j) === w) return j;
  return -1;
}

/**
 * The short head of a constraint written in tokens `first..last`, as token indexes: the name after
 * CONSTRAINT, otherwise the words up to its first parenthesised list (`FOREIGN KEY (a, b)`). Undefined
 * when that head is the whole constraint.
 */
export function constraintHead(tokens: Tokens, first: number, last: number): [number, number] | undefined {
  if (first < 0 || last <= first) return undefined;
  if (word(tokens, first) === 'constraint' && first + 1 <= last) return [first + 1, first + 1];
  const open = tokens.findIndex((t, j) => j > first && j <= last && t.text === '(');
  if (open < 0) return undefined;
  const close = elementEnd(tokens, open + 1) + 1;
  return close < last && tokens[close]?.text === ')' ? [first, close] : undefined;
}

/** Whether `a b` appear as consecutive words in [from, to] (`ON DELETE`). */
export function hasPhrase(tokens: Tokens, from: number, to: number, a: string, b: string): boolean {
  for (let j = Math.max(0, from); j < to && j + 1 < tokens.length; j++) {
    if (word(tokens, j) === a && word(tokens, j + 1) === b) return true;
  }
  return false;
}
