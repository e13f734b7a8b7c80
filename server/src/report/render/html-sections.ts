/**
 * The report page's sections as HTML fragments. Every user-supplied string goes through `html()`;
 * nothing here builds markup from names any other way.
 */
import type { Severity } from '../../model/findings';
import type { HygieneCheck, Location, ReportData, ReportTable } from '../types';
import { html } from './escape';
import { percent, plural, positionLabel, severityCounts, unreportedFks } from './text';

export type Href = (at: Location) => string;

/** A link to a position: a plain link in a file, a message to the editor in the webview. */
export function locLink(at: Location, href: Href, text = positionLabel(at)): string {
  const r = at.range;
  return (
    `<a class="loc mono" href="${html(href(at))}" data-uri="${html(at.uri)}" data-line="${r.start.line}" data-character="${r.start.character}" ` +
    `data-end-line="${r.end.line}" data-end-character="${r.end.character}">${html(text)}</a>`
  );
}

function ruleLink(rule: string, docs: string): string {
  return `<a class="rule mono" href="${html(docs)}" data-rule="${html(rule)}">${html(rule)}</a>`;
}

const SEVERITIES: Severity[] = ['error', 'warning', 'info', 'hint'];

export function summarySection(data: ReportData, href: Href): string {
  const s = data.summary;
  const cov = data.fkCoverage;
  const c = data.findings.counts;
  const card = (n: number | string, label: string, extra = '') => `<div class="card"><div class="n">${html(n)}</div><div class="l">${html(label)}</div>${extra}</div>`;
  const bucket = cov.total ? Math.round((cov.covered / cov.total) * 10) * 10 : 100;
  const unreported = unreportedFks(data);
  const list = `<ul>${cov.uncovered.map((u) => `<li><span class="uncovered">not covered</span> ${html(u.table)} (${html(u.columns.join(', '))}) → ${html(u.refTable)} · ${locLink(u.at, href)}</li>`).join('')}</ul>`;
  // A long list would push the diagram off the first screen; it folds, with the count in view.
  const uncovered = cov.uncovered.length
    ? cov.uncovered.length > 10
      ? `<details><summary>${cov.uncovered.length} foreign keys without an index</summary>${list}</details>`
      : list
    : cov.total
      ? '<p class="muted">Every foreign key leads an index.</p>'
      : '';
  const why = unreported ? `<p class="muted">${html(unreported)}</p>` : '';
  return (
    `<section id="summary"><h2>Summary</h2><div class="cards">` +
    card(s.tables, 'tables') +
    (s.views ? card(s.views, 'views') : '') +
    card(s.columns, 'columns') +
    card(s.indexes, 'indexes') +
    card(s.relations, 'relations') +
    card(`${cov.covered} of ${cov.total}`, `foreign keys covered by an index (${percent(cov.covered, cov.total)})`, `<div class="bar p${bucket}"><span></span></div>`) +
    card(SEVERITIES.reduce((n, x) => n + c[x], 0), `findings: ${severityCounts(c)}`) +
    `</div><h3>Foreign-key index coverage</h3>${why}${uncovered || '<p class="muted">No foreign keys.</p>'}</section>`
  );
}

export function diagramSection(svg: string, tableCount: number): string {
  if (!tableCount) return `<section id="diagram"><h2>Diagram</h2><p class="muted">No tables in scope.</p></section>`;
  return (
    `<section id="diagram"><h2>Diagram</h2>` +
    `<div class="diagram-tools">` +
    `<input id="er-filter" type="search" placeholder="Filter tables" aria-label="Filter tables by name">` +
    `<button id="er-zoom-out" class="secondary" title="Zoom out" aria-label="Zoom out">−</button>` +
    `<button id="er-zoom-in" class="secondary" title="Zoom in" aria-label="Zoom in">+</button>` +
    `<button id="er-fit" class="secondary">Fit</button>` +
    `<button id="er-detail" class="secondary">Show all columns</button>` +
    `<span class="legend">Scroll or drag to move, Ctrl+scroll to zoom. Click a table to focus it and its relations, double-click to jump to its details. ` +
    `Lines: ‖ one, ○| zero or one, ○&lt; many.</span>` +
    `</div><div class="canvas">${svg}</div></section>`
  );
}

function hygieneRow(h: HygieneCheck, href: Href): string {
  const items = h.items.map((i) => `<li>${html(i.table)}.${html(i.column)} <code>${html(i.type)}</code> · ${locLink(i.at, href)}</li>`).join('');
  const where = h.items.length ? `<details><summary>${h.items.length} column${h.items.length === 1 ? '' : 's'}</summary><ul>${items}</ul></details>` : '';
  return `<tr><td>${html(h.label)}</td><td>${h.items.length}</td><td>${html(h.why)}${where}</td></tr>`;
}

