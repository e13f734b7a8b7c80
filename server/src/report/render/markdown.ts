/**
 * The report as Markdown, for a pull request or a wiki: a Mermaid ER diagram (GitHub draws it), the
 * coverage and hygiene summaries, findings by rule with links to the line, and the table list.
 */
import type { Location, ReportData, ReportTable } from '../types';
import { md, mdHref } from './escape';
import { mermaidErDiagram } from './mermaid';
import { describeSource, percent, positionLabel, severityCounts, unreportedFks } from './text';

export interface MarkdownOptions {
  /** Link target of a location; default: its display path with a GitHub-style `#L<line>` anchor. */
  href?: (at: Location) => string;
}

const defaultHref = (at: Location) => `${at.path}#L${at.range.start.line + 1}`;

export function renderMarkdown(data: ReportData, opts: MarkdownOptions = {}): string {
  const href = opts.href ?? defaultHref;
  const link = (at: Location) => `[${md(positionLabel(at))}](${mdHref(href(at))})`;
  const out: string[] = [`# ${md(data.title)}`, '', md(describeSource(data)), ''];
  for (const note of data.notes) out.push(`> ${md(note)}`, '');

  out.push('## Summary', '');
  const cov = data.fkCoverage;
  out.push(`- Foreign keys covered by an index: **${cov.covered} of ${cov.total}**${cov.total ? ` (${percent(cov.covered, cov.total)})` : ''}`);
  for (const u of cov.uncovered) out.push(`  - not covered: ${md(u.table)} (${md(u.columns.join(', '))}) → ${md(u.refTable)}, ${link(u.at)}`);
  const unreported = unreportedFks(data);
  if (unreported) out.push(`  - ${md(unreported)}`);
  const c = data.findings.counts;
  out.push(`- Findings: ${severityCounts(c)}`, '');

  if (data.tables.length) {
    const diagram = mermaidErDiagram(data);
    out.push('## Diagram', '');
    if (diagram.detail !== 'columns') {
      out.push(`*The diagram shows ${diagram.detail === 'keys' ? 'key columns only' : 'table names only'}: the whole schema is over Mermaid's size limit. The tables below list every column.*`, '');
    }
    out.push('```mermaid', diagram.text, '```', '');
  }

  out.push('## Type hygiene', '', '| pattern | count | where |', '|---|---|---|');
  for (const h of data.hygiene) {
    const where = h.items.slice(0, 20).map((i) => `${md(i.table)}.${md(i.column)} ${link(i.at)}`);
    if (h.items.length > 20) where.push(`and ${h.items.length - 20} more`);
    out.push(`| ${md(h.label)} | ${h.items.length} | ${where.join('<br>')} |`);
  }
  out.push('');

  out.push('## Findings', '');
  if (!data.findings.byRule.length) out.push('No findings.', '');
  for (const group of data.findings.byRule) {
    out.push(`### [${md(group.rule)}](${mdHref(group.docs)}) (${group.items.length})`, '');
    if (group.summary) out.push(md(group.summary), '');
    for (const f of group.items) out.push(`- **${f.severity}** ${link(f.at)}: ${md(f.message)}`);
    out.push('');
  }

  out.push('## Tables', '');
  for (const t of data.tables) out.push(...tableSection(t, link));
  if (data.enums.length) {
    out.push('## Enums', '');
    for (const e of data.enums) out.push(`- **${md(e.name)}**: ${e.values.map(md).join(', ')}${e.at ? ` ${link(e.at)}` : ''}`);
    out.push('');
  }
  return out.join('\n');
}

function tableSection(t: ReportTable, link: (at: Location) => string): string[] {
  const out = [`### ${md(t.name)}`, ''];
  const facts = [t.kind !== 'table' ? t.kind : '', t.tableName ? `table ${md(t.tableName)}` : '', link(t.at)].filter(Boolean);
  out.push(facts.join(' · '), '');
  if (t.comment) out.push(`> ${md(t.comment)}`, '');
  out.push('| column | type | null | default | keys | comment |', '|---|---|---|---|---|---|');
  for (const c of t.columns) {
    out.push(`| ${md(c.name)} | ${md(c.type)} | ${c.nullable ? 'yes' : 'no'} | ${md(c.default)} | ${c.keys.join(' ')} | ${md(c.comment)} |`);
  }
  out.push('');
  if (t.indexes.length) {
    out.push('Indexes:', '');
    for (const ix of t.indexes) {
      const extra = [ix.method ? `using ${ix.method}` : '', ix.where ? `where ${ix.where}` : ''].filter(Boolean).join(' ');
      out.push(`- ${ix.kind === 'primary' ? 'primary key' : ix.kind === 'unique' ? 'unique' : 'index'}${ix.name ? ` ${md(ix.name)}` : ''} (${md(ix.columns.join(', '))})${extra ? ` ${md(extra)}` : ''}`);
    }
    out.push('');
  }
  if (t.foreignKeys.length) {
    out.push('Foreign keys:', '');
    for (const fk of t.foreignKeys) {
      const cover = fk.coveredBy ? `covered by ${md(fk.coveredBy)}` : '**no index**';
      out.push(`- (${md(fk.columns.join(', '))}) → ${md(fk.refTableName)} (${md(fk.refColumns.join(', '))})${fk.onDelete ? ` on delete ${fk.onDelete}` : ''} · ${cover} ${link(fk.at)}`);
    }
    out.push('');
  }
  if (t.rls) out.push(`Row level security: ${t.rls.enabled ? 'enabled' : 'disabled'}${t.rls.forced ? ', forced' : ''}`, '');
  return out;
}
