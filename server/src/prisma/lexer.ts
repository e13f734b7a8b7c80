/**
 * The token level of the Prisma scanner: identifiers, strings, numbers, arrays, calls, attributes and
 * argument lists, read from one line. Prisma's grammar never lets these cross a line break, so every
 * reader stops at the end of the line: a half-typed `@default(` costs the rest of its line, never the
 * rest of the file. Offsets are JS string indices (UTF-16), the unit the whole analysis uses.
 */
import type { Span } from '../model/text';
import type { Argument, Attribute, Expr } from './syntax';

// Prisma identifiers are ASCII in the docs, but the engine accepts any letter (`model Ä`, `名前 Int`).
const IDENT = /[\p{L}\p{N}_][\p{L}\p{N}\p{M}_-]*/uy;
const NUMBER = /-?\d+(?:\.\d+)?(?:[eE][+-]?\d+)?/y;

/** A reader over one line of the text: `end` is where the line's content stops. */
export class LineCursor {
  constructor(
    readonly text: string,
    public pos: number,
    readonly end: number,
  ) {}

  get atEnd(): boolean {
    return this.pos >= this.end;
  }

  peek(offset = 0): string {
    const i = this.pos + offset;
    return i < this.end ? this.text[i] : '';
  }

  atComment(): boolean {
    return this.peek() === '/' && this.peek(1) === '/';
  }

  skipSpaces(): void {
    while (this.pos < this.end) {
      const c = this.text.charCodeAt(this.pos);
      // Space, tab, and the BOM or other odd blanks a pasted schema may carry.
      if (c === 32 || c === 9 || c === 0xfeff || c === 0xa0 || c === 12 || c === 11) this.pos++;
      else break;
    }
  }

