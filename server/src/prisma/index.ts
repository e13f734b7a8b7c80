/**
 * The Prisma front end: schema files -> the shared model, Prisma's own diagnostics, comments, and
 * fix rendering. The scanner gives positions (and, for a half-typed schema, the facts); Prisma's
 * engine, in the version the schema is written for, gives diagnostics and the authoritative facts.
 */
import type { FrontEndResult, Problem, SourceText } from '../model/frontend';
import type { FixIntent } from '../model/intents';
import { buildSchema, providerDialect, relationModeOf } from './build';
import { lint, type EngineResult, type EngineVersion, type LintDiagnostic } from './engine';
import { factsFromDatamodel, factsFromScan, type Facts } from './facts';
import type { SchemaFileSystem } from './files';
import { lintProblems } from './problems';
import { applyToFiles } from './edit';
import { prismaHover } from './hover';
import { engineAnswers, lintAhead, scanFiles } from './reuse';
import { renderPrismaFix } from './render';
import type { ScannedFile } from './syntax';
import { chooseEngine, findInstalledPrismaVersion, type EngineChoice } from './version';

export { buildSchema, defaultValue, providerDialect } from './build';
export { engineCalls, format as formatPrisma, getDatamodel, lint as lintPrisma, type EngineResult, type EngineVersion, type LintDiagnostic } from './engine';
export { factsFromDatamodel, factsFromScan, type Facts } from './facts';
export { groupPrismaSchemas, isMigrationSnapshot, isPrismaFile, prismaSchemaFiles, type SchemaFileSystem } from './files';
export { lintProblems } from './problems';
export { prismaHover, type HoverContext, type PrismaHover } from './hover';
export { renderPrismaFix } from './render';
export { scanPrisma } from './scan';
export { argument, entryString, entryStrings, fieldList, findAttribute, nativeAttribute } from './syntax';
export type { Argument, Attribute, Block, BlockKind, ConfigEntry, EnumValue, Expr, Field, ScanComment, ScannedFile } from './syntax';
export { prismaTypeFor } from './types';
export { chooseEngine, findInstalledPrismaVersion, looksLikePrisma6, type EngineChoice } from './version';

export interface PrismaLoadOptions {
  /** The user's setting; otherwise the installed Prisma decides, otherwise the schema's shape. */
  engine?: EngineVersion;
  /** The Prisma version installed for this schema, when the caller knows it. */
  installedVersion?: string;
  /** Where to look for node_modules/prisma when `installedVersion` is not given. */
  schemaDir?: string;
  /** How to read those package.json files (the disk when absent). */
  fs?: Pick<SchemaFileSystem, 'readFile'>;
  /**
   * The caller calls `settle()` before it reads `problems`: while a field is renamed, the schema may then be
   * read ahead of Prisma's lint, which runs on the engine thread meanwhile.
   */
  early?: boolean;
}

export interface PrismaResult extends FrontEndResult {
  language: 'prisma';
  /** The engine version that checked the schema, and why that one. */
  engine: EngineVersion;
  engineChoice: EngineChoice;
  /** Per-file scanner output, in the order of `files`. */
  scan: ScannedFile[];
  /** Where the model's facts came from: the engine, or the scanner when the engine rejected the schema. */
  factsFrom: Facts['origin'];
  /** The datasource's `provider` as written. */
  provider?: string;
  /** `relationMode = "prisma"`: relations have no foreign key constraints in the database. */
  relationMode?: 'prisma' | 'foreignKeys';
  /** Why the engine could not be used (not loadable, or a panic), when that happened. */
  engineError?: string;
}

/** Is the installed version (when known) older than major.minor? */
function olderThan(version: string | undefined, major: number, minor: number): boolean {
  const m = version ? /^\D*(\d+)\.(\d+)/.exec(version) : null;
  if (!m) return false;
  const [a, b] = [Number(m[1]), Number(m[2])];
  return a < major || (a === major && b < minor);
}

/** The files with every `view` block keyword written `model` (for get_datamodel only). */
function viewsAsModels(files: readonly SourceText[], scans: readonly ScannedFile[]): SourceText[] {
  return files.map((f, i) => {
    let text = f.text;
    const views = scans[i].blocks.filter((b) => b.kind === 'view').sort((a, b) => b.keywordSpan.start - a.keywordSpan.start);
    for (const v of views) text = text.slice(0, v.keywordSpan.start) + 'model' + text.slice(v.keywordSpan.end);
    return { uri: f.uri, text };
  });
}

