/**
 * What a report covers, and reading it through the engine: the inputs of `buildReport` for a file or a
 * folder. Shared by the language server (open documents win over the disk, through its host) and the
 * CLI (the disk).
 *
 * - A `.prisma` file: its whole schema (all files of a schema folder).
 * - A `.sql` file: the schema that file builds.
 * - A folder (or several paths): the Prisma schema in it if there is one, otherwise the schema its SQL
 *   files end with: a migration set's is the one its migration history reaches, through the same
 *   ordered, cached replay diagnostics use (runner order, down files left out); files outside a set
 *   follow in natural order. Findings come from every file in scope.
 */
import * as path from 'node:path';
import { Engine, languageOf, looksBinary, pathToUri, uriToPath, type AnalysisHost, type Language } from '../engine/analyze';
import type { FrontEndResult, SourceText } from '../model/frontend';
import type { Finding } from '../model/findings';
import { emptySchema, type Schema } from '../model/schema';
import { groupPrismaSchemas, isMigrationSnapshot } from '../prisma';
import { naturalCompare, upFiles, type MigrationSet } from '../workspace/migrations';
import { History } from '../workspace/replay';
import { isScriptFile } from '../workspace/script-migrations';
import type { SqlUnit } from '../workspace/unit';
import type { ReportInput } from './build';

/** Folders no schema lives in (the CLI's `check` skips the same ones). */
const SKIP_DIRS = new Set(['node_modules', '.git', '.hg', '.svn', 'dist', 'out', '.next', '.turbo', 'vendor']);
/** A report over more files than this is a wrong target (a home folder), not a schema. */
export const MAX_REPORT_FILES = 5000;

export interface ScopeOptions {
  /** Display paths are relative to this folder (default: the target folder, or the file's folder). */
  baseDir?: string;
  docsUrl: (ruleId: string) => string;
  /** Stops between files when the user cancels (the editor's request token). */
  isCancelled?: () => boolean;
}

export class ReportScopeError extends Error {}

/** The language a report reads a file as: a script only when its text is a schema (Drizzle, TypeORM entities) or a migration's (TypeORM, Knex, ...). */
function reportLanguage(host: AnalysisHost, p: string): Language | undefined {
  return languageOf(p) ?? (isScriptFile(p) ? languageOf(p, host.readFile(p) ?? '') : undefined);
}

/** The .prisma and .sql files (and TS/JS migrations) below a folder, sorted, skipping build and dependency folders. */
export function schemaFilesBelow(host: AnalysisHost, dir: string): string[] {
  const out: string[] = [];
  const visit = (d: string) => {
    for (const e of host.readDir(d).sort((a, b) => a.name.localeCompare(b.name))) {
      if (out.length > MAX_REPORT_FILES) return;
      const p = path.join(d, e.name);
      if (e.isDir) {
        if (!SKIP_DIRS.has(e.name) && !e.name.startsWith('.')) visit(p);
      } else if (reportLanguage(host, p)) out.push(p);
    }
  };
  visit(dir);
  return out;
}

/** Resolves targets (URIs of files or folders) to the report's input. */
export async function reportInput(engine: Engine, host: AnalysisHost, targets: string[], opts: ScopeOptions): Promise<ReportInput> {
  const files: string[] = [];
  let singleFile: string | undefined;
  for (const target of targets) {
    const fsPath = uriToPath(target);
    if (!fsPath) throw new ReportScopeError(`${target}: only files on disk can be reported on`);
    if (reportLanguage(host, fsPath)) {
      files.push(fsPath);
      if (targets.length === 1) singleFile = fsPath;
    } else files.push(...schemaFilesBelow(host, fsPath));
  }
  if (files.length > MAX_REPORT_FILES) throw new ReportScopeError(`more than ${MAX_REPORT_FILES} .prisma/.sql files in scope: pick a schema or migrations folder`);
  const unique = [...new Set(files)].sort();
  const first = targets.length === 1 ? uriToPath(targets[0])! : undefined;
  const baseDir = opts.baseDir ?? (singleFile ? path.dirname(singleFile) : first);
  const title = reportTitle(targets);

  const languages = new Map(unique.map((f) => [f, reportLanguage(host, f)]));
  const prismaFiles = unique.filter((f) => languages.get(f) === 'prisma' && (singleFile === f || !isMigrationSnapshot(f)));
  const sqlFiles = unique.filter((f) => languages.get(f) === 'sql');
  const tsFiles = unique.filter((f) => languages.get(f) === 'typescript');
  const notes: string[] = [];
  const texts = new Map<string, string>();
  const read = (p: string) => {
    if (!texts.has(p)) {
      const t = host.readFile(p);
      if (t !== undefined && !looksBinary(t)) texts.set(p, t);
    }
    return texts.get(p);
  };

  const findings: Finding[] = [];
  const sources = new Map<string, SourceText>();
  /** Where the design findings of generated migrations go (a Prisma schema outside the scope, say). */
  const designSources = new Set<string>();
  const analyzeFile = async (p: string): Promise<FrontEndResult | undefined> => {
    if (opts.isCancelled?.()) throw new ReportScopeError('cancelled');
    const text = read(p);
    if (text === undefined) {
      notes.push(`${display(p, baseDir)}: could not be read`);
      return undefined;
    }
    const uri = pathToUri(p);
    const analysis = await engine.analyze(uri, text, languages.get(p)!);
    findings.push(...analysis.findings);
    for (const s of analysis.generatedFrom?.sources ?? []) designSources.add(s);
    for (const f of analysis.unit.files) if (!sources.has(f.uri)) sources.set(f.uri, f);
    return analysis.unit;
  };

  let schema: Schema | undefined;
  let kind: ReportInput['kind'] = 'empty';
  if (prismaFiles.length) {
    const groups = groupPrismaSchemas(prismaFiles, host);
    const chosen = groups[0];
    for (const p of chosen) schema = (await analyzeFile(p))?.schema ?? schema;
    kind = 'prisma';
    for (const other of groups.slice(1)) notes.push(`Another Prisma schema is in scope and not drawn here: ${other.map((p) => display(p, baseDir)).join(', ')}. Run the report on it separately.`);
  }
  if (!prismaFiles.length && tsFiles.length) {
    // Each file's analysis reads the whole schema it belongs to (its drizzle.config, its package's entities).
    for (const p of tsFiles) {
      const unit = await analyzeFile(p);
      if (unit && (!schema || unit.schema.tables.size > schema.tables.size)) schema = unit.schema;
    }
    kind = 'typescript';
    if (sqlFiles.length) notes.push(`The diagram and tables show the TypeScript schema; findings also cover ${migrationFiles(sqlFiles)} in scope.`);
  }
  const analysed: Analysed[] = [];
  for (const p of sqlFiles) {
    const unit = await analyzeFile(p);
    if (unit) analysed.push({ path: p, unit: unit as SqlUnit });
    if (kind === 'empty' && sqlFiles.length === 1) schema = unit?.schema;
  }
  if (kind !== 'prisma' && kind !== 'typescript' && sqlFiles.length) {
    kind = 'sql';
    if (sqlFiles.length > 1) schema = replaySql(analysed, (p) => read(p) ?? host.readFile(p) ?? '', notes);
  } else if (kind === 'prisma' && sqlFiles.length) {
    notes.push(`The diagram and tables show the Prisma schema; findings also cover ${migrationFiles(sqlFiles)} in scope.`);
  }

  const up = analysed.filter((a) => a.unit.role === 'migration').length;
  const down = analysed.filter((a) => a.unit.role === 'down').length;
  return {
    title,
    kind,
    ...(up || down ? { migrations: { up, down } } : {}),
    // In scope, the schema carries its own findings; only a schema outside it is named.
    ...(designSources.size && kind === 'sql' ? { designSources: [...designSources].filter((s) => !prismaFiles.includes(s)).map((s) => display(s, baseDir)) } : {}),
    schema: schema ?? emptySchema('postgresql'),
    files: [...sources.values()],
    findings,
    baseDir,
    docsUrl: opts.docsUrl,
    notes,
  };
}

