/**
 * The analysis engine: one entry point shared by the language server and the CLI. It finds the unit
 * a file belongs to (a Prisma schema folder, a SQL file), runs the front end, runs the rules over the
 * shared model, renders their fix intents, applies suppressions and returns plain findings.
 */
import * as path from 'node:path';
import type { Budget, Unread } from '../model/budget';
import type { FrontEndResult } from '../model/frontend';
import { withLazyFixes, type Finding, type Fix, type Severity, type TextEdit } from '../model/findings';
import { LineIndex, type SourceRef } from '../model/text';
import { prismaSchemaFiles } from '../prisma';
import { allRules, ruleById } from '../rules/registry';
import { ruleApplies, type Report, type Rule } from '../rules/types';
import { describeEngine, ProjectEngines, type EngineDecision } from '../workspace/project-engine';
import { migrationAge, type MigrationAge } from '../workspace/migration-age';
import { generatedFrom, SQL_ONLY_DESIGN_RULES, type GeneratedFrom } from '../workspace/source-of-truth';
import { CachingHost, SqlWorkspace, type SqlUnit } from '../workspace/unit';
import { loadConfig, type ConfigMemo, type ConfigOverrides, type ResolvedConfig } from './config';
import { isScriptPath, languageOf, pathToUri, uriToPath, type Language } from './files';
import { applyHistoryPolicy } from './history-policy';
import { configuredEngine, designLanguage, loadUnit } from './load';
import { oncePerPlace } from './shared-reports';
import type { Shifted } from './shifted';
import { applySuppressions, parseDirectives } from './suppression';
import { TableReports } from './table-reports';

/** File access for the engine: the CLI reads the disk, the language server overlays open documents. */
export interface AnalysisHost {
  readFile(fsPath: string): string | undefined;
  readDir(fsPath: string): { name: string; isDir: boolean }[];
  /**
   * A number that changes whenever any file may have changed (an edit, a save, a file created or
   * deleted). While it stays the same the engine reuses what it read: with it, checking a folder of
   * 700 migrations reads each once, not once per file. Hosts without it are read every time.
   */
  revision?(): number;
}

export interface FileAnalysis {
  uri: string;
  language: Language;
  text: string;
  unit: FrontEndResult;
  config: ResolvedConfig;
  /** The database engine the file was read for, and what decided it. */
  engine: EngineDecision;
  /** For a migration a tool generates from a schema: that schema, where design findings are reported. */
  generatedFrom?: GeneratedFrom;
  /** For a migration: new (added or changed) or history (has run: never edited), and why. */
  age?: MigrationAge;
  findings: Finding[];
  /**
   * The budget stopped the work before the end: where its statements stopped (the offset of the first one
   * not read; the end of the file when all were read) and how many rules it left out. The next analysis of
   * the same text goes on from there.
   */
  partial?: { from: number; rulesSkipped: number };
  /** Time spent, for the status bar and benchmarks. */
  millis: number;
  /**
   * Made from the analysis of an earlier text by moving its places, after an edit that changes no statement
   * (in a plain comment, spaces between tokens: shifted.ts): `unit` is that analysis's, with its offsets;
   * hovers read it through `shifted`.
   */
  shifted?: Shifted;
}

export class Engine {
  readonly sql: SqlWorkspace;
  private readonly cached: CachingHost;
  readonly engines: ProjectEngines;
  /** Per project folder, the one file that carries the "engine unknown" notice. */
  private readonly unknownNoticeAt = new Map<string, string>();

  /**
   * `inOrder`: the caller analyses each file once, a migration set's files in the set's order (`db-design check`):
   * a history's files are replayed once for all of them (workspace/replay.ts).
   */
  constructor(
    readonly host: AnalysisHost,
    private readonly overrides: (uri: string) => ConfigOverrides = () => ({}),
    opts: { inOrder?: boolean } = {},
  ) {
    // One read of each file and folder per revision, shared by the config lookup, the engine decision and the replay.
    this.cached = new CachingHost(host);
    this.sql = new SqlWorkspace(this.cached, opts.inOrder);
    this.engines = new ProjectEngines(this.cached);
  }

  /** A file's text as the analysis reads it (one read per revision, shared with the analysis). */
  readFile(fsPath: string): string | undefined {
    return this.cached.readFile(fsPath);
  }

