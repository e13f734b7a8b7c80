/**
 * A keystroke inside a plain `--` comment of a SQL file that is not a migration (a pg_dump, a
 * structure.sql, a scratch file) changes no statement, so no finding: the analysis of the text before the
 * edit still holds, its places after the edit moved by the edit's length. On a large file that answer costs
 * a copy of the findings instead of a split, a parse of the moved statements and a replay.
 *
 * The analysis it started from (`base`) is kept: hovers read it at the place the offset had before the edit,
 * and fixes are its fixes, moved. A fix that would rewrite text around the edited comment is left out: its
 * text was rendered from the comment as it was. The editor analyses the file in full again when typing
 * pauses.
 *
 * Refused whenever a comment could mean something: one that mentions db-design (suppressions) or is a
 * runner's marker, before or after the edit; an edit that adds or removes a line break or touches the
 * comment's `-- `; a file in a migration set (runners read directives from comments); a base analysis the
 * budget cut short.
 */
import { changedRange, type Changed } from '../model/changed';
import { withLazyFixes, type Finding, type Fix } from '../model/findings';
import type { Comment } from '../model/frontend';
import type { Span } from '../model/text';
import { MARKER } from '../sql/split-chars';
import type { SqlUnit } from '../workspace/unit';
import type { FileAnalysis } from './analyze';

export interface Shifted {
  /** The analysis of the text before the edit: a full one, or itself moved from one (a chain of at most MAX_CHAIN). */
  base: FileAnalysis;
  /** Where the current text differs from the base's. */
  change: Changed;
}

/** Moves in a row, from comment to comment, before the file is analysed in full again. */
const MAX_CHAIN = 16;

/** The analysis of `text` from `previous` (an analysis of an earlier text of the same file), when the edit is inside a plain comment. */
export function afterCommentEdit(previous: FileAnalysis, text: string): FileAnalysis | undefined {
  const started = Date.now();
  // Typing on in the same comment: one move from the analysis the keystrokes started from, not one per keystroke.
  const moved = (previous.shifted && move(previous.shifted.base, text)) ?? (chain(previous) < MAX_CHAIN ? move(previous, text) : undefined);
  return moved && { ...moved, millis: Date.now() - started };
}

function chain(a: FileAnalysis): number {
  return a.shifted ? 1 + chain(a.shifted.base) : 0;
}

function move(base: FileAnalysis, text: string): FileAnalysis | undefined {
  const change = commentEdit(base, text);
  if (!change) return undefined;
  const shifted: Shifted = { base, change };
  return { ...base, text, findings: base.findings.map((f) => moveFinding(f, shifted)), shifted };
}

/** The file's comments in the analysis's text (for a moved one: its base's, moved). */
function commentsOf(a: FileAnalysis): Comment[] {
  if (!a.shifted) return a.unit.comments.filter((c) => c.uri === a.uri);
  const s = a.shifted;
  return commentsOf(s.base).map((c) => {
    if (!holds(c, s.change)) return c.span.start >= s.change.oldEnd ? { ...c, span: forwardSpan(s, c.span) } : c;
    // The edited comment: its end moves even when the edit was typed at it.
    const span = { start: c.span.start, end: c.span.end + s.change.newEnd - s.change.oldEnd };
    return { ...c, span, body: a.text.slice(span.start + 2, span.end).trim() };
  });
}

/** Is the edit inside the comment, after its `-- ` (which stays as it was: `--x` is no comment in MySQL)? */
function holds(c: Comment, change: Changed): boolean {
  return c.span.start + 3 <= change.from && change.oldEnd <= c.span.end;
}

function commentEdit(base: FileAnalysis, text: string): Changed | undefined {
  if (base.language !== 'sql' || base.partial || base.text === text) return undefined;
  const unit = base.unit as SqlUnit;
  if (unit.set || unit.sourceSpan || unit.file.uri !== base.uri) return undefined;
  const change = changedRange(base.text, text);
  const comment = commentsOf(base).find((c) => holds(c, change));
  if (!comment || !base.text.startsWith('--', comment.span.start) || !/[ \t]/.test(base.text[comment.span.start + 2])) return undefined;
  if (/[\r\n]/.test(base.text.slice(change.from, change.oldEnd)) || /[\r\n]/.test(text.slice(change.from, change.newEnd))) return undefined;
  const body = text.slice(comment.span.start + 2, comment.span.end + change.newEnd - change.oldEnd).trim();
  return plain(comment.body) && plain(body) ? change : undefined;
}

function plain(body: string): boolean {
  return !/db-design/i.test(body) && !MARKER.test(body);
}

/** An offset of the base text in the current one (one inside the edited part goes to its start). */
function forward(s: Shifted, offset: number): number {
  const { from, oldEnd, newEnd } = s.change;
  if (offset <= from) return offset;
  return offset >= oldEnd ? offset + newEnd - oldEnd : from;
}

function forwardSpan(s: Shifted, span: Span): Span {
  return { start: forward(s, span.start), end: forward(s, span.end) };
}

/** An offset of the current text in the base text; undefined inside the edited part. */
export function toBase(s: Shifted, offset: number): number | undefined {
  const { from, oldEnd, newEnd } = s.change;
  if (offset <= from) return offset;
  return offset >= newEnd ? offset - newEnd + oldEnd : undefined;
}

/** A span of the base text in the current one. */
export function fromBase(s: Shifted, span: Span): Span {
  return forwardSpan(s, span);
}

function touchesEdit(s: Shifted, span: Span): boolean {
  return span.start < s.change.oldEnd && span.end > s.change.from;
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
