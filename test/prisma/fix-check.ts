/**
 * Applies quick fixes to a Prisma schema and checks what the issue asks of every fix: Prisma's engine
 * accepts the result with no new error, and a file that was formatted stays formatted (`prisma
 * format` changes nothing), so the fix touched only what it had to.
 *
 * Fixes are applied in batches to keep big schemas fast: a batch holds at most one fix per model
 * (fixes of different models cannot interact), and a batch that fails is taken apart to name the fix.
 */
import type { Finding, Fix, TextEdit } from '../../server/src/model/findings';
import type { SourceText } from '../../server/src/model/frontend';
import { formatPrisma, lintPrisma, type EngineVersion } from '../../server/src/prisma';
import { applyEdits } from './helpers';

export interface FixProblem {
  rule: string;
  fix: string;
  problem: string;
}

export interface FixCandidate {
  finding: Finding;
  fix: Fix;
  /** Fixes with the same group key may interact (same model): never in one batch. */
  group: string;
}

function apply(files: readonly SourceText[], edits: readonly TextEdit[]): SourceText[] {
  return files.map((f) => ({ uri: f.uri, text: applyEdits(f.text, edits.filter((e) => e.uri === f.uri)) }));
}

function errorCount(engine: EngineVersion, files: readonly SourceText[]): { n: number; messages: string[] } {
  const linted = lintPrisma(engine, files);
  if (!linted.ok) return { n: Infinity, messages: [linted.error] };
  const errors = linted.value.filter((d) => !d.warning);
  return { n: errors.length, messages: errors.map((d) => d.message) };
}

export class FixChecker {
  private readonly baseline: number;
  private readonly formatted = new Set<string>();
  checked = 0;

  constructor(
    private readonly engine: EngineVersion,
    private readonly files: readonly SourceText[],
  ) {
    this.baseline = errorCount(engine, files).n;
    for (const f of files) {
      const out = formatPrisma(engine, files, f.uri);
      if (out.ok && out.value === f.text) this.formatted.add(f.uri);
    }
  }

  /** Problems of one set of edits applied together. */
  private problems(edits: readonly TextEdit[]): string[] {
    const fixed = apply(this.files, edits);
    const out: string[] = [];
    const errors = errorCount(this.engine, fixed);
    if (errors.n > this.baseline) out.push(`new Prisma error: ${errors.messages.join(' | ').slice(0, 500)}`);
    for (const uri of new Set(edits.map((e) => e.uri))) {
      if (!this.formatted.has(uri)) continue;
      const text = fixed.find((f) => f.uri === uri)!.text;
      const formatted = formatPrisma(this.engine, fixed, uri);
      if (formatted.ok && formatted.value !== text) out.push(`prisma format changes ${uri}:\n${firstDifference(text, formatted.value)}`);
    }
    return out;
  }

  check(candidates: readonly FixCandidate[]): FixProblem[] {
    const batches: FixCandidate[][] = [];
    for (const c of candidates) {
      const batch = batches.find((b) => !b.some((x) => x.group === c.group || overlaps(x.fix.edits, c.fix.edits)));
      if (batch) batch.push(c);
      else batches.push([c]);
    }
    const found: FixProblem[] = [];
    for (const batch of batches) {
      this.checked += batch.length;
      if (this.problems(batch.flatMap((c) => c.fix.edits)).length === 0) continue;
      for (const c of batch) {
        for (const problem of this.problems(c.fix.edits)) found.push({ rule: c.finding.rule, fix: c.fix.title, problem });
      }
    }
    return found;
  }
}

function overlaps(a: readonly TextEdit[], b: readonly TextEdit[]): boolean {
  return a.some((x) => b.some((y) => x.uri === y.uri && x.span.start <= y.span.end && y.span.start <= x.span.end));
}

function firstDifference(a: string, b: string): string {
  const al = a.split('\n');
  const bl = b.split('\n');
  for (let i = 0; i < Math.max(al.length, bl.length); i++) {
    if (al[i] !== bl[i]) return `line ${i + 1}:\n  fixed:     ${JSON.stringify(al[i])}\n  formatted: ${JSON.stringify(bl[i])}`;
  }
  return '(line endings)';
}
