/**
 * Text positions. Everything inside the analysis speaks in UTF-16 code-unit offsets into the file's
 * JavaScript string (what LSP positions count, and what `String.prototype.slice` takes). Parsers that
 * count UTF-8 bytes or code points are converted here and nowhere else.
 */
import { changedRange } from './changed';

/** A half-open range [start, end) of UTF-16 code-unit offsets into one file's text. */
export interface Span {
  start: number;
  end: number;
}

/** A span in a named file (a URI string, as the editor and the CLI both know it). */
export interface SourceRef {
  uri: string;
  span: Span;
}

export interface LineCharacter {
  /** 0-based line. */
  line: number;
  /** 0-based UTF-16 code-unit column, as in LSP. */
  character: number;
}

export function span(start: number, end: number): Span {
  return { start, end };
}

/**
 * Maps offsets to LSP-style line/character positions and back. Line breaks are `\n`, `\r\n` and lone
 * `\r`, as LSP defines them.
 */
export class LineIndex {
  private readonly lineStarts: number[];
  private static recent: LineIndex[] = [];

  /**
   * The index of `text`, shared with the last few texts asked for: in one run on a document the engine and
   * the server each need it, and hovers and code actions ask again for the same text.
   */
  static of(text: string): LineIndex {
    const hit = LineIndex.recent.find((x) => x.text === text);
    if (hit) return hit;
    // A large text is most often the last one with one edit (a keystroke): its lines are the last one's, moved.
    const last = LineIndex.recent[0];
    const index = last && text.length >= DERIVE_FROM && last.text.length >= DERIVE_FROM ? LineIndex.edited(last, text) : new LineIndex(text);
    LineIndex.recent.unshift(index);
    if (LineIndex.recent.length > 4) LineIndex.recent.pop();
    return index;
  }

  /**
   * The index of `text` from the index of an earlier version of it: the line starts before the edit as they were,
   * those after it moved by its length, and only the edited part (with a character either side, for `\r\n` pairs)
   * read again.
   */
  static edited(base: LineIndex, text: string): LineIndex {
    const c = changedRange(base.text, text);
    const delta = c.newEnd - c.oldEnd;
    const old = base.lineStarts;
    const starts: number[] = [];
    let k = 0;
    // A start before the edit depends on characters before it only.
    for (; k < old.length && old[k] < c.from; k++) starts.push(old[k]);
    if (starts.length === 0) starts.push(0);
    const to = Math.min(text.length, c.newEnd + 1);
    readStarts(text, Math.max(0, c.from - 1), to, starts);
    // A start after the edit comes from a character after it: the same, moved (once: the part read may have it).
    for (; k < old.length; k++) {
      if (old[k] - 1 <= c.oldEnd) continue;
      const moved = old[k] + delta;
      if (moved > starts[starts.length - 1]) starts.push(moved);
    }
    return new LineIndex(text, starts);
  }

  constructor(
    private readonly text: string,
    starts?: number[],
  ) {
    this.lineStarts = starts ?? readStarts(text, 0, text.length, [0]);
  }

  get lineCount(): number {
    return this.lineStarts.length;
  }

  positionAt(offset: number): LineCharacter {
    const clamped = Math.max(0, Math.min(offset, this.text.length));
    let lo = 0;
    let hi = this.lineStarts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (this.lineStarts[mid] <= clamped) lo = mid;
      else hi = mid - 1;
    }
    return { line: lo, character: clamped - this.lineStarts[lo] };
  }

  offsetAt(pos: LineCharacter): number {
    if (pos.line < 0) return 0;
    if (pos.line >= this.lineStarts.length) return this.text.length;
    const start = this.lineStarts[pos.line];
    const next = pos.line + 1 < this.lineStarts.length ? this.lineStarts[pos.line + 1] : this.text.length;
    return Math.max(start, Math.min(start + pos.character, next));
  }

  lineStart(line: number): number {
    return this.lineStarts[Math.max(0, Math.min(line, this.lineStarts.length - 1))];
  }

  /** Offset of the end of the line's content (before its line break). */
  lineEnd(line: number): number {
    const next = line + 1 < this.lineStarts.length ? this.lineStarts[line + 1] : this.text.length;
    let end = next;
    if (end > this.lineStarts[line] && this.text.charCodeAt(end - 1) === 10) end--;
    if (end > this.lineStarts[line] && this.text.charCodeAt(end - 1) === 13) end--;
    return end;
  }
}

/** Texts smaller than this are read whole: reading them costs less than comparing them with the last one. */
const DERIVE_FROM = 64 * 1024;

/** Adds to `starts` the line starts after the line breaks in `text` from `from` to `to` (a `\r\n` pair is one). */
function readStarts(text: string, from: number, to: number, starts: number[]): number[] {
  for (let i = from; i < to; i++) {
    const c = text.charCodeAt(i);
    if (c === 13 /* \r */) {
      if (text.charCodeAt(i + 1) === 10) i++;
      if (i + 1 > starts[starts.length - 1]) starts.push(i + 1);
    } else if (c === 10 /* \n */) {
      if (i + 1 > starts[starts.length - 1]) starts.push(i + 1);
    }
  }
  return starts;
}

