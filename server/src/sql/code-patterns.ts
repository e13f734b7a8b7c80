/**
 * Which of a fixed list of patterns a SQL text's code matches, with comments and string literals left out (a
 * comment that mentions `AUTO_INCREMENT` proves nothing). Read chunk by chunk (sql/chunks.ts), each chunk
 * remembered by its text: at a keystroke in a 1 MB dump only the chunk typed in is read again, not the whole file.
 * Patterns must not match across a chunk end (none of the engine marks can: they hold no `;` and no line break
 * after one), so a text matches a pattern exactly when one of its chunks does.
 */
import { ChunkMemo, eachChunk, endsClosed } from './chunks';
import { splitStatements } from './split';

interface Chunk {
  /** Bit i: pattern i matches the chunk's code. */
  mask: number;
  /** Ends where nothing is open (see above): the next chunk can be read on its own. */
  closed: boolean;
}

export class CodePatterns {
  /** Chunk readings per list of patterns. */
  private readonly memo = new ChunkMemo<Chunk>((text) => this.chunk(text));

  /** `every`: about one place in this many (a power of two) where a chunk may end is a chunk end (1: each). */
  constructor(
    private readonly patterns: readonly RegExp[],
    private readonly every = 8,
  ) {
    if (patterns.length > 31) throw new Error('CodePatterns: at most 31 patterns');
  }

  /** Bit i set: `patterns[i]` matches somewhere in the text's code. */
  mask(text: string): number {
    let mask = 0;
    eachChunk(text, this.every, this.memo, (c) => (mask |= c.mask));
    return mask;
  }

  private chunk(text: string): Chunk {
    const code = codeOnly(text);
    let mask = 0;
    this.patterns.forEach((re, i) => {
      if (re.test(code.text)) mask |= 1 << i;
    });
    return { mask, closed: code.closed };
  }
}

/**
 * The text with comments and string literals read as one space each; `closed`: its last `;` ended a statement
 * (not inside a string, a comment, a client command or an unclosed `(` or `BEGIN`), and not a `COPY ... FROM stdin`.
 */
export function codeOnly(text: string): { text: string; closed: boolean } {
  const split = splitStatements(text, 'postgresql', { literals: true });
  const { comments, literals = [] } = split;
  const cuts = [...comments.map((c) => c.span), ...literals].sort((a, b) => a.start - b.start);
  let out = '';
  let at = 0;
  for (const c of cuts) {
    if (c.start < at) continue;
    out += text.slice(at, c.start) + ' ';
    at = c.end;
  }
  out += text.slice(at);
  return { text: out, closed: endsClosed(text, split) };
}
