/**
 * A keystroke that changes no statement: inside a plain `--` comment, or spaces and tabs typed or deleted
 * between two tokens (never inside one, a string, a quoted name or a client command), in a SQL file that is
 * not a migration (a pg_dump, a structure.sql, a scratch file). No finding changes: the analysis of the text
 * before the edit still holds, its places after the edit moved by the edit's length. On a large file that
 * answer costs a copy of the findings instead of a split, a parse of the moved statements and a replay.
 *
 * The analysis it started from (`base`) is kept: hovers read it at the place the offset had before the edit,
 * and fixes are its fixes, moved. A fix that would change text at or around the edit is left out: its text
 * was rendered from the text as it was, and an insertion there could belong before or after what was typed.
 * The editor analyses the file in full again when typing pauses.
 *
 * Refused whenever the edit could mean something: a comment that mentions db-design (suppressions) or is a
 * runner's marker, before or after the edit; a line break; the comment's `-- `; spaces that would join two
 * tokens or split one; a statement the parser rejected; a file in a migration set (runners read directives
 * from comments); a base analysis the budget cut short.
 */
import { changedRange, spacesOnly, type Changed } from '../model/changed';
import { withLazyFixes, type Finding, type Fix } from '../model/findings';
import type { Comment } from '../model/frontend';
import type { Span } from '../model/text';
import { splitStatements } from '../sql/split';
import { MARKER } from '../sql/split-chars';
import type { SqlUnit } from '../workspace/unit';
import type { FileAnalysis } from './analyze';

export interface Shifted {
  /** The analysis of the text before the edit: a full one, or itself moved from one (a chain of at most MAX_CHAIN). */
  base: FileAnalysis;
  /** Where the current text differs from the base's. */
  change: Changed;
}

/** Moves in a row, from place to place, before the file is analysed in full again. */
const MAX_CHAIN = 16;

/** The analysis of `text` from `previous` (an analysis of an earlier text of the same file), when the edit changes no statement. */
export function afterTriviaEdit(previous: FileAnalysis, text: string): FileAnalysis | undefined {
  const started = Date.now();
  const root = previous.shifted?.base;
  // Typed and taken back: the analysis before is the analysis of this text.
  if (root?.text === text) return root;
  // Typing on in the same place: one move from the analysis the keystrokes started from, not one per keystroke.
  const moved = (root && move(root, text)) ?? (chain(previous) < MAX_CHAIN ? move(previous, text) : undefined);
  return moved && { ...moved, millis: Date.now() - started };
}

function chain(a: FileAnalysis): number {
  return a.shifted ? 1 + chain(a.shifted.base) : 0;
}

function move(base: FileAnalysis, text: string): FileAnalysis | undefined {
  if (base.language !== 'sql' || base.partial || base.text === text) return undefined;
  const unit = base.unit as SqlUnit;
  if (unit.set || unit.sourceSpan || unit.file.uri !== base.uri) return undefined;
  const change = changedRange(base.text, text);
  if (/[\r\n]/.test(base.text.slice(change.from, change.oldEnd)) || /[\r\n]/.test(text.slice(change.from, change.newEnd))) return undefined;
  if (!commentEdit(base, text, change) && !spaceEdit(base, text, change)) return undefined;
  const shifted: Shifted = { base, change };
  return { ...base, text, findings: base.findings.map((f) => moveFinding(f, shifted)), shifted };
}

function commentEdit(base: FileAnalysis, text: string, change: Changed): boolean {
  const comment = commentsOf(base).find((c) => holds(c, change));
  if (!comment || !base.text.startsWith('--', comment.span.start) || !/[ \t]/.test(base.text[comment.span.start + 2])) return false;
  const body = text.slice(comment.span.start + 2, comment.span.end + change.newEnd - change.oldEnd).trim();
  return plain(comment.body) && plain(body);
}

function plain(body: string): boolean {
  return !/db-design/i.test(body) && !MARKER.test(body);
}

/** Is the edit inside the comment, after its `-- ` (which stays as it was: `--x` is no comment in MySQL)? */
function holds(c: Comment, change: Changed): boolean {
  return c.span.start + 3 <= change.from && change.oldEnd <= c.span.end;
}

/**
 * Spaces or tabs typed or deleted where whitespace stays beside them (so no two tokens join and none splits),
 * outside strings, quoted names, comments and client commands: the statement holding the edit, or the gap
 * between two, is split again alone to see.
 */
