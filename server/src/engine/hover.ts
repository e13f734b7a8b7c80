/**
 * Hover content, as Markdown: on a flagged span, the rule's reasoning; on a table (SQL) or model
 * (Prisma) name, a compact summary of the table as the model knows it.
 */
import type { FrontEndResult } from '../model/frontend';
import type { Table } from '../model/schema';
import { tableLine, tableSummary } from '../model/summary';
import { wordAt, type Span } from '../model/text';
import { ruleById } from '../rules/registry';
import * as path from 'node:path';
import { URI } from 'vscode-uri';
import type { FileAnalysis } from './analyze';
import { docsUrl } from './docs';
import { findingMarkdown } from './finding-hover';
import { fromBase, toBase } from './shifted';

export interface HoverResult {
  markdown: string;
  span: Span;
}

type FrontEndHover = NonNullable<ReturnType<NonNullable<FrontEndResult['hover']>>>;

/** A front end's hover text, followed by links to the documentation of the rules it names. */
export function withRuleLinks(h: FrontEndHover): string {
  return h.rules?.length ? `${h.markdown}\n\nRules: ${h.rules.map((r) => `[${r}](${docsUrl(r)})`).join(' · ')}` : h.markdown;
}

function contains(span: Span, offset: number): boolean {
  return span.start <= offset && offset <= span.end;
}

export function hoverAt(analysis: FileAnalysis, offset: number): HoverResult | undefined {
  if (analysis.shifted) {
    // The analysis the edit started from answers, at the place the offset had before the edit.
    const at = toBase(analysis.shifted, offset);
    const hover = at === undefined ? undefined : hoverAt(analysis.shifted.base, at);
    return hover && { ...hover, span: fromBase(analysis.shifted, hover.span) };
  }
  const here = analysis.findings.filter((f) => contains(f.span, offset));
  if (here.length) {
    // On a finding the hover is about the finding alone, short enough to read at a glance; the table summary
    // and the teaching hover of the word are one step aside, outside the squiggle.
    const order = ['error', 'warning', 'info', 'hint'];
    const sorted = [...here].sort((a, b) => order.indexOf(a.severity) - order.indexOf(b.severity));
    const parts = sorted.map((f, i) => findingMarkdown(f, i === 0, analysis.text));
    const table = tableAt(analysis, offset);
    if (table) parts.push([tableLine(table.table), sourceLine(analysis, table.table)].filter(Boolean).join(' '));
    return { markdown: parts.join('\n\n'), span: sorted[0].span };
  }
  const parts: string[] = [];
  let span: Span | undefined;

  let own: FrontEndHover | undefined;
  try {
    own = analysis.unit.hover?.(analysis.uri, offset);
    if (own) {
      span ??= own.span;
      parts.push(withRuleLinks(own));
    }
  } catch {
    // A front end's hover failing must not hide the others.
  }

  const table = tableAt(analysis, offset);
  if (table) {
    span ??= table.span;
    // A SQL front end hover on the same name already shows the table as it stood at that point of the
    // migration history; the summary here (the end of the history) would repeat it.
    const shown = own && analysis.language === 'sql' && own.span.start <= table.span.start && table.span.end <= own.span.end;
    const lines = [...(shown ? [] : [tableSummary(table.table)]), ...tableFindings(analysis, table.table)];
    if (lines.length) parts.push(lines.join('\n').replace(/^\n/, ''));
    const source = sourceLine(analysis, table.table);
    if (source) parts.push(source);
  }
  if (!parts.length || !span) return undefined;
  return { markdown: parts.join('\n\n---\n\n'), span };
}

/** The table whose name is under the cursor: its declaration, or (SQL) any mention of its name. */
function tableAt(analysis: FileAnalysis, offset: number): { table: Table; span: Span } | undefined {
  const tables = [...analysis.unit.schema.tables.values()];
  for (const t of tables) {
    if (t.source.uri === analysis.uri && contains(t.source.span, offset)) return { table: t, span: t.source.span };
  }
  if (analysis.language !== 'sql') {
    // A model name used as a field type: `author User @relation(...)`.
    const word = wordAt(analysis.text, offset);
    if (!word) return undefined;
    const t = tables.find((x) => (x.modelName ?? x.name) === word.text);
    return t ? { table: t, span: word.span } : undefined;
  }
  const word = wordAt(analysis.text, offset);
  if (!word) return undefined;
  const lower = word.text.toLowerCase();
  const t = tables.find((x) => x.name.toLowerCase() === lower || x.key === lower);
  return t ? { table: t, span: word.span } : undefined;
}

/** In a generated migration: where the table's model is, which is where its design is judged. */
function sourceLine(analysis: FileAnalysis, t: Table): string | undefined {
  const from = analysis.generatedFrom;
  const decl = from?.declaration(t.name);
  if (!from || !decl) return undefined;
  const link = `${URI.file(decl.file).toString()}#L${decl.line}`;
  const where = `in [${path.basename(decl.file)}](${link}) (line ${decl.line})`;
  if (from.declaresOnly) return `Declared as \`${decl.name}\` ${where}: its design findings belong there.`;
  return `Generated by ${from.tool} from \`${decl.name}\` ${where}: its design findings and changes belong there.`;
}

/** The rules the table breaks, from the findings inside its declaration (this file's findings only). */
function tableFindings(analysis: FileAnalysis, t: Table): string[] {
  const decl = t.declaration;
  if (decl.uri !== analysis.uri) return [];
  const inside = analysis.findings.filter((f) => f.span.start >= decl.span.start && f.span.end <= decl.span.end && f.rule !== 'unused-suppression');
  if (!inside.length) return [];
  const byRule = new Map<string, number>();
  for (const f of inside) byRule.set(f.rule, (byRule.get(f.rule) ?? 0) + 1);
  return [
    '',
    `Findings (${inside.length}):`,
    ...[...byRule].map(([rule, n]) => `- [${rule}](${docsUrl(rule)})${n > 1 ? ` ×${n}` : ''}: ${ruleById(rule)?.meta.summary ?? ''}`),
  ];
}
