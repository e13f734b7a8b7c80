/**
 * Prisma's own diagnostics as `prisma-validation` problems. The engine is the judge; this module
 * only makes its output fit: spans trimmed of the trailing line break the engine includes, and the
 * errors that depend on the Prisma version softened when the version is not known for sure.
 */
import type { Problem, SourceText } from '../model/frontend';
import type { LintDiagnostic } from './engine';
import type { EngineChoice } from './version';

/**
 * Errors the 6.19 engine raises on schemas Prisma 5 and earlier accepted. A project still on Prisma 5
 * (webstudio, for one) must not see them as errors; they stay visible as upgrade warnings.
 */
const STRICTER_SINCE_6: RegExp[] = [/Views cannot have primary keys/];

/**
 * In a schema without a datasource (a file of a schema folder whose datasource file was not found),
 * a type the files do not declare is most likely declared in a file we were not given.
 */
const UNRESOLVED_TYPE = /is neither a built-in type, nor refers to another model/;

function trimmed(text: string, start: number, end: number): { start: number; end: number } {
  let e = Math.min(end, text.length);
  while (e > start && /\s/.test(text[e - 1])) e--;
  return { start, end: Math.max(start, e) };
}

export function lintProblems(
  diags: readonly LintDiagnostic[],
  files: readonly SourceText[],
  choice: EngineChoice,
  hasDatasource = true,
): Problem[] {
  const byUri = new Map(files.map((f) => [f.uri, f.text]));
  const out: Problem[] = [];
  for (const d of diags) {
    const text = byUri.get(d.uri) ?? '';
    let severity: Problem['severity'] = d.warning ? 'warning' : 'error';
    let message = d.message;
    if (!d.warning && choice.version === 6 && choice.maybeLegacy && STRICTER_SINCE_6.some((re) => re.test(d.message))) {
      severity = 'warning';
      message += ' (Prisma 5 and earlier accept this; Prisma 6 and later reject it.)';
    } else if (!d.warning && !hasDatasource && UNRESOLVED_TYPE.test(d.message)) {
      severity = 'warning';
      message += ' (No datasource was found for this schema: the type may be declared in a file that was not found.)';
    }
    out.push({ rule: 'prisma-validation', severity, message, uri: d.uri, span: trimmed(text, d.start, d.end) });
  }
  return out;
}

export function hasErrors(problems: readonly Problem[]): boolean {
  return problems.some((p) => p.severity === 'error');
}