/** `3 SQL files`, `2 migration scripts`, `3 SQL files and 2 migration scripts`. */
function migrationFiles(files: string[]): string {
  const scripts = files.filter((f) => isScriptFile(f)).length;
  const sql = files.length - scripts;
  const parts = [sql ? `${sql} SQL file${sql === 1 ? '' : 's'}` : '', scripts ? `${scripts} migration script${scripts === 1 ? '' : 's'}` : ''].filter(Boolean);
  return parts.join(' and ');
}

interface Analysed {
  path: string;
  unit: SqlUnit;
}

/**
 * The schema SQL files end with, in the dialect most of them are analysed in (as `check` lints them).
 * A migration set's files: the end state of its history, from the engine's replay. Several sets, or
 * files outside one: the sets' up files in runner order, then the others in natural order (V2 before
 * V10), through the same history replay.
 */
function replaySql(analysed: Analysed[], read: (p: string) => string, notes: string[]): Schema {
  const dialect = mostCommon(analysed.map((a) => a.unit.schema.dialect)) ?? 'postgresql';
  const sets = new Map<string, { set: MigrationSet; end: Schema }>();
  const loose: string[] = [];
  let skipped = 0;
  for (const { path: p, unit } of analysed) {
    if (unit.schema.dialect !== dialect) skipped++;
    else if (!unit.set) loose.push(p);
    else if (unit.role === 'migration' && !sets.has(unit.set.root)) sets.set(unit.set.root, { set: unit.set, end: unit.schema });
  }
  let schema: Schema;
  let replayed: string[];
  let order: string;
  if (sets.size === 1 && loose.length === 0) {
    const { set, end } = [...sets.values()][0];
    schema = end;
    replayed = upFiles(set).map((f) => f.fsPath);
    order = `in the order ${set.runner} applies them`;
  } else {
    const files = [...[...sets.values()].flatMap(({ set }) => upFiles(set).map((f) => f.fsPath)), ...loose.sort(naturalCompare)];
    const history = new History(dialect);
    history.update(files.map((p) => ({ uri: pathToUri(p), text: read(p) })));
    schema = history.before(files.length);
    replayed = files;
    order = sets.size ? 'in migration order' : 'in natural path order';
  }
  notes.push(`Schema replayed from ${migrationFiles(replayed)} ${order}.`);
  if (skipped) notes.push(`${skipped} file${skipped === 1 ? ' is' : 's are'} in another SQL dialect and not part of the replayed schema.`);
  return schema;
}

function mostCommon<T>(values: T[]): T | undefined {
  const counts = new Map<T, number>();
  for (const v of values) counts.set(v, (counts.get(v) ?? 0) + 1);
  return [...counts].sort((a, b) => b[1] - a[1])[0]?.[0];
}

function display(p: string, baseDir: string | undefined): string {
  return (baseDir ? path.relative(baseDir, p) : p).split(path.sep).join('/') || path.basename(p);
}

function reportTitle(targets: string[]): string {
  if (targets.length !== 1) return `Schema report: ${targets.length} paths`;
  const p = uriToPath(targets[0])!;
  return `Schema report: ${path.basename(p) || p}`;
}