/**
 * Converts UTF-8 byte offsets and code-point indices (what libpg-query reports) into UTF-16 offsets
 * of the same string. Pure-ASCII text, the common case, maps one to one without a table.
 */
export class EncodedOffsets {
  private readonly byteToUtf16: Uint32Array | undefined;
  private readonly cpToUtf16: Uint32Array | undefined;

  constructor(private readonly text: string) {
    // eslint-disable-next-line no-control-regex
    if (!/[^\x00-\x7f]/.test(text)) return;
    const bytes: number[] = [];
    const cps: number[] = [];
    for (let i = 0; i < text.length; ) {
      const cp = text.codePointAt(i)!;
      const units = cp > 0xffff ? 2 : 1;
      const width = cp < 0x80 ? 1 : cp < 0x800 ? 2 : cp < 0x10000 ? 3 : 4;
      cps.push(i);
      for (let b = 0; b < width; b++) bytes.push(i);
      i += units;
    }
    bytes.push(text.length);
    cps.push(text.length);
    this.byteToUtf16 = Uint32Array.from(bytes);
    this.cpToUtf16 = Uint32Array.from(cps);
  }

  fromUtf8(byteOffset: number): number {
    if (!this.byteToUtf16) return Math.max(0, Math.min(byteOffset, this.text.length));
    return this.byteToUtf16[Math.max(0, Math.min(byteOffset, this.byteToUtf16.length - 1))];
  }

  fromCodePoint(index: number): number {
    if (!this.cpToUtf16) return Math.max(0, Math.min(index, this.text.length));
    return this.cpToUtf16[Math.max(0, Math.min(index, this.cpToUtf16.length - 1))];
  }

  /** UTF-8 length of the text, for callers that need a byte count (identifier limits). */
  static utf8Length(s: string): number {
    return Buffer.byteLength(s, 'utf8');
  }
}

/**
 * A copy of `s` that does not keep the string it was cut from alive. V8 represents a slice of 13 or more
 * characters as a view into the whole string: a statement's text kept as a cache key would keep every
 * version of a 1 MB file the user typed in (one per keystroke). Long-lived caches keyed by slices store this.
 */
export function detached(s: string): string {
  return (' ' + s).slice(1);
}

/**
 * Defines `obj[key]` as worked out by `compute` when first read (and settable): for places that need a
 * statement's tokens, which most readings never ask for.
 */
export function lazyProperty<O extends object, K extends keyof O & string>(obj: O, key: K, compute: () => O[K]): void {
  let value: O[K];
  // Let go of what `compute` holds once it has run.
  let work: (() => O[K]) | undefined = compute;
  Object.defineProperty(obj, key, {
    enumerable: true,
    configurable: true,
    get(): O[K] {
      if (work) {
        value = work();
        work = undefined;
      }
      return value;
    },
    set(v: O[K]) {
      value = v;
      work = undefined;
    },
  });
}

/** The identifier (letters, digits, `_`, `$`) around an offset, if the offset touches one. */
export function wordAt(text: string, offset: number): { text: string; span: Span } | undefined {
  const isWord = (c: string | undefined) => c !== undefined && /[\p{L}\p{N}_$]/u.test(c);
  let start = offset;
  let end = offset;
  while (start > 0 && isWord(text[start - 1])) start--;
  while (end < text.length && isWord(text[end])) end++;
  if (start === end) return undefined;
  return { text: text.slice(start, end), span: { start, end } };
}

/** Start of the line that holds `offset` (after a `\n`, `\r\n` or lone `\r`, or 0). */
export function lineStartAt(text: string, offset: number): number {
  let i = offset;
  while (i > 0 && text[i - 1] !== '\n' && text[i - 1] !== '\r') i--;
  return i;
}

/** End of the line that holds `offset`, before its line break (or the end of the text). */
export function lineEndAt(text: string, offset: number): number {
  let i = offset;
  while (i < text.length && text[i] !== '\n' && text[i] !== '\r') i++;
  return i;
}

/** The offset past the line break that starts at `offset` (`\r\n` counts as one); `offset` when none does. */
export function pastLineBreak(text: string, offset: number): number {
  if (text.startsWith('\r\n', offset)) return offset + 2;
  return text[offset] === '\n' || text[offset] === '\r' ? offset + 1 : offset;
}

/** The text's lines without their line breaks (`\n`, `\r\n` or lone `\r`, as LineIndex counts them). */
export function splitLines(text: string): string[] {
  return text.split(/\r\n|\r|\n/);
}

/** The line break a file uses, read off its first one: what every edit that adds lines writes. */
export function lineBreak(text: string): '\n' | '\r\n' {
  const nl = text.indexOf('\n');
  return nl > 0 && text.charCodeAt(nl - 1) === 13 ? '\r\n' : '\n';
}

/** "a" or "an" before a word as it is read aloud ("an Author", "a user", "an ACCESS EXCLUSIVE", "a unique"). */
export function article(word: string): 'a' | 'an' {
  const w = word.replace(/^[^A-Za-z]+/, '');
  if (/^(u[bcdfgklmnprstvz][aeiouy]|uu|uni|eu|one\b|once\b)/i.test(w)) return 'a';
  if (/^(hour|honest|honou?r)/i.test(w)) return 'an';
  return /^[aeiou]/i.test(w) ? 'an' : 'a';
}
