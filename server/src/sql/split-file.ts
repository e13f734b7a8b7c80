/**
 * A large file's split, read chunk by chunk (sql/chunks.ts) with each chunk's split remembered by its text: at a
 * keystroke in a 1 MB dump only the chunk typed in is split again, the others are read back and moved to their
 * places. The same statements, comments and skipped regions as `splitStatements` on the whole text: a chunk is read
 * on its own only where nothing is open at its start (the chunk before it ended closed), and a text whose client
 * commands change how later text splits (`\set` variables, a MySQL `DELIMITER`) is split whole. A construct left
 * open (a comment never closed, a parenthesis the splitter recovers from) makes its chunk run on to the end of the
 * file over ever longer tries: up to twice the work of splitting the rest whole, until it is closed.
 */
import type { Dialect } from '../model/schema';
import { ChunkMemo, chunkEnds, eachChunk, endsClosed } from './chunks';
import { splitStatements, type SplitResult, type SplitStatement } from './split';

/** Smaller texts are split whole: reading them again costs less than remembering their chunks. */
const MIN_CHARS = 64 * 1024;
/** About one place in this many where a chunk may end is a chunk end. */
const EVERY = 8;

interface ChunkSplit {
  split: SplitResult;
  closed: boolean;
}

/** Chunk splits per dialect. */
const memos = new Map<Dialect, ChunkMemo<ChunkSplit>>();

/** Client commands after which the rest of a text splits differently: psql's `\set`, MySQL's `DELIMITER`. */
function carries(text: string, dialect: Dialect): boolean {
  return text.includes('\\set') || (dialect === 'mysql' && /^[ \t]*delimiter[ \t]/im.test(text));
}

/** `minChars`: texts shorter than this are split whole (tests read small texts chunk by chunk too). */
export function splitFile(text: string, dialect: Dialect, minChars = MIN_CHARS): SplitResult {
  // One chunk (a dump on one line): nothing to remember it by that the next keystroke would find.
  if (text.length < minChars || carries(text, dialect) || chunkEnds(text, EVERY - 1).length === 0) return splitStatements(text, dialect);
  let memo = memos.get(dialect);
  if (!memo) {
    memo = new ChunkMemo((chunk) => {
      const split = splitStatements(chunk, dialect);
      return { split, closed: endsClosed(chunk, split) };
    });
    memos.set(dialect, memo);
  }
  const parts: { split: SplitResult; from: number }[] = [];
  eachChunk(text, EVERY, memo, (c, from) => parts.push({ split: c.split, from }));
  return joined(parts);
}

/** The chunks' splits as one, each moved to its chunk's place in the text. */
function joined(parts: { split: SplitResult; from: number }[]): SplitResult {
  const out: SplitResult = { statements: [], comments: [], skipped: [], templated: false };
  for (const { split, from } of parts) {
    for (const s of split.statements) {
      const moved: SplitStatement = { span: { start: s.span.start + from, end: s.span.end + from }, end: s.end, psqlVariables: s.psqlVariables };
      if (s.backticks) moved.backticks = s.backticks.map((b) => b + from);
      out.statements.push(moved);
    }
    for (const c of split.comments) out.comments.push({ span: { start: c.span.start + from, end: c.span.end + from }, body: c.body });
    for (const r of split.skipped) out.skipped.push({ span: { start: r.span.start + from, end: r.span.end + from }, kind: r.kind });
    if (split.templated) out.templated = true;
    if (split.recovered) out.recovered = true;
  }
  return out;
}