  configFor(uri: string): ResolvedConfig {
    const fsPath = uriToPath(uri);
    const dir = fsPath ? path.dirname(fsPath) : process.cwd();
    // Where each folder's config file is, and each one resolved, remembered while the host's revision stays the same.
    const memo = this.cached.perRevision<ConfigMemo>('config', () => ({ folders: new Map(), resolved: new Map() }));
    return loadConfig(this.cached, dir, this.overrides(uri), memo);
  }

  /**
   * The URIs of the other files whose findings depend on this one: the rest of a Prisma schema folder,
   * or the rest of a migration set (later migrations see this one's changes; earlier ones get their
   * design findings from the schema the whole history ends with).
   */
  dependents(uri: string): string[] {
    const fsPath = uriToPath(uri);
    if (!fsPath) return [];
    const language = languageOf(uri);
    // A TypeScript/JavaScript migration belongs to its set whatever is typed in it right now.
    if (language === 'sql' || isScriptPath(uri)) {
      const set = this.sql.setOf(fsPath, this.configFor(uri).migrations);
      return set ? set.files.filter((f) => f.fsPath !== fsPath).map((f) => pathToUri(f.fsPath)) : [];
    }
    if (language !== 'prisma') return [];
    return prismaSchemaFiles(fsPath, this.host)
      .map((p) => pathToUri(p))
      .filter((u) => u !== uri);
  }

  /**
   * The file's findings. With a `budget` (the editor's), work that runs past it stops: the findings so far
   * come back with one notice saying what was not checked.
   */
  async analyze(uri: string, text: string, language: Language, opts: { budget?: Budget } = {}): Promise<FileAnalysis> {
    const started = Date.now();
    const { budget } = opts;
    const config = this.configFor(uri);
    const { unit, engine } = await loadUnit(this, uri, text, language, config, budget);
    const lines = LineIndex.of(text);
    let findings: Finding[] = [];
    if (engine.name === 'unknown') findings.push(...this.unknownEngine(uri, unit, config));

    // The problems go before the rules' findings; they are read after the design rules, which may run while
    // Prisma's lint is still running on its thread (settle).
    const leading = findings.length;

    const sqlUnit = language === 'sql' ? (unit as SqlUnit) : undefined;
    const source = sqlUnit?.set && sqlUnit.role !== 'script' ? this.sourceOf(sqlUnit) : undefined;
    const unread = sqlUnit?.replay.unread;
    /** Rules the budget left out. */
    const skipped = { rules: 0 };
    for (const rule of allRules) {
      if (!rule.checkSchema && !rule.checkTable) continue;
      // A down migration restores an old state on purpose: its design is judged where it was first written.
      // Design needs the whole file: a table read in part is not missing what comes later (pg_dump adds keys last).
      if (sqlUnit?.role === 'down' || unread) continue;
      const severity = config.severity(rule.meta.id);
      if (severity === 'off' || !ruleApplies(rule.meta, designLanguage(language), unit.schema.dialect) || unit.cannotDeclare?.has(rule.meta.id)) continue;
      if (budget?.spent('rules')) {
        skipped.rules++;
        continue;
      }
      let reports: readonly Report[];
      try {
        reports = oncePerPlace(this.designReports(rule, unit, language, config).get(uri) ?? [], unit, uri);
      } catch (err) {
        // One broken rule must not take the others down; the finding says which rule failed.
        findings.push(internalError(rule.meta.id, uri, err));
        continue;
      }
      for (const r of reports) {
        // One source of truth: what the schema says is reported on the schema, not on the SQL generated from it.
        if (source && !SQL_ONLY_DESIGN_RULES.has(rule.meta.id) && this.generatedStatement(sqlUnit!, source, r.at.span.start)) continue;
        findings.push(withLazyFixes({ rule: rule.meta.id, severity, message: r.message, uri, span: unit.sourceSpan?.(r.at.span) ?? r.at.span, related: r.related, advice: r.advice }, () => renderFixes(unit, r)));
      }
    }

    // A reading ahead of Prisma's lint (a field renamed) that the lint does not bear out: read the file again.
    if (unit.settle && !unit.settle()) return this.analyze(uri, text, language, opts);
    findings.splice(leading, 0, ...this.problemFindings(unit, uri, config));

    if (sqlUnit) findings.push(...this.statementRules(sqlUnit, config, budget, skipped));

    const directives = parseDirectives(unit.comments, uri, lines);
    const unusedSetting = config.severity('unused-suppression');
    findings = applySuppressions(findings, directives, text, lines, unusedSetting === 'off' ? undefined : unusedSetting);
    const fsPath = uriToPath(uri);
    let age: MigrationAge | undefined;
    if (sqlUnit?.set && sqlUnit.role !== 'script' && fsPath) {
      const set = sqlUnit.set;
      const opts = { baseline: config.migrations.baseline, since: config.changedSince };
      age = migrationAge(fsPath, set, opts);
      const ageOf = (u: string) => {
        const p = uriToPath(u);
        return p ? migrationAge(p, set, opts) : undefined;
      };
      findings = applyHistoryPolicy(findings, { uri, set, age, dialect: unit.schema.dialect, toUri: pathToUri, ageOf });
    }
    const partial = budget && (unread || skipped.rules) ? { from: unread?.from ?? text.length, rulesSkipped: skipped.rules } : undefined;
    if (partial !== undefined) findings.push(budgetNotice(uri, budget!, unread, skipped.rules));
    findings.sort((a, b) => a.span.start - b.span.start || a.rule.localeCompare(b.rule));
    return { uri, language, text, unit, config, engine, generatedFrom: source, age, findings, partial, millis: Date.now() - started };
  }

