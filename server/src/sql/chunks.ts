/**
 * Chunks of a SQL text that can be read on their own, for readings remembered chunk by chunk (the statements of a
 * file, the patterns its code matches): at a keystroke in a 1 MB dump only the chunk typed in is read again.
 *
 * A chunk may end just past a line break that follows a `;` (and spaces). It does end there when the `;` ended a
 * statement (outside strings, comments, client commands and unclosed parentheses) and is not a `COPY ... FROM stdin`
 * (data follows it): nothing is open, so the next chunk read on its own reads as it does in the whole text. That is
 * read off the chunk's own split (`endsClosed`); when it does not hold (a function body, a comment), the chunk runs
 * on to a later such place.
 */
import { detached } from '../model/text';
import type { SplitResult } from './split';

/**
 * Where a chunk may end, about one such place in `mask + 1`, picked by the text before it (the 64 characters before
 * the line break), not by counting: an edit moves no chunk end but those beside it, so the other chunks are read
 * from the memo. Chunks of one statement each would cost a first reading of the file several times what a reading of
 * it whole costs. Never before a U+FEFF (read as a byte order mark at the start of a text).
 */
export function chunkEnds(text: string, mask: number): number[] {
  // The engine marks and the split read the same text one after the other.
  if (last && last.text === text && last.mask === mask) return last.ends;
  const ends: number[] = [];
  // `;`, spaces, a line break: read in place (a regular expression's match is an object per line of a dump).
  for (let at = text.indexOf(';'); at >= 0; at = text.indexOf(';', at + 1)) {
    let j = at + 1;
    for (let c = text.charCodeAt(j); c === 32 || c === 9 || c === 13; c = text.charCodeAt(j)) j++;
    if (text.charCodeAt(j) !== 10) continue;
    const end = j + 1;
    if (text.charCodeAt(end) === 0xfeff) continue;
    let h = 0x811c9dc5;
    for (let i = Math.max(0, end - 65); i < end - 1; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193);
    if (((h >>> 0) & mask) === 0) ends.push(end);
  }
  last = { text, mask, ends };
  return ends;
}

/** The last text's chunk ends (read only). */
let last: { text: string; mask: number; ends: number[] } | undefined;

/**
 * Whether `text`'s split leaves nothing open at its end: its last `;` ended a statement (not inside a string, a
 * comment, a client command or an unclosed `(` or `BEGIN`), and not a `COPY ... FROM stdin`.
 */
export function endsClosed(text: string, split: Pick<SplitResult, 'statements' | 'recovered'>): boolean {
  const last = split.statements[split.statements.length - 1];
  const ended = !!last && last.end === 'semicolon' && last.span.end === text.lastIndexOf(';') + 1;
  if (!ended || split.recovered) return false;
  // Any statement naming both, whatever comes first (the splitter reads `COPY` as its first word, not character).
  const words = text.slice(last.span.start, last.span.end);
  return !(/\bcopy\b/i.test(words) && /\bstdin\b/i.test(words));
}

/** Chunk texts a memo remembers, in characters, before it starts again. */
const MEMO_CHARS = 8_000_000;

/**
 * Readings of chunks remembered by the chunk's text (`closed`: whether the chunk ends with nothing open, see
 * `endsClosed`). Each chunk is read by `read` the first time it is seen.
 */
export class ChunkMemo<R extends { closed: boolean }> {
  private readonly byText = new Map<string, R>();
  private chars = 0;

  constructor(private readonly read: (chunk: string) => R) {}

  get(chunk: string): R {
    let hit = this.byText.get(chunk);
    if (hit) return hit;
    hit = this.read(chunk);
    if (this.chars + chunk.length > MEMO_CHARS) {
      this.byText.clear();
      this.chars = 0;
    }
    // A slice of the file as a key would keep that whole version of the file alive.
    this.byText.set(detached(chunk), hit);
    this.chars += chunk.length;
    return hit;
  }
}

/**
 * Reads `text` chunk by chunk from `memo`: a chunk that does not end closed runs on over 1, 2, 4, ... more chunk
 * ends, never line by line. Each reading is handed to `take` with the chunk's offset in `text`.
 */
export function eachChunk<R extends { closed: boolean }>(text: string, every: number, memo: ChunkMemo<R>, take: (reading: R, from: number) => void): void {
  const ends = chunkEnds(text, every - 1);
  let from = 0;
  let k = 0;
  while (from < text.length) {
    for (let span = 1; ; span *= 2) {
      const last = k + span - 1;
      const end = last < ends.length ? ends[last] : text.length;
      const r = memo.get(text.slice(from, end));
      if (r.closed || end === text.length) {
        take(r, from);
        from = end;
        k = last + 1;
        break;
      }
    }
  }
}
