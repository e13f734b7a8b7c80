/**
 * Suppression comments, the same for every rule:
 *   SQL     `-- db-design-disable-next-line <id>[, <id>] -- reason`   `-- db-design-disable-file <id>`
 *   Prisma  `// db-design-disable-next-line <id>`                      `// db-design-disable-file <id>`
 * A directive without ids covers every rule. Directives that hide nothing become
 * `unused-suppression` findings.
 */
import type { Comment } from '../model/frontend';
import type { Finding, Fix, TextEdit } from '../model/findings';
import { LineIndex, lineBreak } from '../model/text';

export interface Directive {
  kind: 'next-line' | 'file';
  /** Rule ids; empty means every rule. */
  ids: string[];
  comment: Comment;
  /** For next-line: the 0-based line it covers. */
  line?: number;
  used: Set<string>;
}

const DIRECTIVE = /^db-design-disable-(next-line|file)\b\s*(.*)$/;

export function parseDirectives(comments: Comment[], uri: string, lines: LineIndex): Directive[] {
  const out: Directive[] = [];
  for (const comment of comments) {
    if (comment.uri !== uri) continue;
    const m = DIRECTIVE.exec(comment.body);
    if (!m) continue;
    // Everything after a second `--` is the reason.
    const idPart = m[2].split(/\s--\s?|^--/)[0];
    const ids = idPart.split(/[\s,]+/).filter((s) => /^[a-z][a-z0-9-]*$/.test(s));
    const kind = m[1] === 'file' ? 'file' : 'next-line';
    out.push({
      kind,
      ids,
      comment,
      line: kind === 'next-line' ? lines.positionAt(comment.span.end).line + 1 : undefined,
      used: new Set(),
    });
  }
  return out;
}

function covers(d: Directive, rule: string): boolean {
  return d.ids.length === 0 || d.ids.includes(rule);
}

/**
 * Drops suppressed findings and reports unused directives. `unusedSeverity` undefined means the
 * unused-suppression rule is off.
 */
export function applySuppressions(
  findings: Finding[],
  directives: Directive[],
  text: string,
  lines: LineIndex,
  unusedSeverity: Finding['severity'] | undefined,
): Finding[] {
  const kept: Finding[] = [];
  for (const f of findings) {
    const line = lines.positionAt(f.span.start).line;
    const hit = directives.find((d) => covers(d, f.rule) && (d.kind === 'file' || d.line === line));
    if (hit) hit.used.add(f.rule);
    else kept.push(f);
  }
  if (!unusedSeverity) return kept;
  for (const d of directives) {
    const unused = d.ids.length === 0 ? (d.used.size === 0 ? ['(all rules)'] : []) : d.ids.filter((id) => !d.used.has(id));
    if (unused.length === 0) continue;
    const whole = unused.length === d.ids.length || d.ids.length === 0;
    kept.push({
      rule: 'unused-suppression',
      severity: unusedSeverity,
      message: whole
        ? `This suppression hides nothing: no ${d.ids.length ? unused.join(', ') : ''} finding here. Remove it.`.replace('no  finding', 'no finding')
        : `${unused.join(', ')} in this suppression hides nothing. Remove ${unused.length > 1 ? 'them' : 'it'}.`,
      uri: d.comment.uri,
      span: d.comment.span,
      fixes: [
        {
          title: whole ? 'Remove unused suppression comment' : `Remove ${unused.join(', ')} from the suppression`,
          safe: true,
          edits: [whole ? removeCommentEdit(d, text, lines) : rewriteIdsEdit(d, text, d.ids.filter((id) => d.used.has(id)))],
        },
      ],
      tags: ['unnecessary'],
    });
  }
  return kept;
}

/** Removes the comment; the whole line with it when the comment is alone on its line. */
function removeCommentEdit(d: Directive, text: string, lines: LineIndex): TextEdit {
  const { start, end } = d.comment.span;
  const pos = lines.positionAt(start);
  const lineStart = lines.lineStart(pos.line);
  const lineEnd = lines.lineEnd(pos.line);
  const before = text.slice(lineStart, start);
  const after = text.slice(end, lineEnd);
  if (/^\s*$/.test(before) && /^\s*$/.test(after)) {
    const nextLine = pos.line + 1 < lines.lineCount ? lines.lineStart(pos.line + 1) : lineEnd;
    return { uri: d.comment.uri, span: { start: lineStart, end: nextLine }, newText: '' };
  }
  let s = start;
  while (s > lineStart && /[ \t]/.test(text[s - 1])) s--;
  return { uri: d.comment.uri, span: { start: s, end }, newText: '' };
}

function rewriteIdsEdit(d: Directive, text: string, keep: string[]): TextEdit {
  const original = text.slice(d.comment.span.start, d.comment.span.end);
  const rewritten = original.replace(
    /(db-design-disable-(?:next-line|file)\s+)([a-z0-9-]+(?:\s*,\s*[a-z0-9-]+)*)/,
    (_m, head: string) => head + keep.join(', '),
  );
  return { uri: d.comment.uri, span: d.comment.span, newText: rewritten };
}

/** "Disable <rule> for this line" and "... for this file": the fixes every finding offers besides its own. */
export function suppressionFixes(
  finding: Finding,
  text: string,
  language: 'prisma' | 'sql' | 'typescript',
  lines: LineIndex,
  lineCommentAt?: (offset: number) => '--' | '//',
): Fix[] {
  const marker = language === 'sql' ? '--' : '//';
  const eol = lineBreak(text);
  const line = lines.positionAt(finding.span.start).line;
  const lineStart = lines.lineStart(line);
  const indent = /^[ \t]*/.exec(text.slice(lineStart, lines.lineEnd(line)))![0];
  const bomSkip = text.charCodeAt(0) === 0xfeff ? 1 : 0;

  // Extend an existing directive on the line above rather than stacking a second one.
  let lineEdit: TextEdit = {
    uri: finding.uri,
    span: { start: lineStart, end: lineStart },
    newText: `${indent}${lineCommentAt?.(lineStart) ?? marker} db-design-disable-next-line ${finding.rule}${eol}`,
  };
  if (line > 0) {
    const above = text.slice(lines.lineStart(line - 1), lines.lineEnd(line - 1));
    const m = /^(\s*(?:--|\/\/)\s*db-design-disable-next-line\s+)([a-z0-9-]+(?:\s*,\s*[a-z0-9-]+)*)/.exec(above);
    if (m) {
      const at = lines.lineStart(line - 1) + m[1].length + m[2].length;
      lineEdit = { uri: finding.uri, span: { start: at, end: at }, newText: `, ${finding.rule}` };
    }
  }
  return [
    { title: `Disable ${finding.rule} for this line`, safe: false, edits: [lineEdit] },
    {
      title: `Disable ${finding.rule} for this file`,
      safe: false,
      edits: [{ uri: finding.uri, span: { start: bomSkip, end: bomSkip }, newText: `${lineCommentAt?.(bomSkip) ?? marker} db-design-disable-file ${finding.rule}${eol}` }],
    },
  ];
}