  ident(): { value: string; span: Span } | undefined {
    // ASCII fast path: the regex (and its match array) only for identifiers with other letters.
    const start = this.pos;
    let i = start;
    while (i < this.end) {
      const c = this.text.charCodeAt(i);
      const word = (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || (c >= 48 && c <= 57) || c === 95;
      if (word || (c === 45 && i > start)) i++;
      else break;
    }
    if (i > start && (i === this.end || this.text.charCodeAt(i) < 128)) {
      this.pos = i;
      return { value: this.text.slice(start, i), span: { start, end: i } };
    }
    IDENT.lastIndex = this.pos;
    const m = IDENT.exec(this.text);
    if (!m || m.index + m[0].length > this.end) return undefined;
    this.pos += m[0].length;
    return { value: m[0], span: { start, end: this.pos } };
  }

  /** `db.Timestamptz`, `raw`: identifiers joined by dots. */
  dottedIdent(): { value: string; span: Span } | undefined {
    const first = this.ident();
    if (!first) return undefined;
    let value = first.value;
    while (this.peek() === '.') {
      const save = this.pos;
      this.pos++;
      const next = this.ident();
      if (!next) {
        this.pos = save;
        break;
      }
      value += '.' + next.value;
    }
    return { value, span: { start: first.span.start, end: this.pos } };
  }

  /** A string literal; an unterminated one runs to the end of the line. */
  string(): Expr {
    const start = this.pos;
    this.pos++;
    let value = '';
    while (this.pos < this.end) {
      const c = this.text[this.pos];
      if (c === '\\' && this.pos + 1 < this.end) {
        const n = this.text[this.pos + 1];
        value += n === 'n' ? '\n' : n === 't' ? '\t' : n === 'r' ? '\r' : n;
        this.pos += 2;
        continue;
      }
      this.pos++;
      if (c === '"') break;
      value += c;
    }
    return { kind: 'string', text: this.text.slice(start, this.pos), span: { start, end: this.pos }, value };
  }

  /** One expression; never returns without consuming at least one character unless at the end. */
  expr(): Expr | undefined {
    this.skipSpaces();
    if (this.atEnd || this.atComment()) return undefined;
    const start = this.pos;
    const c = this.peek();
    if (c === '"') return this.string();
    if (c === '[') return this.array();
    if (c === '{') return this.object();
    NUMBER.lastIndex = this.pos;
    const num = NUMBER.exec(this.text);
    if (num && this.pos + num[0].length <= this.end) {
      this.pos += num[0].length;
      return { kind: 'number', text: num[0], span: { start, end: this.pos }, value: num[0] };
    }
    const id = this.dottedIdent();
    if (id) {
      if (this.peek() === '(') {
        const list = this.argList();
        return { kind: 'call', text: this.text.slice(start, this.pos), span: { start, end: this.pos }, value: id.value, args: list.args };
      }
      return { kind: 'ident', text: id.value, span: id.span, value: id.value };
    }
    // Anything else (a stray `}` or `=`): swallow it up to the next delimiter so callers make progress.
    while (this.pos < this.end && !/[\s,)\]]/.test(this.text[this.pos])) this.pos++;
    if (this.pos === start) this.pos++;
    return { kind: 'other', text: this.text.slice(start, this.pos), span: { start, end: this.pos } };
  }

  /** `{ deletedAt: null }` (a partial index's `where:`): kept whole, as written, up to its closing brace. */
  private object(): Expr {
    const start = this.pos;
    let depth = 0;
    while (this.pos < this.end) {
      const ch = this.text[this.pos];
      if (ch === '"') {
        this.string();
        continue;
      }
      this.pos++;
      if (ch === '{') depth++;
      else if (ch === '}' && --depth === 0) break;
    }
    return { kind: 'other', text: this.text.slice(start, this.pos), span: { start, end: this.pos } };
  }

  private array(): Expr {
    const start = this.pos;
    this.pos++;
    const items: Expr[] = [];
    for (;;) {
      this.skipSpaces();
      if (this.atEnd || this.atComment()) break;
      if (this.peek() === ']') {
        this.pos++;
        break;
      }
      if (this.peek() === ',') {
        this.pos++;
        continue;
      }
      if (this.peek() === ')') break; // `@@index([a, b)`: the array was never closed
      const e = this.expr();
      if (!e) break;
      items.push(e);
    }
    return { kind: 'array', text: this.text.slice(start, this.pos), span: { start, end: this.pos }, items };
  }

  /** A parenthesised argument list at `(`, named and positional arguments alike. */
  argList(): { args: Argument[]; span: Span; closed: boolean } {
    const start = this.pos;
    this.pos++;
    const args: Argument[] = [];
    let closed = false;
    for (;;) {
      this.skipSpaces();
      if (this.atEnd || this.atComment()) break;
      const c = this.peek();
      if (c === ')') {
        this.pos++;
        closed = true;
        break;
      }
      if (c === ',') {
        this.pos++;
        continue;
      }
      const argStart = this.pos;
      let name: { value: string; span: Span } | undefined;
      const save = this.pos;
      const id = this.ident();
      if (id) {
        this.skipSpaces();
        if (this.peek() === ':') {
          this.pos++;
          name = id;
        } else {
          this.pos = save;
        }
      }
      const value = this.expr() ?? { kind: 'other', text: '', span: { start: this.pos, end: this.pos } };
      args.push({ name: name?.value, nameSpan: name?.span, value, span: { start: argStart, end: value.span.end } });
    }
    return { args, span: { start, end: this.pos }, closed };
  }

  /** An attribute at `@` or `@@`. */
  attribute(): Attribute {
    const start = this.pos;
    let block = false;
    this.pos++;
    if (this.peek() === '@') {
      block = true;
      this.pos++;
    }
    const id = this.dottedIdent();
    const nameSpan = id?.span ?? { start: this.pos, end: this.pos };
    const attr: Attribute = { name: id?.value ?? '', block, span: { start, end: this.pos }, nameSpan, closed: true };
    if (id && this.peek() === '(') {
      const list = this.argList();
      attr.args = list.args;
      attr.argsSpan = list.span;
      attr.closed = list.closed;
      attr.span = { start, end: this.pos };
    }
    return attr;
  }
}