function spaceEdit(base: FileAnalysis, text: string, change: Changed): boolean {
  const { from, oldEnd } = change;
  if (!spacesOnly(base.text, text, change)) return false;
  const statements = statementsOf(base);
  let lo = 0;
  let hi = statements.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (statements[mid].span.end < from) lo = mid + 1;
    else hi = mid;
  }
  const st = statements[lo];
  const dialect = base.unit.schema.dialect;
  if (st && st.span.start <= from && oldEnd <= st.span.end) {
    if (st.error) return false;
    const split = splitStatements(base.text.slice(st.span.start, st.span.end), dialect, { literals: true, names: true });
    const at = { start: from - st.span.start, end: oldEnd - st.span.start };
    return ![...(split.literals ?? []), ...(split.names ?? []), ...split.comments.map((c) => c.span), ...split.skipped.map((k) => k.span)].some((s) => s.start < at.end && s.end > at.start);
  }
  // Between two statements: nothing there but spaces, semicolons and comments.
  const gap = { start: lo > 0 ? statements[lo - 1].span.end : 0, end: st ? st.span.start : base.text.length };
  if (from < gap.start || oldEnd > gap.end) return false;
  const split = splitStatements(base.text.slice(gap.start, gap.end), dialect);
  return split.statements.length === 0 && split.skipped.length === 0 && !split.comments.some((c) => c.span.start < oldEnd - gap.start && c.span.end > from - gap.start);
}

const statementCache = new WeakMap<FileAnalysis, { span: Span; error: boolean }[]>();

/** The file's statements in the analysis's text (for a moved one: its base's, moved). */
function statementsOf(a: FileAnalysis): { span: Span; error: boolean }[] {
  let list = statementCache.get(a);
  if (!list) {
    list = a.shifted
      ? statementsOf(a.shifted.base).map((st) => ({ ...st, span: forwardSpan(a.shifted!, st.span) }))
      : (a.unit as SqlUnit).replay.parse.statements.filter((st) => !st.container).map((st) => ({ span: st.span, error: !!st.error }));
    statementCache.set(a, list);
  }
  return list;
}

const commentCache = new WeakMap<FileAnalysis, Comment[]>();

/** The file's comments in the analysis's text (for a moved one: its base's, moved). */
function commentsOf(a: FileAnalysis): Comment[] {
  let list = commentCache.get(a);
  if (list) return list;
  if (!a.shifted) list = a.unit.comments.filter((c) => c.uri === a.uri);
  else {
    const s = a.shifted;
    list = commentsOf(s.base).map((c) => {
      if (!holds(c, s.change)) return c.span.start >= s.change.from ? { ...c, span: forwardSpan(s, c.span) } : c;
      // The edited comment: its end moves even when the edit was typed at it.
      const span = { start: c.span.start, end: c.span.end + s.change.newEnd - s.change.oldEnd };
      return { ...c, span, body: a.text.slice(span.start + 2, span.end).trim() };
    });
  }
  commentCache.set(a, list);
  return list;
}

/**
 * Where a place of the base text is in the current one. A start at the edit moves with what follows it, an
 * end there stays with what precedes it; one inside the edited part goes to its edge.
 */
function forwardSpan(s: Shifted, span: Span): Span {
  const { from, oldEnd, newEnd } = s.change;
  const delta = newEnd - oldEnd;
  const start = span.start < from ? span.start : span.start >= oldEnd ? span.start + delta : newEnd;
  const end = span.end <= from ? span.end : span.end >= oldEnd ? span.end + delta : from;
  return { start, end: Math.max(start, end) };
}

/** An offset of the current text in the base text; undefined inside what the edit typed. */
export function toBase(s: Shifted, offset: number): number | undefined {
  const { from, oldEnd, newEnd } = s.change;
  if (offset <= from) return offset;
  return offset >= newEnd ? offset - newEnd + oldEnd : undefined;
}

/** A span of the base text in the current one. */
export function fromBase(s: Shifted, span: Span): Span {
  return forwardSpan(s, span);
}

/** Does an edit of a fix change text at or around the edit (an insertion exactly there included)? */
function touchesEdit(s: Shifted, span: Span): boolean {
  return span.start <= s.change.oldEnd && span.end >= s.change.from;
}

function moveFinding(f: Finding, s: Shifted): Finding {
  const uri = s.base.uri;
  // Not a spread: that would read `fixes`, rendering every fix of the file.
  const rest: Record<string, unknown> = {};
  for (const key of Object.keys(f)) if (key !== 'fixes') rest[key] = f[key as keyof Finding];
  const moved = {
    ...(rest as Omit<Finding, 'fixes'>),
    span: forwardSpan(s, f.span),
    ...(f.related ? { related: f.related.map((r) => (r.at.uri === uri ? { ...r, at: { uri, span: forwardSpan(s, r.at.span) } } : r)) } : {}),
  };
  return withLazyFixes(moved, () => f.fixes.filter((fix) => !fix.edits.some((e) => e.uri === uri && touchesEdit(s, e.span))).map((fix) => moveFix(fix, s)));
}

function moveFix(fix: Fix, s: Shifted): Fix {
  const uri = s.base.uri;
  return { ...fix, edits: fix.edits.map((e) => (e.uri === uri ? { ...e, span: forwardSpan(s, e.span) } : e)) };
}
