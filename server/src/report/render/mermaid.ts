/**
 * The ER diagram as a Mermaid `erDiagram` block, for the Markdown export (GitHub renders it).
 * Mermaid's ER grammar accepts only word characters in entity, type and attribute names, so names
 * are reduced to those (an alias keeps the real name as the label) and labels carry entity codes
 * instead of markup characters.
 */
import { splitLines } from '../../model/text';
import type { ReportData, ReportRelation, ReportTable } from '../types';

/** Mermaid refuses diagrams over 50,000 characters (its default `maxTextSize`, which GitHub keeps). */
export const MERMAID_MAX_TEXT = 50_000;

export type MermaidDetail = 'columns' | 'keys' | 'names';

export interface MermaidDiagram {
  text: string;
  /** How much was kept to stay under Mermaid's size limit. */
  detail: MermaidDetail;
}

/** Word characters only; never empty, never starting with a digit. */
function word(s: string, fallback: string): string {
  const w = s.replace(/[^A-Za-z0-9_]+/g, '_').replace(/^_+|_+$/g, '');
  if (!w) return fallback;
  return /^[0-9]/.test(w) ? `_${w}` : w;
}

/** Mermaid types may also hold `[]` and `()`, but not the comma of `numeric(12,2)`. */
function typeWord(s: string): string {
  const t = s.replace(/[^A-Za-z0-9_[\]()-]+/g, '_').replace(/^_+|_+$/g, '');
  return t && /^[A-Za-z]/.test(t) ? t : `t_${t || 'unknown'}`;
}

/** Text inside a quoted Mermaid label: no quotes, no markup, one line. */
function label(s: string): string {
  return splitLines(s)
    .join(' ')
    .replace(/#/g, '#35;')
    .replace(/"/g, '#quot;')
    .replace(/</g, '#lt;')
    .replace(/>/g, '#gt;');
}

function entityIds(tables: ReportTable[]): Map<string, string> {
  const ids = new Map<string, string>();
  const used = new Set<string>();
  for (const t of tables) {
    let id = word(t.name, 'table');
    for (let n = 2; used.has(id.toLowerCase()); n++) id = `${word(t.name, 'table')}_${n}`;
    used.add(id.toLowerCase());
    ids.set(t.key, id);
  }
  return ids;
}

function relationLine(r: ReportRelation, ids: Map<string, string>): string | undefined {
  const parent = ids.get(r.parent);
  const child = ids.get(r.child);
  if (!parent || !child) return undefined;
  const parentEnd = r.optional ? '|o' : '||';
  const childEnd = r.cardinality === 'one-to-one' ? 'o|' : 'o{';
  return `  ${parent} ${parentEnd}--${childEnd} ${child} : "${label(r.label)}"`;
}

function render(data: ReportData, detail: MermaidDetail): string {
  const ids = entityIds(data.tables);
  const lines = ['erDiagram'];
  for (const t of data.tables) {
    const id = ids.get(t.key)!;
    const head = id === t.name ? id : `${id}["${label(t.name)}"]`;
    const columns = detail === 'names' ? [] : detail === 'keys' ? t.columns.filter((c) => c.keys.length) : t.columns;
    if (!columns.length) {
      lines.push(`  ${head}`);
      continue;
    }
    lines.push(`  ${head} {`);
    for (const c of columns) {
      const keys = c.keys.length ? ` ${c.keys.join(', ')}` : '';
      const comment = c.comment ? ` "${label(c.comment)}"` : '';
      lines.push(`    ${typeWord(c.shortType)} ${word(c.name, 'column')}${keys}${comment}`);
    }
    lines.push('  }');
  }
  for (const r of data.relations) {
    const line = relationLine(r, ids);
    if (line) lines.push(line);
  }
  return lines.join('\n');
}

/** The most detailed diagram that fits Mermaid's limit. */
export function mermaidErDiagram(data: ReportData): MermaidDiagram {
  for (const detail of ['columns', 'keys'] as const) {
    const text = render(data, detail);
    if (text.length <= MERMAID_MAX_TEXT) return { text, detail };
  }
  return { text: render(data, 'names'), detail: 'names' };
}
