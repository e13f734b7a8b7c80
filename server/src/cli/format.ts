/** Output formats of `db-design check`: text for people, JSON and SARIF for machines (see shared spec CLI.md). */
import * as path from 'node:path';
import { docsUrl } from '../engine/docs';
import type { Finding, Severity } from '../model/findings';
import { LineIndex, type Span } from '../model/text';
import { allRules, ruleById } from '../rules/registry';
import { uriToPath } from '../engine/analyze';
import { PACKAGE_VERSION } from '../engine/version';
import type { EngineDecision } from '../workspace/project-engine';
import { plural } from '../report/render/text';
import type { CheckResult, CheckedFile } from './check';


/** Paths relative to the current directory, with `/` separators, as the contract asks. */
export function displayPath(fsPath: string): string {
  const rel = path.relative(process.cwd(), fsPath) || path.basename(fsPath);
  return rel.split(path.sep).join('/');
}

/** A URI's display path, remembered for one output: its edits name the same few files again and again. */
function uriDisplayer(): (uri: string) => string {
  const shown = new Map<string, string>();
  return (uri) => {
    let s = shown.get(uri);
    if (s === undefined) {
      const p = uriToPath(uri);
      s = p ? displayPath(p) : uri;
      shown.set(uri, s);
    }
    return s;
  };
}

function range(span: Span, lines: LineIndex) {
  return { start: lines.positionAt(span.start), end: lines.positionAt(span.end) };
}

/** Index of every file's text, for edits that land in another file of a Prisma schema. */
function lineIndexFor(result: CheckResult) {
  const cache = new Map<string, LineIndex>();
  let checked: Map<string, string> | undefined;
  return (file: CheckedFile, uri: string, texts: { uri: string; text: string }[] = []): LineIndex => {
    let idx = cache.get(uri);
    if (!idx) {
      checked ??= new Map(result.files.map((f) => [f.uri, f.text]));
      const text = uri === file.uri ? file.text : texts.find((t) => t.uri === uri)?.text ?? checked.get(uri) ?? '';
      idx = new LineIndex(text);
      cache.set(uri, idx);
    }
    return idx;
  };
}

export function toJson(result: CheckResult): string {
  const index = lineIndexFor(result);
  const uriDisplay = uriDisplayer();
  const diagnostics = result.files.flatMap((file) => {
    const shown = displayPath(file.path);
    return file.findings.map((f) => ({
      file: shown,
      rule: f.rule,
      severity: f.severity,
      message: f.message,
      range: range(f.span, index(file, file.uri)),
      fixes: f.fixes.map((fix) => ({
        title: fix.title,
        edits: fix.edits.map((e) => ({ file: uriDisplay(e.uri), range: range(e.span, index(file, e.uri)), newText: e.newText })),
      })),
    }));
  });
  const { engine, engines } = enginesOf(result);
  return JSON.stringify({ version: 1, files: result.files.length, engine, engines, ...(result.changedSince ? { changedSince: result.changedSince } : {}), diagnostics }, null, 2);
}

type EngineJson = { name: string; from: string; file?: string; detail?: string };

function engineJson(d: EngineDecision): EngineJson {
  const out: EngineJson = { name: d.name, from: d.from };
  if (d.file) out.file = displayPath(d.file);
  if (d.detail) out.detail = d.detail;
  return out;
}

/**
 * The engine of the checked project (top level), and every decision with the files it covers. When
 * the files were read for several engines, the top level says `multiple`.
 */
export function enginesOf(result: CheckResult): { engine: EngineJson | undefined; engines: (EngineJson & { files: string[] })[] } {
  const groups = new Map<string, EngineJson & { files: string[] }>();
  for (const f of result.files) {
    if (!f.engine) continue;
    const e = engineJson(f.engine);
    const key = JSON.stringify(e);
    const g = groups.get(key) ?? { ...e, files: [] };
    g.files.push(displayPath(f.path));
    groups.set(key, g);
  }
  const engines = [...groups.values()].sort((a, b) => b.files.length - a.files.length || a.name.localeCompare(b.name));
  const names = [...new Set(engines.map((e) => e.name))];
  let engine: EngineJson | undefined;
  if (names.length > 1) engine = { name: 'multiple', from: 'per migration set or file', detail: names.sort().join(', ') };
  else if (result.projectEngine && (names.length === 0 || result.projectEngine.name === names[0])) engine = engineJson(result.projectEngine);
  else if (engines.length) engine = { name: engines[0].name, from: engines[0].from, ...(engines[0].file ? { file: engines[0].file } : {}), ...(engines[0].detail ? { detail: engines[0].detail } : {}) };
  return { engine, engines };
}

const SYMBOL: Record<Severity, string> = { error: 'error', warning: 'warning', info: 'info', hint: 'hint' };