  /** The front end's own problems (syntax errors, Prisma's validation) in `uri`, at their configured severity. */
  private problemFindings(unit: FrontEndResult, uri: string, config: ResolvedConfig): Finding[] {
    const out: Finding[] = [];
    for (const problem of unit.problems) {
      if (problem.uri !== uri) continue;
      const setting = config.severity(problem.rule);
      if (setting === 'off') continue;
      // Prisma's own warnings stay warnings unless the user configured the rule explicitly.
      const severity: Severity = problem.severity === 'warning' && setting === ruleById(problem.rule)?.meta.defaultSeverity ? 'warning' : setting;
      out.push({ rule: problem.rule, severity, message: problem.message, uri, span: problem.span, fixes: [] });
    }
    return out;
  }

  private readonly sources = new WeakMap<object, GeneratedFrom | null>();

  /** The schema a migration set is generated from (remembered per set object, which lives one revision). */
  private sourceOf(unit: SqlUnit): GeneratedFrom | undefined {
    const set = unit.set!;
    if (!this.sources.has(set)) this.sources.set(set, generatedFrom(set, this.host) ?? null);
    return this.sources.get(set) ?? undefined;
  }

  /**
   * Does the schema say what the statement holding `offset` says? Yes when the tool wrote it (the whole file
   * counts as written by it), and when it was written by hand but defines a table or columns of a table the
   * schema declares (the schema reports that table). Raw indexes, policies, triggers and tables the schema
   * does not declare are what only the SQL says.
   */
  private generatedStatement(unit: SqlUnit, source: GeneratedFrom, offset: number): boolean {
    const st = statementAt(unit.statements, offset);
    if (!st) return true;
    if (source.wrote(unit.file.text, st.view.ref.span.start)) return true;
    const info = st.info;
    if (info.kind !== 'create-table' && info.kind !== 'alter-table') return false;
    if (source.declaration(info.table.name) !== undefined) return true;
    // A table created under a temporary name and renamed later (SQLite's table rebuild) is the schema's by its final name.
    const span = st.view.ref.span;
    const made = info.kind === 'create-table' ? [...unit.schema.tables.values()].find((t) => t.source.uri === unit.file.uri && t.source.span.start >= span.start && t.source.span.end <= span.end) : undefined;
    return made !== undefined && made.name !== info.table.name && source.declaration(made.name) !== undefined;
  }