/** Loads one Prisma schema (all the files of a schema folder, or one file). Never throws. */
export function loadPrisma(files: readonly SourceText[], opts: PrismaLoadOptions = {}): PrismaResult {
  const installedVersion =
    opts.installedVersion ?? (opts.schemaDir !== undefined ? findInstalledPrismaVersion(opts.schemaDir, opts.fs) : undefined);
  const choose = (scanned: readonly ScannedFile[]) => chooseEngine(scanned, { engine: opts.engine, installedVersion });
  // Typing a field's name: Prisma's lint starts before the text is scanned, and runs meanwhile.
  const ahead = lintAhead(files, (scanned) => choose(scanned).version);
  const scans = scanFiles(files);
  const choice = choose(scans);
  const { dialect, provider } = providerDialect(scans);

  let engineError: string | undefined;
  const answers = engineAnswers(choice.version, files, scans, opts.early === true, ahead);
  const hasDatasource = scans.some((s) => s.blocks.some((b) => b.kind === 'datasource'));
  const problemsOf = (linted: EngineResult<LintDiagnostic[]>) => (linted.ok ? lintProblems(linted.value, files, choice, hasDatasource) : []);
  const scanFacts = factsFromScan(scans);
  let facts: Facts = scanFacts;
  let problems: Problem[] = [];
  if (answers.early) {
    // A field renamed while the lint runs on the engine thread: read from the datamodel it will most likely
    // keep; `settle` (below) waits for the lint and says whether it did.
    facts = factsFromDatamodel(answers.early, scanFacts);
  } else {
    const linted = answers.lint();
    if (!linted.ok) engineError = linted.error;
    problems = problemsOf(linted);
    // get_datamodel refuses a schema with errors; then the scanner's reading is all there is. The
    // errors softened for Prisma 5 schemas (keys on views) are the exception: read as models, those
    // views pass, and the scanner still says which blocks are views.
    const hardErrors = problems.some((p) => p.severity === 'error');
    if (linted.ok && !hardErrors) {
      const softened = linted.value.some((d) => !d.warning);
      const dm = answers.datamodel(() => (softened ? viewsAsModels(files, scans) : files));
      if (dm.ok) facts = factsFromDatamodel(dm.value, scanFacts);
      else if (!softened) engineError = dm.error;
    }
  }
  let schema;
  try {
    schema = buildSchema(facts, scans, dialect);
  } catch (err) {
    // An engine output shape we did not expect must not cost the user the analysis.
    engineError = `unexpected datamodel: ${err instanceof Error ? err.message : String(err)}`;
    facts = scanFacts;
    schema = buildSchema(facts, scans, dialect);
  }

  const ds = hasDatasource ? scans.flatMap((s) => s.blocks).find((b) => b.kind === 'datasource') : undefined;
  const mode = ds ? relationModeOf(scans) : undefined;
  const relationMode = mode === 'prisma' || dialect === 'mongodb' ? 'prisma' : mode === 'foreignKeys' ? 'foreignKeys' : undefined;

  const result: PrismaResult = {
    language: 'prisma',
    schema,
    files: [...files],
    problems,
    comments: scans.flatMap((s) => s.comments.map((c) => ({ uri: s.uri, span: c.span, body: c.body }))),
    render: (intent: FixIntent) => {
      const edits = renderPrismaFix(intent, scans);
      // SQL Server refuses cycles and multiple cascade paths, which Prisma checks across the whole
      // schema: an onDelete action is only offered when Prisma accepts the schema with it.
      const linted = answers.lint();
      if (edits && intent.kind === 'setOnDelete' && dialect === 'sqlserver' && linted.ok) {
        const before = linted.value.filter((d) => !d.warning).length;
        const after = lint(choice.version, applyToFiles(files, edits));
        if (!after.ok || after.value.filter((d) => !d.warning).length > before) return undefined;
      }
      // uuid(7) arrived in Prisma 5.18: an older installed Prisma would reject the fixed schema.
      if (edits && intent.kind === 'changeDefault' && /\buuid\(\s*7\s*\)/.test(intent.prisma ?? '') && olderThan(choice.installed, 5, 18)) return undefined;
      return edits;
    },
    hover: (uri: string, offset: number) => prismaHover({ scans, schema, relationMode }, uri, offset),
    engine: choice.version,
    engineChoice: choice,
    scan: scans,
    factsFrom: facts.origin,
  };
  if (answers.early) {
    result.settle = () => {
      const linted = answers.lint();
      // Warnings only: the datamodel stands, as it would have been asked.
      if (!linted.ok || linted.value.some((d) => !d.warning)) return false;
      const settled = problemsOf(linted);
      if (settled.some((p) => p.severity === 'error')) return false;
      result.problems = settled;
      return true;
    };
  }
  if (provider !== undefined) result.provider = provider;
  if (relationMode) result.relationMode = relationMode;
  if (engineError !== undefined) result.engineError = engineError;
  return result;
}
