/**
 * Prisma's engine answers (`lint`, then `get_datamodel`), remembered for the last texts of each schema and
 * reused when an edit changed nothing but the inside of `//` comments, or spaces between two tokens of a
 * line: the engine gives those no meaning, so its answers are the same, the diagnostics after the edit moved
 * by its length. Such a keystroke in a large schema then costs no engine call at all. Any other edit asks the
 * engine again.
 *
 * An edit that only renames a plain field keeps the datamodel, the field renamed (rename.ts), and asks the lint,
 * which then starts before the edited text is scanned (`lintAhead`).
 *
 * The scans are reused too: an edited file is scanned again from the edit's line on (scan.ts).
 *
 * Reuse is refused, and the engine asked, whenever the edit is not plainly inside one comment in the text
 * before and after (a `//` comment, not a `///` documentation comment, which the datamodel carries) nor
 * plainly spaces between tokens (whitespace beside them, outside strings and documentation), or when a
 * diagnostic touches the edited line (Prisma may be reading that line differently).
 */
import type { SourceText } from '../model/frontend';
import { lineEndAt, lineStartAt, pastLineBreak } from '../model/text';
import { changedRange, spacesOnly, type Changed } from '../model/changed';
import type { Datamodel } from './datamodel';
import { getDatamodel, lint, lintLater, lintWhile, type EngineResult, type EngineVersion, type LintDiagnostic } from './engine';
import { fieldRename, renamedDatamodel } from './rename';
import { scanPrisma } from './scan';
import type { ScanComment, ScannedFile } from './syntax';

interface Remembered {
  texts: string[];
  comments: ScanComment[][];
  /** The lint's answer (the first call waits for it when it runs on the engine thread). */
  lint(): EngineResult<LintDiagnostic[]>;
  /** Asked only when the lint allowed it (no errors); then for the same input whenever the lint is the same. */
  datamodel?: EngineResult<Datamodel>;
}

/** The schemas remembered: one entry per engine version and file list, the most recent last. */
const memory = new Map<string, Remembered>();
const KEEP = 8;

/** The last scan of each file, for the scan after an edit to start from (scan.ts). */
const lastScans = new Map<string, ScannedFile>();
const KEEP_SCANS = 32;

/** The files scanned, each from its last scan when there is one. */
export function scanFiles(files: readonly SourceText[]): ScannedFile[] {
  return files.map((f) => {
    const scan = scanPrisma(f.uri, f.text, lastScans.get(f.uri));
    lastScans.delete(f.uri);
    lastScans.set(f.uri, scan);
    if (lastScans.size > KEEP_SCANS) lastScans.delete(lastScans.keys().next().value!);
    return scan;
  });
}

/** How an edit moved the text of one file: offsets at or after `from` (in the old text) move by `delta`. */
interface Shift {
  uri: string;
  /** The comment's line in the old text: a diagnostic touching it refuses reuse. */
  lineStart: number;
  lineNext: number;
  from: number;
  delta: number;
}

/**
 * A field rename's lint, started before the edited files are scanned: read off the scans of the texts before
 * the edit, for the engine they were last checked with. `engineAnswers` takes it when it asks that engine of
 * these same files; otherwise it is dropped (the engine thread discards an answer nobody waits for).
 */
export interface LintAhead {
  key: string;
  files: readonly SourceText[];
  /** The datamodel before the edit, the field renamed. */
  renamed: Datamodel;
  later: { answer: () => EngineResult<LintDiagnostic[]>; aside: boolean };
}

const keyOf = (version: EngineVersion, files: readonly SourceText[]) => `${version}\u0000${files.map((f) => f.uri).join('\u0000')}`;

/**
 * When `files` differ from the schema last checked only by a renamed plain field: its lint, started now (on
 * the engine thread when it can run there). `version` picks the engine from the scans before the edit.
 */