  /**
   * Nothing says which engine the file is for: PostgreSQL's syntax errors are not the user's errors. They
   * are dropped, and one info per project (on the first file that had any) says how to set the engine.
   */
  private unknownEngine(uri: string, unit: FrontEndResult, config: ResolvedConfig): Finding[] {
    const rejected = unit.problems.filter((p) => p.rule === 'syntax-error' && p.uri === uri);
    if (!rejected.length) return [];
    unit.problems = unit.problems.filter((p) => !rejected.includes(p));
    const fsPath = uriToPath(uri);
    const project = fsPath ? this.engines.project(path.dirname(fsPath)).root : uri;
    const first = this.unknownNoticeAt.get(project);
    if (first !== undefined && first !== uri) return [];
    this.unknownNoticeAt.set(project, uri);
    const severity = config.severity('syntax-error');
    if (severity === 'off') return [];
    const n = rejected.length;
    return [
      {
        rule: 'syntax-error',
        severity: 'info',
        message:
          `Nothing in this project says which database engine its SQL is for, and PostgreSQL's parser rejects ${n} statement${n === 1 ? '' : 's'} here, ` +
          `so they are not reported as errors. Set "dialect" in db-design.json (postgresql, sqlite or mysql) or the dbDesign.dialect setting; ` +
          `a driver in package.json, go.mod or Cargo.toml, a Prisma or drizzle-kit config, or a docker-compose image also tells it.`,
        uri,
        span: rejected[0].span,
        fixes: [],
      },
    ];
  }

  /**
   * A design rule's reports over a schema, by the file they are located in. Every file of a migration
   * history shares the schema the history ends with (the same object while nothing changes), so the rule
   * runs once per history state, not once per file, and each file reads only its own reports (not all of
   * them: that would be quadratic in the history's length).
   */
  private designReports(rule: Rule, unit: FrontEndResult, language: Language, config: ResolvedConfig): Map<string, Report[]> {
    const key = designKey(rule, language, config);
    let perSchema = this.designCache.get(unit.schema);
    const hit = perSchema?.get(key);
    if (hit) return hit;
    const options = config.options(rule.meta.id);
    const optionsOf = (id: string) => (rule.meta.consults?.includes(id) && config.severity(id) !== 'off' ? config.options(id) : undefined);
    const byUri = new Map<string, Report[]>();
    const report = (r: Report) => {
      const list = byUri.get(r.at.uri);
      if (list) list.push(r);
      else byUri.set(r.at.uri, [r]);
    };
    const ctx = { dialect: unit.schema.dialect, language: designLanguage(language), pgVersion: config.pgVersion, options, optionsOf };
    if (rule.checkTable) this.tableReports.run(rule, `${key}\u0000${ctx.dialect}`, ctx, unit.schema, report);
    else rule.checkSchema!({ ...ctx, schema: unit.schema, report });
    if (!perSchema) {
      perSchema = new Map();
      this.designCache.set(unit.schema, perSchema);
    }
    perSchema.set(key, byUri);
    return byUri;
  }

  private readonly designCache = new WeakMap<object, Map<string, Map<string, Report[]>>>();
  private readonly tableReports = new TableReports();

  /** The statement rules over the file's statements, with the migration history's facts. */
  private statementRules(unit: SqlUnit, config: ResolvedConfig, budget: Budget | undefined, skipped: { rules: number }): Finding[] {
    const findings: Finding[] = [];
    const uri = unit.file.uri;
    for (const rule of allRules as readonly Rule[]) {
      if (!rule.checkStatements) continue;
      const severity = config.severity(rule.meta.id);
      if (severity === 'off' || !ruleApplies(rule.meta, 'sql', unit.schema.dialect)) continue;
      if (budget?.spent('rules')) {
        skipped.rules++;
        continue;
      }
      const reports: Report[] = [];
      try {
        rule.checkStatements({
          file: unit.file,
          statements: unit.statements,
          schema: unit.schema,
          dialect: unit.schema.dialect,
          pgVersion: config.pgVersion,
          options: config.options(rule.meta.id),
          report: (r) => reports.push(r),
        });
      } catch (err) {
        findings.push(internalError(rule.meta.id, uri, err));
        continue;
      }
      for (const r of reports) {
        if (r.at.uri !== uri) continue;
        findings.push(withLazyFixes({ rule: rule.meta.id, severity, message: r.message, uri, span: unit.sourceSpan?.(r.at.span) ?? r.at.span, related: r.related, advice: r.advice }, () => renderFixes(unit, r)));
      }
    }
    return findings;
  }

  /** The engine of a SQL file, as `analyze` decides it (for features that read SQL without analysing it). */
  engineOf(uri: string, text: string): EngineDecision {
    const config = this.configFor(uri);
    const fsPath = uriToPath(uri);
    const set = fsPath ? this.sql.setOf(fsPath, config.migrations) : undefined;
    return this.engines.decide(fsPath, uri, text, configuredEngine(config), set);
  }

}

