/**
 * The ER diagram as inline SVG: boxes with key markers, relation lines with crow's-foot cardinality.
 * Styling is by class only (the page's CSP allows no style attributes); the page script adds zoom,
 * pan, filter and focus on top of this static drawing, which is complete without it.
 */
import type { ReportColumn, ReportData, ReportRelation, ReportTable } from '../types';
import { html } from '../render/escape';
import { METRICS, type DiagramLayout, type NodeBox } from './layout';
import type { Point } from './dagre';

/** Marker ids by end: the parent end says one / zero-or-one, the child end one / many. */
const MARKERS = `<defs>
<marker id="er-one" viewBox="-20 -8 22 16" refX="0" refY="0" markerWidth="22" markerHeight="16" markerUnits="userSpaceOnUse" orient="auto-start-reverse"><path class="er-mark" d="M-6,-6 V6 M-10,-6 V6"/></marker>
<marker id="er-zero-one" viewBox="-20 -8 22 16" refX="0" refY="0" markerWidth="22" markerHeight="16" markerUnits="userSpaceOnUse" orient="auto-start-reverse"><path class="er-mark" d="M-6,-6 V6"/><circle class="er-mark er-hollow" cx="-13" cy="0" r="3.5"/></marker>
<marker id="er-zero-many" viewBox="-20 -8 22 16" refX="0" refY="0" markerWidth="22" markerHeight="16" markerUnits="userSpaceOnUse" orient="auto-start-reverse"><path class="er-mark" d="M0,-6 L-9,0 L0,6 M0,0 H-9"/><circle class="er-mark er-hollow" cx="-13" cy="0" r="3.5"/></marker>
</defs>`;

function truncate(s: string, max: number): string {
  return s.length <= max ? s : `${s.slice(0, Math.max(1, max - 1))}…`;
}

function pathData(points: Point[]): string {
  return points.map((p, i) => `${i ? 'L' : 'M'}${p.x.toFixed(1)},${p.y.toFixed(1)}`).join(' ');
}

function relationTitle(r: ReportRelation, tables: Map<string, ReportTable>): string {
  const child = tables.get(r.child)?.name ?? r.child;
  const parent = tables.get(r.parent)?.name ?? r.parent;
  return `${child} (${r.childColumns.join(', ')}) → ${parent} (${r.parentColumns.join(', ')}): ${r.cardinality}${r.optional ? ', optional' : ''}`;
}

function row(c: ReportColumn, y: number, width: number): string {
  const m = METRICS;
  const chars = Math.floor((width - 2 * m.padX) / m.charWidth);
  const keys = c.keys.join(',');
  const keyWidth = 6;
  const typeChars = Math.min(c.shortType.length, Math.max(6, chars - keyWidth - c.name.length - 1));
  const nameChars = Math.max(4, chars - keyWidth - typeChars - 1);
  const cls = c.keys.length ? 'er-row er-key' : 'er-row';
  return (
    `<text class="${cls}" y="${y}"><tspan class="er-keys" x="${m.padX}">${html(keys)}</tspan>` +
    `<tspan class="er-col${c.nullable ? ' er-null' : ''}" x="${m.padX + keyWidth * m.charWidth}">${html(truncate(c.name, nameChars))}</tspan>` +
    `<tspan class="er-type" x="${width - m.padX}" text-anchor="end">${html(truncate(c.shortType, typeChars))}</tspan></text>`
  );
}

function node(n: NodeBox, t: ReportTable): string {
  const m = METRICS;
  const title = truncate(t.name, Math.floor((n.width - 2 * m.padX) / m.charWidth));
  const tooltip = [t.name, t.tableName ? `table ${t.tableName}` : '', t.comment ?? ''].filter(Boolean).join('\n');
  const rows = n.rows.map((c, i) => row(c, m.headerHeight + (i + 1) * m.rowHeight - 4, n.width));
  if (n.hidden) rows.push(`<text class="er-row er-more" x="${m.padX}" y="${m.headerHeight + (n.rows.length + 1) * m.rowHeight - 4}">+ ${n.hidden} more</text>`);
  if (!n.rows.length && !n.hidden) rows.push(`<text class="er-row er-more" x="${m.padX}" y="${m.headerHeight + m.rowHeight - 4}">no columns</text>`);
  const kind = t.kind === 'table' ? '' : ' er-view';
  return (
    `<g class="er-node${kind}${t.findings ? ' er-flagged' : ''}" data-key="${html(t.key)}" data-name="${html(t.name.toLowerCase())}" transform="translate(${n.x.toFixed(1)},${n.y.toFixed(1)})" tabindex="0">` +
    `<title>${html(tooltip)}</title>` +
    `<rect class="er-box" width="${n.width}" height="${n.height}" rx="4"/>` +
    `<path class="er-head" d="M0,4 a4,4 0 0 1 4,-4 h${n.width - 8} a4,4 0 0 1 4,4 v${m.headerHeight - 4} h-${n.width} z"/>` +
    `<text class="er-title" x="${m.padX}" y="${m.headerHeight - 8}">${html(title)}</text>` +
    rows.join('') +
    `</g>`
  );
}

function layer(data: ReportData, layout: DiagramLayout, tables: Map<string, ReportTable>, visible: boolean): string {
  const groups = layout.groups.map(
    (g) =>
      `<g class="er-group"><rect class="er-group-box" x="${g.x}" y="${g.y}" width="${g.width}" height="${g.height}" rx="8"/>` +
      `<text class="er-group-label" x="${g.x + 12}" y="${g.y + 20}">${html(g.name)}</text></g>`,
  );
  const edges = layout.edges.map((e) => {
    const r = data.relations[e.relation];
    const start = r.optional ? 'er-zero-one' : 'er-one';
    const end = r.cardinality === 'one-to-one' ? 'er-zero-one' : 'er-zero-many';
    return (
      `<path class="er-edge" data-parent="${html(r.parent)}" data-child="${html(r.child)}" d="${pathData(e.points)}" ` +
      `marker-start="url(#${start})" marker-end="url(#${end})"><title>${html(relationTitle(r, tables))}</title></path>`
    );
  });
  const nodes = layout.nodes.map((n) => node(n, tables.get(n.key)!));
  return (
    `<g class="er-layer" data-detail="${layout.detail}" data-width="${layout.width}" data-height="${layout.height}"${visible ? '' : ' visibility="hidden"'}>` +
    groups.join('') +
    `<g class="er-edges">${edges.join('')}</g>` +
    `<g class="er-nodes">${nodes.join('')}</g>` +
    `</g>`
  );
}

/** Both levels of detail are drawn; the page shows one and switches without a new layout. */
export function renderDiagramSvg(data: ReportData, layouts: DiagramLayout[], initial: DiagramLayout['detail']): string {
  const tables = new Map(data.tables.map((t) => [t.key, t]));
  const shown = layouts.find((l) => l.detail === initial) ?? layouts[0];
  const pad = 20;
  return (
    `<svg class="er" xmlns="http://www.w3.org/2000/svg" role="img" aria-label="Entity-relationship diagram" ` +
    `viewBox="${-pad} ${-pad} ${shown.width + 2 * pad} ${shown.height + 2 * pad}" data-pad="${pad}" data-initial="${shown.detail}">` +
    MARKERS +
    `<g class="er-viewport">${layouts.map((l) => layer(data, l, tables, l === shown)).join('')}</g>` +
    `</svg>`
  );
}
