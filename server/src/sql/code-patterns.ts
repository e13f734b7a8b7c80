/**
 * Which of a fixed list of patterns a SQL text's code matches, with comments and string literals left out (a
 * comment that mentions `AUTO_INCREMENT` proves nothing). Read chunk by chunk, each chunk remembered by its
 * text: at a keystroke in a 1 MB dump only the chunk typed in is read again, not the whole file.
 *
 * A chunk ends after a line whose last character (before spaces) is a `;` that ended a statement (outside
 * strings, comments, client commands and unclosed parentheses) and not a `COPY ... FROM stdin` (data follows it):
 * there nothing is open, so reading the next chunk on its own gives the same comments and literals as reading the
 * whole text. That is read off the chunk's own split; when it does not hold (a function body, a comment), the
 * chunk runs on to a later such line.
 * Patterns must not match across such a line end (none of the engine marks can: they hold no `;` and no line
 * break after one), so a text matches a pattern exactly when one of its chunks does.
 */
import { detached } from '../model/text';
import { splitStatements } from './split';

interface Chunk {
  /** Bit i: pattern i matches the chunk's code. */
  mask: number;
  /** Ends where nothing is open (see above): the next chunk can be read on its own. */
  closed: boolean;
}

/** Chunk texts remembered per list of patterns, in characters, before the memo starts again. */
const MEMO_CHARS = 8_000_000;

export class CodePatterns {
  private memo = new Map<string, Chunk>();
  private memoChars = 0;

  /** `every`: about one place in this many (a power of two) where a chunk may end is a chunk end (1: each). */
  constructor(
    private readonly patterns: readonly RegExp[],
    private readonly every = 8,
  ) {
    if (patterns.length > 31) throw new Error('CodePatterns: at most 31 patterns');
  }

  /** Bit i set: `patterns[i]` matches somewhere in the text's code. */
  mask(text: string): number {
    const ends = chunkEnds(text, this.every - 1);
    let mask = 0;
    let from = 0;
    let k = 0;
    while (from < text.length) {
      // A chunk that ends inside something open runs on: over 1, 2, 4, ... more line ends, never line by line.
      for (let span = 1; ; span *= 2) {
        const last = k + span - 1;
        const end = last < ends.length ? ends[last] : text.length;
        const chunk = this.chunk(text.slice(from, end));
        if (chunk.closed || end === text.length) {
          mask |= chunk.mask;
          from = end;
          k = last + 1;
          break;
        }
      }
    }
    return mask;
  }

  private chunk(text: string): Chunk {
    const hit = this.memo.get(text);
    if (hit) return hit;
    const code = codeOnly(text);
    let mask = 0;
    this.patterns.forEach((re, i) => {
      if (re.test(code.text)) mask |= 1 << i;
    });
    const chunk = { mask, closed: code.closed };
    if (this.memoChars + text.length > MEMO_CHARS) {
      this.memo.clear();
      this.memoChars = 0;
    }
    // A slice of the file as a key would keep that whole version of the file alive.
    this.memo.set(detached(text), chunk);
    this.memoChars += text.length;
    return chunk;
  }
}

/**
 * Where a chunk may end: just past a line break that follows a `;` (and spaces), about one such place in `mask + 1`,
 * picked by the text before it (the 64 characters before the line break), not by counting: an edit moves no
 * chunk end but those beside it, so the other chunks are read from the memo. Chunks of one statement each would
 * cost a first reading of the file several times what a reading of it whole costs.
 */
function chunkEnds(text: string, mask: number): number[] {
  const ends: number[] = [];
  // `;`, spaces, a line break: read in place (a regular expression's match is an object per line of a dump).
  for (let at = text.indexOf(';'); at >= 0; at = text.indexOf(';', at + 1)) {
    let j = at + 1;
    for (let c = text.charCodeAt(j); c === 32 || c === 9 || c === 13; c = text.charCodeAt(j)) j++;
    if (text.charCodeAt(j) !== 10) continue;
    const end = j + 1;
    let h = 0x811c9dc5;
    for (let i = Math.max(0, end - 65); i < end - 1; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193);
    if (((h >>> 0) & mask) === 0) ends.push(end);
  }
  return ends;
}

/**
 * The text with comments and string literals read as one space each; `closed`: its last `;` ended a statement
 * (not inside a string, a comment, a client command or an unclosed `(` or `BEGIN`), and not a `COPY ... FROM stdin`.
 */
export function codeOnly(text: string): { text: string; closed: boolean } {
  const { comments, literals = [], statements, recovered } = splitStatements(text, 'postgresql', { literals: true });
  const cuts = [...comments.map((c) => c.span), ...literals].sort((a, b) => a.start - b.start);
  let out = '';
  let at = 0;
  for (const c of cuts) {
    if (c.start < at) continue;
    out += text.slice(at, c.start) + ' ';
    at = c.end;
  }
  out += text.slice(at);
  const last = statements[statements.length - 1];
  const ended = !!last && last.end === 'semicolon' && last.span.end === text.lastIndexOf(';') + 1;
  // Any statement naming both, whatever comes first (the splitter reads `COPY` as its first word, not character).
  const words = ended ? text.slice(last.span.start, last.span.end) : '';
  const copy = /\bcopy\b/i.test(words) && /\bstdin\b/i.test(words);
  return { text: out, closed: ended && !recovered && !copy };
}