export function toText(result: CheckResult, color: boolean): string {
  const paint = (code: number, s: string) => (color ? `\u001b[${code}m${s}\u001b[0m` : s);
  const sevColor: Record<Severity, number> = { error: 31, warning: 33, info: 36, hint: 90 };
  const out: string[] = [];
  const counts: Record<Severity, number> = { error: 0, warning: 0, info: 0, hint: 0 };
  for (const file of result.files) {
    if (!file.findings.length) continue;
    const lines = new LineIndex(file.text);
    out.push(paint(4, displayPath(file.path)));
    for (const f of file.findings) {
      counts[f.severity]++;
      const pos = lines.positionAt(f.span.start);
      const fixable = f.fixes.length ? paint(90, ' (fix available)') : '';
      out.push(`  ${`${pos.line + 1}:${pos.character + 1}`.padEnd(8)} ${paint(sevColor[f.severity], SYMBOL[f.severity].padEnd(7))} ${f.message}  ${paint(90, f.rule)}${fixable}`);
    }
    out.push('');
  }
  const total = counts.error + counts.warning + counts.info + counts.hint;
  const summary = `${plural(total, 'problem')} (${plural(counts.error, 'error')}, ${plural(counts.warning, 'warning')}, ${counts.info} info, ${plural(counts.hint, 'hint')}) in ${plural(result.files.length, 'file')}`;
  out.push(total ? paint(counts.error ? 31 : 33, summary) : `${summary}: no problems`);
  if (result.fixedFiles) out.push(`fixed ${plural(result.fixedFiles, 'file')}`);
  return out.join('\n');
}

const SARIF_LEVEL: Record<Severity, string> = { error: 'error', warning: 'warning', info: 'note', hint: 'note' };

export function toSarif(result: CheckResult): string {
  const index = lineIndexFor(result);
  const uriDisplay = uriDisplayer();
  const rules = allRules.map((r) => ({
    id: r.meta.id,
    name: r.meta.id,
    shortDescription: { text: r.meta.summary },
    fullDescription: { text: r.meta.why },
    helpUri: docsUrl(r.meta.id, true),
    help: { text: r.meta.fix, markdown: r.meta.fix },
    defaultConfiguration: { level: r.meta.defaultSeverity === 'off' ? 'none' : SARIF_LEVEL[r.meta.defaultSeverity] },
    properties: { category: r.meta.category, appliesTo: r.meta.appliesTo },
  }));
  const ruleIndex = new Map(rules.map((r, i) => [r.id, i]));
  const region = (span: Span, lines: LineIndex) => {
    const r = range(span, lines);
    return { startLine: r.start.line + 1, startColumn: r.start.character + 1, endLine: r.end.line + 1, endColumn: r.end.character + 1 };
  };
  const results = result.files.flatMap((file) => {
    const shown = displayPath(file.path);
    return file.findings.map((f: Finding) => ({
      ruleId: f.rule,
      ruleIndex: ruleIndex.get(f.rule),
      level: SARIF_LEVEL[f.severity],
      message: { text: f.message },
      locations: [{ physicalLocation: { artifactLocation: { uri: shown }, region: region(f.span, index(file, file.uri)) } }],
      fixes: f.fixes.map((fix) => ({
        description: { text: fix.title },
        artifactChanges: groupByUri(fix.edits).map(([uri, edits]) => ({
          artifactLocation: { uri: uriDisplay(uri) },
          replacements: edits.map((e) => ({ deletedRegion: region(e.span, index(file, uri)), insertedContent: { text: e.newText } })),
        })),
      })),
    }));
  });
  return JSON.stringify(
    {
      $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
      version: '2.1.0',
      runs: [
        {
          tool: { driver: { name: 'db-design', version: PACKAGE_VERSION, informationUri: 'https://github.com/db-design/db-design', rules } },
          columnKind: 'utf16CodeUnits',
          results,
        },
      ],
    },
    null,
    2,
  );
}

function groupByUri<T extends { uri: string }>(edits: T[]): [string, T[]][] {
  const m = new Map<string, T[]>();
  for (const e of edits) (m.get(e.uri) ?? m.set(e.uri, []).get(e.uri)!).push(e);
  return [...m];
}

export function rulesTable(format: 'text' | 'json'): string {
  if (format === 'json') {
    return JSON.stringify(
      allRules.map((r) => ({
        id: r.meta.id,
        severity: r.meta.defaultSeverity,
        languages: r.meta.appliesTo,
        fixable: r.meta.fixable,
        summary: r.meta.summary,
        docs: docsUrl(r.meta.id, true),
      })),
      null,
      2,
    );
  }
  const rows = allRules.map((r) => [r.meta.id, r.meta.defaultSeverity, r.meta.appliesTo.join(','), r.meta.fixable ? 'fix' : '', r.meta.summary]);
  const widths = [0, 1, 2, 3].map((i) => Math.max(...rows.map((row) => row[i].length), ['rule', 'default', 'languages', 'fix'][i].length));
  const line = (row: string[]) => row.map((c, i) => (i < 4 ? c.padEnd(widths[i]) : c)).join('  ');
  return [line(['rule', 'default', 'languages', 'fix', 'summary']), ...rows.map(line)].join('\n');
}

export { ruleById };