export function lintAhead(files: readonly SourceText[], version: (scans: readonly ScannedFile[]) => EngineVersion): LintAhead | undefined {
  const oldScans: ScannedFile[] = [];
  for (const f of files) {
    const scan = lastScans.get(f.uri);
    if (!scan) return undefined;
    oldScans.push(scan);
  }
  const v = version(oldScans);
  const key = keyOf(v, files);
  const before = memory.get(key);
  if (!before || before.texts.some((t, i) => t !== oldScans[i].text) || !validated(before)) return undefined;
  const rename = fieldRename(oldScans, files);
  const renamed = rename && renamedDatamodel(before.datamodel.value, rename);
  return renamed ? { key, files, renamed, later: lintLater(v, files) } : undefined;
}

export interface EngineAnswers {
  /** The lint's answer: the first call waits for it when it is still running on the engine thread (`early`). */
  lint(): EngineResult<LintDiagnostic[]>;
  /**
   * While the lint of a field rename runs on the engine thread: the datamodel that stands if the lint comes
   * back with warnings only (then `datamodel` gives it). Work read from it waits for `lint()` to be kept.
   */
  early?: Datamodel;
  /** The datamodel of `input()` (the schema's files, or a variant of them the lint decides on). */
  datamodel(input: () => readonly SourceText[]): EngineResult<Datamodel>;
}

/**
 * Prisma's answers for these files, from the engine or, after a comment-only edit, from the last ones. `early`:
 * the caller can work from a datamodel ahead of the lint (`EngineAnswers.early`). `ahead`: a rename's lint
 * already started (`lintAhead`).
 */
export function engineAnswers(version: EngineVersion, files: readonly SourceText[], scans: readonly ScannedFile[], early = false, ahead?: LintAhead): EngineAnswers {
  const key = keyOf(version, files);
  const before = memory.get(key);
  const shifts = before ? unreadEdit(before, files, scans) : undefined;
  const reused = before && shifts ? shiftedLint(before.lint(), shifts) : undefined;
  const entry: Remembered = { texts: files.map((f) => f.text), comments: scans.map((s) => s.comments), lint: () => reused! };
  let earlyModel: Datamodel | undefined;
  if (reused) entry.datamodel = before!.datamodel;
  else earlyModel = ask(version, files, before, entry, early, ahead?.key === key && ahead.files === files ? ahead : undefined);
  memory.delete(key);
  memory.set(key, entry);
  if (memory.size > KEEP) memory.delete(memory.keys().next().value!);
  return {
    lint: () => entry.lint(),
    ...(earlyModel ? { early: earlyModel } : {}),
    datamodel: (input) => (entry.datamodel ??= getDatamodel(version, input())),
  };
}

/** Only warnings: the datamodel is then asked of the files as they are (index.ts). */
const clean = (r: EngineResult<LintDiagnostic[]>) => r.ok && r.value.every((d) => d.warning);

/** The schema remembered passed the lint and gave its datamodel: an edit of it may keep what it can of that. */
function validated(before: Remembered | undefined): before is Remembered & { datamodel: { ok: true; value: Datamodel } } {
  return !!before && clean(before.lint()) && !!before.datamodel?.ok;
}

/**
 * The engine's lint of the edited files, into `entry`, and, when the schema validated before the edit (most
 * keystrokes keep it so), their datamodel asked at the same time (engine.ts, lintWhile): kept when the lint
 * shows the datamodel would be asked of these same files, dropped otherwise. Typing a plain field's name
 * keeps the datamodel before it, the field renamed (rename.ts; `ahead` has it, its lint started): the lint
 * runs on the engine thread and that datamodel comes back as the early one, for the caller to work from
 * meanwhile (when it said it would settle: `early`).
 */
function ask(version: EngineVersion, files: readonly SourceText[], before: Remembered | undefined, entry: Remembered, early: boolean, ahead: LintAhead | undefined): Datamodel | undefined {
  const set = (linted: EngineResult<LintDiagnostic[]>, datamodel?: EngineResult<Datamodel>) => {
    entry.lint = () => linted;
    if (datamodel && clean(linted)) entry.datamodel = datamodel;
  };
  if (!validated(before)) {
    set(lint(version, files));
    return undefined;
  }
  if (!ahead) {
    set(...lintWhile(version, files, () => getDatamodel(version, files)));
    return undefined;
  }
  const { renamed, later } = ahead;
  if (!early) {
    set(later.answer(), { ok: true, value: renamed });
    return undefined;
  }
  let answered: EngineResult<LintDiagnostic[]> | undefined;
  entry.lint = () => {
    if (!answered) set((answered = later.answer()), { ok: true, value: renamed });
    return answered;
  };
  return later.aside ? renamed : (entry.lint(), undefined);
}