/** The first statement (in file order) whose span holds `offset`, by binary search: reports ask once each. */
function statementAt<S extends { view: { ref: SourceRef } }>(statements: readonly S[], offset: number): S | undefined {
  let lo = 0;
  let hi = statements.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (statements[mid].view.ref.span.end < offset) lo = mid + 1;
    else hi = mid;
  }
  const st = statements[lo];
  return st && st.view.ref.span.start <= offset ? st : undefined;
}

export { describeEngine };
export { fileNotice, isScriptPath, languageOf, looksBinary, MAX_FILE_BYTES, pathToUri, uriToPath, type Language } from './files';

function renderFixes(unit: FrontEndResult, r: Report): Fix[] {
  const fixes: Fix[] = [];
  for (const proposal of r.fixes ?? []) {
    let edits: TextEdit[] | undefined;
    try {
      const parts = [proposal.intent, ...(proposal.also ?? [])].map((intent) => unit.render(intent));
      edits = parts.every((p) => p?.length) ? parts.flatMap((p) => p!) : undefined;
    } catch {
      edits = undefined;
    }
    if (!edits || edits.length === 0 || overlapping(edits)) continue;
    fixes.push({ title: proposal.title, edits, safe: proposal.safe, preferred: proposal.preferred });
  }
  return fixes;
}

function overlapping(edits: TextEdit[]): boolean {
  const sorted = [...edits].sort((a, b) => (a.uri === b.uri ? a.span.start - b.span.start : a.uri.localeCompare(b.uri)));
  for (let i = 1; i < sorted.length; i++) {
    if (sorted[i].uri === sorted[i - 1].uri && sorted[i].span.start < sorted[i - 1].span.end) return true;
  }
  return false;
}

/**
 * The one notice for work the budget cut short: at the first statement not checked (or the file's start
 * when only rules were left out), with how to check the whole file.
 */
function budgetNotice(uri: string, budget: Budget, unread: Unread | undefined, rulesSkipped: number): Finding {
  const seconds = `${+(budget.millis / 1000).toFixed(1)} s`;
  const name = path.basename(uriToPath(uri) ?? uri);
  let what: string;
  if (unread) {
    const n = unread.count;
    what = `its last ${n.toLocaleString('en')} statement${n === 1 ? '' : 's'} (from here on) and the design rules (they need the whole file) were not checked`;
  } else {
    what = `${rulesSkipped} rule${rulesSkipped === 1 ? '' : 's'} did not run`;
  }
  const at = unread?.from ?? 0;
  return {
    rule: 'syntax-error',
    severity: 'info',
    message: `db-design checked this file only in part to keep the editor responsive: after ${seconds}, ${what}. Run \`npx db-design check ${name}\` in its folder for the full check.`,
    uri,
    span: { start: at, end: at },
    fixes: [],
  };
}

function internalError(rule: string, uri: string, err: unknown): Finding {
  const message = err instanceof Error ? err.message : String(err);
  return {
    rule,
    severity: 'error',
    message: `Internal error in rule ${rule}: ${message}. Please report it; the other rules still ran.`,
    uri,
    span: { start: 0, end: 0 },
    fixes: [],
  };
}


/** What a design rule's reports depend on besides the schema, as one string: worked out once per config, language and rule. */
const designKeys = new WeakMap<ResolvedConfig, Map<Language, Map<Rule, string>>>();

function designKey(rule: Rule, language: Language, config: ResolvedConfig): string {
  let byLanguage = designKeys.get(config);
  if (!byLanguage) {
    byLanguage = new Map();
    designKeys.set(config, byLanguage);
  }
  let keys = byLanguage.get(language);
  if (!keys) {
    keys = new Map();
    byLanguage.set(language, keys);
  }
  let key = keys.get(rule);
  if (key === undefined) {
    // The settings of the rules it consults decide its fixes: they are part of what its reports depend on.
    const consulted = (rule.meta.consults ?? []).map((c) => [c, config.severity(c) === 'off' ? undefined : config.options(c)]);
    key = `${rule.meta.id}\u0000${language}\u0000${config.pgVersion}\u0000${JSON.stringify(config.options(rule.meta.id))}\u0000${JSON.stringify(consulted)}`;
    keys.set(rule, key);
  }
  return key;
}

export type { SourceRef };
