/** Applying text edits: used by fix-all, the CLI's --fix and the rule tester alike. */
import type { Finding, Fix, TextEdit } from '../model/findings';

/** Applies non-overlapping edits of one file (edits for other files are ignored). */
export function applyEdits(text: string, edits: TextEdit[], uri?: string): string {
  const mine = edits.filter((e) => uri === undefined || e.uri === uri).sort((a, b) => b.span.start - a.span.start || b.span.end - a.span.end);
  // From the last edit to the first, collecting pieces: splicing each into the whole text would copy the
  // file once per edit (quadratic for a fix-all over a big dump).
  const pieces: string[] = [];
  let limit = Infinity;
  for (const e of mine) {
    if (e.span.end > limit) throw new Error('overlapping edits');
    pieces.push(text.slice(e.span.end, limit), e.newText);
    limit = e.span.start;
  }
  pieces.push(text.slice(0, limit));
  return pieces.reverse().join('');
}

/**
 * The safe fixes of a file's findings that can be applied together: the first fix wins where two
 * overlap, the rest wait for the next round (as ESLint's fix-all does). Only edits in `uri`.
 */
export function fixAllEdits(findings: Finding[], uri: string): TextEdit[] {
  const chosen: TextEdit[] = [];
  const seen = new Set<string>();
  const candidates: Fix[] = findings.flatMap((f) => f.fixes.filter((x) => x.safe).slice(0, 1));
  for (const fix of candidates) {
    if (fix.edits.some((e) => e.uri !== uri)) continue;
    // Two findings can propose the identical edit (one index for two rules): apply it once.
    const key = fix.edits.map((e) => `${e.span.start}:${e.span.end}:${e.newText}`).join('|');
    if (seen.has(key)) continue;
    const clashes = fix.edits.some((e) => chosen.some((c) => e.span.start < c.span.end && c.span.start < e.span.end || (e.span.start === c.span.start && e.span.end === c.span.end)));
    if (clashes) continue;
    seen.add(key);
    chosen.push(...fix.edits);
  }
  return chosen;
}
