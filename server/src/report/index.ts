/**
 * The schema report: one implementation for the editor (the `dbDesign/report` request) and the CLI
 * (`db-design report`). scope.ts reads a file or folder through the engine, build.ts turns the schema
 * and findings into plain data, render/ writes that data as Markdown, HTML or JSON.
 */
import type { Location, ReportData } from './types';
import { renderHtml, type HtmlOptions } from './render/html';
import { renderMarkdown } from './render/markdown';

export { buildReport, type ReportInput } from './build';
export { reportInput, ReportScopeError, schemaFilesBelow, type ScopeOptions } from './scope';
export { renderHtml, contentSecurityPolicy, type HtmlOptions } from './render/html';
export { renderMarkdown, type MarkdownOptions } from './render/markdown';
export { mermaidErDiagram } from './render/mermaid';
export { relativeLinks } from './links';
export type * from './types';

export type ReportFormat = 'md' | 'html' | 'json';
export const REPORT_FORMATS: readonly ReportFormat[] = ['md', 'html', 'json'];

export function renderJson(data: ReportData): string {
  return JSON.stringify(data, null, 2) + '\n';
}

export interface RenderOptions {
  /** Link target of a source position in the written file. */
  href?: (at: Location) => string;
  html?: Omit<HtmlOptions, 'href'>;
}

export function renderReport(data: ReportData, format: ReportFormat, opts: RenderOptions = {}): string {
  if (format === 'json') return renderJson(data);
  if (format === 'md') return renderMarkdown(data, { href: opts.href });
  return renderHtml(data, { ...opts.html, href: opts.href });
}