export function hygieneSection(data: ReportData, href: Href): string {
  return (
    `<section id="hygiene"><h2>Type hygiene</h2><table class="grid"><thead><tr><th>pattern</th><th>count</th><th>why it matters</th></tr></thead>` +
    `<tbody>${data.hygiene.map((h) => hygieneRow(h, href)).join('')}</tbody></table></section>`
  );
}

export function findingsSection(data: ReportData, href: Href): string {
  if (!data.findings.byRule.length) return `<section id="findings"><h2>Findings</h2><p class="muted">No findings.</p></section>`;
  const groups = data.findings.byRule.map((g) => {
    const counts = SEVERITIES.map((s) => [s, g.items.filter((i) => i.severity === s).length] as const)
      .filter(([, n]) => n)
      .map(([s, n]) => `<span class="badge sev-${s}">${n} ${s}</span>`)
      .join('');
    const items = g.items.map((f) => `<li><span class="sev sev-${f.severity}">${f.severity}</span> ${locLink(f.at, href)} ${html(f.message)}</li>`).join('');
    return `<details open><summary>${ruleLink(g.rule, g.docs)} ${counts} <span class="muted">${html(g.summary)}</span></summary><ul class="findings">${items}</ul></details>`;
  });
  return `<section id="findings"><h2>Findings</h2>${groups.join('')}</section>`;
}

function tableDetails(t: ReportTable, href: Href): string {
  const columns = t.columns
    .map(
      (c) =>
        `<tr><td class="mono">${html(c.name)}</td><td class="mono">${html(c.type)}</td><td>${c.nullable ? 'null' : 'not null'}</td>` +
        `<td class="mono">${html(c.default)}</td><td>${html(c.keys.join(' '))}</td><td>${html(c.comment)}</td><td>${locLink(c.at, href, `${c.at.range.start.line + 1}`)}</td></tr>`,
    )
    .join('');
  const indexes = t.indexes
    .map((ix) => {
      const kind = ix.kind === 'primary' ? 'primary key' : ix.kind === 'unique' ? 'unique' : 'index';
      const extra = [ix.method ? `using ${ix.method}` : '', ix.where ? `where ${ix.where}` : ''].filter(Boolean).join(' ');
      return `<li>${kind}${ix.name ? ` <code>${html(ix.name)}</code>` : ''} (${html(ix.columns.join(', '))})${extra ? ` <code>${html(extra)}</code>` : ''}${ix.at ? ` · ${locLink(ix.at, href)}` : ''}</li>`;
    })
    .join('');
  const fks = t.foreignKeys
    .map((fk) => {
      const cover = fk.coveredBy ? `<span class="muted">covered by ${html(fk.coveredBy)}</span>` : '<span class="uncovered">no index</span>';
      return `<li>(${html(fk.columns.join(', '))}) → ${html(fk.refTableName)} (${html(fk.refColumns.join(', '))})${fk.onDelete ? ` on delete ${html(fk.onDelete)}` : ''} · ${cover} · ${locLink(fk.at, href)}</li>`;
    })
    .join('');
  const badges = [
    t.kind !== 'table' ? `<span class="badge">${html(t.kind)}</span>` : '',
    t.findings ? `<span class="badge sev-warning">${t.findings} finding${t.findings === 1 ? '' : 's'}</span>` : '',
    t.group ? `<span class="badge">${html(t.group)}</span>` : '',
  ].join('');
  return (
    `<details class="table" data-key="${html(t.key)}" data-name="${html(t.name.toLowerCase())}"><summary>${html(t.name)}${t.tableName ? ` <span class="muted">table ${html(t.tableName)}</span>` : ''} ` +
    `<span class="muted">${plural(t.columns.length, 'column')}</span>${badges}</summary>` +
    `<p>${locLink(t.at, href)}${t.comment ? ` · ${html(t.comment)}` : ''}${t.rls ? ` · row level security ${t.rls.enabled ? 'enabled' : 'disabled'}${t.rls.forced ? ', forced' : ''}` : ''}</p>` +
    `<table class="grid"><thead><tr><th>column</th><th>type</th><th>null</th><th>default</th><th>keys</th><th>comment</th><th>line</th></tr></thead><tbody>${columns}</tbody></table>` +
    (indexes ? `<p>Indexes</p><ul>${indexes}</ul>` : '') +
    (fks ? `<p>Foreign keys</p><ul>${fks}</ul>` : '') +
    `</details>`
  );
}

export function tablesSection(data: ReportData, href: Href): string {
  const enums = data.enums.length
    ? `<h3>Enums</h3><ul>${data.enums.map((e) => `<li><code>${html(e.name)}</code>: ${e.values.map((v) => html(v)).join(', ')}${e.at ? ` · ${locLink(e.at, href)}` : ''}</li>`).join('')}</ul>`
    : '';
  return `<section id="tables"><h2>Tables</h2>${data.tables.map((t) => tableDetails(t, href)).join('')}${enums}</section>`;
}
