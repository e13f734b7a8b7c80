/**
 * A token reader for SQLite and MySQL DDL over `lexLite` tokens: words, quoted names, qualified names,
 * balanced parentheses, column lists. Anything it does not recognise is skipped by its callers.
 */
import type { ReferentialAction } from '../../model/schema';
import type { SourceRef } from '../../model/text';
import type { LiteToken } from './lexer';

const ACTIONS: Record<string, ReferentialAction> = {
  cascade: 'cascade', restrict: 'restrict', 'no action': 'no action', 'set null': 'set null', 'set default': 'set default',
};


export class Reader {
  i = 0;
  constructor(
    readonly t: LiteToken[],
    readonly uri: string,
    /** The statement's text and its offset in the file, for `spanText`. */
    readonly statementText = '',
    readonly statementOffset = 0,
  ) {}
  /** The text of tokens `a..b` as written (spacing kept). */
  spanText(a: number, b: number): string {
    const s = this.t[a];
    const e = this.t[b];
    if (!s || !e) return '';
    return this.statementText.slice(s.start - this.statementOffset, e.end - this.statementOffset);
  }
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

export function referentialAction(r: Reader): ReferentialAction | undefined {
  for (const [words, action] of Object.entries(ACTIONS)) {
    const parts = words.split(' ');
    if (r.eatAll(...parts)) return action;
  }
  return undefined;
}
