/**
 * Hover content, as Markdown: on a flagged span, the rule's reasoning; on a table (SQL) or model
 * (Prisma) name, a compact summary of the table as the model knows it.
 */
import { columnDisplayName, coveringIndex, displayName, findColumn, type Column, type Table } from '../model/schema';
import { wordAt, type Span } from '../model/text';
import { ruleById } from '../rules/registry';
import type { FileAnalysis } from './analyze';
import { docsUrl } from './docs';

export interface HoverResult {
  markdown: string;
  span: Span;
}

function contains(span: Span, offset: number): boolean {
  return span.start <= offset && offset <= span.end;
}

export function hoverAt(analysis: FileAnalysis, offset: number): HoverResult | undefined {
  const parts: string[] = [];
  let span: Span | undefined;

  for (const f of analysis.findings) {
    if (!contains(f.span, offset)) continue;
    const meta = ruleById(f.rule)?.meta;
    span ??= f.span;
    parts.push(
      [
        // The editor already shows the finding's message with the hover; this adds the reasoning.
        `**${f.rule}** · ${f.severity}${meta ? ` — ${meta.summary}` : ''}`,
        ...(meta ? [] : ['', f.message]),
        ...(meta ? ['', meta.why, '', `*What to do:* ${meta.fix}`, '', `[Rule documentation](${docsUrl(f.rule)})`] : []),
      ].join('\n'),
    );
  }

  let own: HoverResult | undefined;
  try {
    own = analysis.unit.hover?.(analysis.uri, offset);
    if (own) {
      span ??= own.span;
      parts.push(own.markdown);
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

function typeText(c: Column): string {
  const t = c.type;
  const base = t.prisma ? t.written : `${t.name}${t.params.length ? `(${t.params.join(',')})` : ''}${t.array ? '[]' : ''}`;
  return base;
}

export function tableSummary(t: Table): string {
  const pk = t.indexes.find((i) => i.kind === 'primary');
  const lines: string[] = [];
  const title = t.modelName && t.modelName !== t.name ? `${t.modelName} → table \`${t.name}\`` : `\`${displayName(t)}\``;
  lines.push(`**${t.kind === 'table' ? 'Table' : t.kind === 'view' ? 'View' : 'Materialized view'}** ${title}`);
  lines.push('');
  lines.push('| column | type | |');
  lines.push('|---|---|---|');
  for (const c of t.columns) {
    const marks: string[] = [];
    if (pk?.columns.some((x) => x.toLowerCase() === c.name.toLowerCase())) marks.push('PK');
    if (t.foreignKeys.some((fk) => fk.columns.some((x) => x.toLowerCase() === c.name.toLowerCase()))) marks.push('FK');
    if (!c.nullable) marks.push('not null');
    if (c.default) marks.push(`default ${c.default.text}`);
    lines.push(`| ${escapeCell(columnDisplayName(c))} | \`${escapeCell(typeText(c))}\` | ${escapeCell(marks.join(', '))} |`);
  }
  const keys = t.indexes.filter((i) => i.kind !== 'primary');
  if (pk) lines.push('', `Primary key: (${pk.columns.join(', ')})`);
  if (keys.length) {
    lines.push('', 'Indexes:');
    for (const ix of keys) {
      lines.push(`- ${ix.kind === 'unique' ? 'unique ' : ''}${ix.name ? `\`${ix.name}\` ` : ''}(${ix.columns.join(', ')})${ix.method && ix.method !== 'btree' ? ` using ${ix.method}` : ''}${ix.where ? ` where ${ix.where}` : ''}`);
    }
  }
  if (t.foreignKeys.length) {
    lines.push('', 'Foreign keys:');
    for (const fk of t.foreignKeys) {
      const covered = coveringIndex(t, fk.columns);
      const cols = fk.columns.map((c) => {
        const col = findColumn(t, c);
        return col ? columnDisplayName(col) : c;
      });
      lines.push(
        `- (${cols.join(', ')}) → ${fk.refTable}(${fk.refColumns.join(', ')})${fk.onDelete ? ` on delete ${fk.onDelete}` : ''} · ${covered ? 'indexed' : '**not indexed**'}`,
      );
    }
  }
  if (t.rls) lines.push('', `Row level security: ${t.rls.enabled ? 'enabled' : 'disabled'}${t.rls.forced ? ', forced' : ''}`);
  return lines.join('\n');
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

function escapeCell(s: string): string {
  return s.replace(/\|/g, '\\|').replace(/\n/g, ' ');
}