/**
 * The shifts that turn the old texts into the new ones, when every file's change is one the engine reads no
 * meaning in: inside one `//` comment, or spaces between two tokens of a line.
 */
function unreadEdit(before: Remembered, files: readonly SourceText[], scans: readonly ScannedFile[]): Shift[] | undefined {
  if (before.texts.length !== files.length) return undefined;
  const shifts: Shift[] = [];
  for (let i = 0; i < files.length; i++) {
    const old = before.texts[i];
    const now = files[i].text;
    if (old === now) continue;
    const change = changedRange(old, now);
    const shift = insideComment(old, change, before.comments[i], scans[i].comments) ?? betweenTokens(old, now, change);
    if (!shift) return undefined;
    shifts.push({ uri: files[i].uri, ...shift });
  }
  return shifts;
}

/** The shift of `change` (old text to new), when it lies inside the same `//` comment in both (after its marker). */
function insideComment(old: string, { from, oldEnd, newEnd }: Changed, oldComments: readonly ScanComment[], newComments: readonly ScanComment[]): Omit<Shift, 'uri'> | undefined {
  const a = commentAround(oldComments, from, oldEnd);
  const b = commentAround(newComments, from, newEnd);
  if (!a || !b || a.span.start !== b.span.start) return undefined;
  const lineStart = lineStartAt(old, a.span.start);
  return { lineStart, lineNext: pastLineBreak(old, a.span.end), from: oldEnd, delta: newEnd - oldEnd };
}

/**
 * Where `old` and `now` differ, when spaces or tabs were typed or deleted between two tokens of one line:
 * whitespace stays beside them (no two tokens join, none splits), outside strings and `///` documentation
 * (which the datamodel carries). Prisma's grammar reads no meaning in such spaces.
 */
function betweenTokens(old: string, now: string, change: Changed): Omit<Shift, 'uri'> | undefined {
  if (!spacesOnly(old, now, change)) return undefined;
  const { from, oldEnd, newEnd } = change;
  const lineStart = lineStartAt(old, from);
  if (inStringOrDoc(old, lineStart, from)) return undefined;
  return { lineStart, lineNext: pastLineBreak(old, lineEndAt(old, from)), from: oldEnd, delta: newEnd - oldEnd };
}

/** Is `at` inside a string or a `///` comment? Prisma's strings and comments end with their line, so the line alone tells. */
function inStringOrDoc(text: string, lineStart: number, at: number): boolean {
  let inString = false;
  for (let i = lineStart; i < at; i++) {
    const c = text[i];
    if (inString) {
      if (c === '\\') i++;
      else if (c === '"') inString = false;
    } else if (c === '"') inString = true;
    else if (c === '/' && text[i + 1] === '/') return text[i + 2] === '/';
  }
  return inString;
}

/** The `//` comment whose text after the marker holds [start, end), by binary search (comments come in text order). */
function commentAround(comments: readonly ScanComment[], start: number, end: number): ScanComment | undefined {
  let lo = 0;
  let hi = comments.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (comments[mid].span.end < end) lo = mid + 1;
    else hi = mid;
  }
  const c = comments[lo];
  return c && !c.doc && c.span.start + 2 <= start && end <= c.span.end ? c : undefined;
}

function shiftedLint(result: EngineResult<LintDiagnostic[]>, shifts: readonly Shift[]): EngineResult<LintDiagnostic[]> | undefined {
  if (!result.ok) return undefined;
  const value: LintDiagnostic[] = [];
  for (const d of result.value) {
    const s = shifts.find((x) => x.uri === d.uri);
    if (!s || d.end <= s.lineStart) {
      value.push(d);
      continue;
    }
    if (d.start < s.lineNext) return undefined;
    value.push({ ...d, start: d.start + s.delta, end: d.end + s.delta });
  }
  return { ok: true, value };
}
