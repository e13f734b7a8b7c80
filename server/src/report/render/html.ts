/**
 * The report as one self-contained HTML page: the VS Code webview shows it, and `--format html` writes
 * it. No external resource at all; the one <style> and the one <script> carry a fresh nonce that the
 * Content-Security-Policy names, so nothing else can run or style the page, whatever a schema holds.
 */
import { randomBytes } from 'node:crypto';
import { layoutDiagram, type DiagramDetail } from '../diagram/layout';
import { renderDiagramSvg } from '../diagram/svg';
import type { Location, ReportData } from '../types';
import { reportPageScript } from './browser';
import { html } from './escape';
import { diagramSection, findingsSection, hygieneSection, summarySection, tablesSection, type Href } from './html-sections';
import { REPORT_CSS } from './styles';
import { describeSource } from './text';

/** Above this many tables the diagram opens on key columns only; the full boxes are one click away. */
export const KEYS_ONLY_ABOVE = 24;

export interface HtmlOptions {
  /** Link target of a location in an exported file (the webview opens positions itself). */
  href?: Href;
  /** Provided by tests; otherwise 128 random bits per page. */
  nonce?: string;
  detail?: DiagramDetail;
}

export function contentSecurityPolicy(nonce: string): string {
  return `default-src 'none'; img-src data:; style-src 'nonce-${nonce}'; script-src 'nonce-${nonce}'; base-uri 'none'; form-action 'none'`;
}

const defaultHref: Href = (at: Location) => at.path;

export function renderHtml(data: ReportData, opts: HtmlOptions = {}): string {
  const nonce = opts.nonce ?? randomBytes(16).toString('base64');
  const href = opts.href ?? defaultHref;
  const detail = opts.detail ?? (data.tables.length > KEYS_ONLY_ABOVE ? 'keys' : 'columns');
  const svg = data.tables.length ? renderDiagramSvg(data, [layoutDiagram(data, 'columns'), layoutDiagram(data, 'keys')], detail) : '';
  const notes = data.notes.length ? `<div class="notes">${data.notes.map((n) => `<p>${html(n)}</p>`).join('')}</div>` : '';
  return [
    '<!DOCTYPE html>',
    '<html lang="en">',
    '<head>',
    '<meta charset="utf-8">',
    `<meta http-equiv="Content-Security-Policy" content="${contentSecurityPolicy(nonce)}">`,
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    `<title>${html(data.title)}</title>`,
    `<style nonce="${nonce}">${REPORT_CSS}</style>`,
    '</head>',
    '<body>',
    '<header>',
    `<div class="exports"><button data-export="md" class="secondary">Export Markdown</button><button data-export="html" class="secondary">Export HTML</button><button data-export="json" class="secondary">Export JSON</button></div>`,
    `<h1>${html(data.title)}</h1>`,
    `<div class="source">${html(describeSource(data))}</div>`,
    '<nav><a href="#summary">Summary</a><a href="#diagram">Diagram</a><a href="#hygiene">Type hygiene</a><a href="#findings">Findings</a><a href="#tables">Tables</a></nav>',
    notes,
    '</header>',
    '<main>',
    summarySection(data, href),
    diagramSection(svg, data.tables.length),
    hygieneSection(data, href),
    findingsSection(data, href),
    tablesSection(data, href),
    '</main>',
    `<script nonce="${nonce}">(${reportPageScript.toString()})();</script>`,
    '</body>',
    '</html>',
    '',
  ].join('\n');
}
