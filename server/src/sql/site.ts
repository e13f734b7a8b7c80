/**
 * One parsed statement seen from the model builder: its scanner tokens and the conversion from AST
 * byte locations and token indexes to `SourceRef`s in the file.
 */
import type { SourceRef } from '../model/text';
import type { ParsedStatement } from './parse';
import { tokenAt, type Tokens } from './tokens';

export class Site {
  private toks: Tokens | undefined;

  constructor(
    readonly st: ParsedStatement,
    readonly uri: string,
  ) {}

  get tokens(): Tokens {
    return (this.toks ??= this.st.tokens());
  }

  /** Token index at an AST location, or -1 (no location, or a location past the last token). */
  at(location: number | undefined): number {
    return location === undefined || location < 0 ? -1 : tokenAt(this.tokens, location);
  }

  ref(startByte: number, endByte: number): SourceRef {
    return { uri: this.uri, span: { start: this.st.toFileOffset(startByte), end: this.st.toFileOffset(endByte) } };
  }

  /** From the start of token `i` to the end of token `j`. */
  tokenRef(i: number, j: number): SourceRef {
    return this.ref(this.tokens[i].start, this.tokens[Math.max(i, j)].end);
  }

  /** The source text of tokens `i..j`, comments and spacing included, as written. */
  tokenText(i: number, j: number): string {
    if (i < 0 || j < i || j >= this.tokens.length) return '';
    const { span } = this.tokenRef(i, j);
    return this.st.text.slice(span.start - this.st.span.start, span.end - this.st.span.start);
  }

  /** The whole statement (for one inside a `DO` block, that block: what a fix inserts after). */
  statementRef(): SourceRef {
    return { uri: this.uri, span: { ...(this.st.container ?? this.st.span) } };
  }
}
