/** `db-design check`: the engine over files on disk, as CI runs it. */
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { Engine, fileNotice, languageOf, looksBinary, MAX_FILE_BYTES, pathToUri, type AnalysisHost } from '../engine/analyze';
import { isIgnored, loadConfig, type ConfigOverrides } from '../engine/config';
import { applyEdits, fixAllEdits } from '../engine/edits';
import type { Finding } from '../model/findings';
import { LineIndex } from '../model/text';
import { changedLines, gitChanges } from '../workspace/git';
import { findMigrationSet } from '../workspace/migrations';
import { inScriptMigrationFolder, isScriptFile } from '../workspace/script-migrations';
import type { EngineDecision } from '../workspace/project-engine';
import { checkInWorkers } from './parallel';

const BOM = '\uFEFF';
const SKIP_DIRS = new Set(['node_modules', '.git', '.hg', '.svn', 'dist', 'out', '.next', '.turbo', 'vendor']);

export interface CheckedFile {
  path: string;
  uri: string;
  text: string;
  findings: Finding[];
  /** The engine the file was read for (absent for files skipped before analysis). */
  engine?: EngineDecision;
}

export interface CheckResult {
  files: CheckedFile[];
  /** Files the engine failed on: reported, and the run went on. */
  failures: { path: string; message: string }[];
  /** Problems in config files met on the way (each once). */
  configErrors: string[];
  fixedFiles: number;
  /** What the project at the first checked path says about its engine (when it names one). */
  projectEngine?: EngineDecision;
  /** `--changed-since`: the ref, and how many findings were left out (in files or lines unchanged since it). */
  changedSince?: { ref: string; leftOut: number };
  /** How many worker threads checked the files (absent: the calling thread did). */
  workers?: number;
}

/** Files change during a run only through --fix, which bumps this so the engine reads them again. */
let diskRevision = 0;

/** Reads files as the editor shows them: without a byte-order mark. */
export const diskHost: AnalysisHost = {
  revision: () => diskRevision,
  readFile(fsPath) {
    // Most reads ask whether a config file is there: existsSync says so without a thrown error or a Stats object.
    if (!fs.existsSync(fsPath)) return undefined;
    try {
      const text = fs.readFileSync(fsPath, 'utf8');
      return text.startsWith(BOM) ? text.slice(1) : text;
    } catch {
      return undefined;
    }
  },
  readDir(fsPath) {
    try {
      return fs.readdirSync(fsPath, { withFileTypes: true }).map((e) => ({ name: e.name, isDir: e.isDirectory() }));
    } catch {
      return [];
    }
  },
};

export class UsageError extends Error {}

/** Expands the given paths to the .prisma and .sql files below them, sorted, without duplicates. */
export function collectFiles(inputs: string[]): string[] {
  const out = new Set<string>();
  const visit = (p: string, explicit: boolean) => {
    let stat: fs.Stats;
    try {
      stat = fs.statSync(p);
    } catch {
      if (explicit) throw new UsageError(`cannot read ${p}: no such file or directory`);
      return;
    }
    if (stat.isDirectory()) {
      if (!explicit && SKIP_DIRS.has(path.basename(p))) return;
      let entries: string[];
      try {
        entries = fs.readdirSync(p);
      } catch (err) {
        if (explicit) throw new UsageError(`cannot read ${p}: ${(err as Error).message}`);
        return;
      }
      for (const e of entries.sort()) visit(path.join(p, e), false);
    } else if (stat.isFile() && (explicit || languageOf(p) || scriptMigration(p, stat.size) || scriptSchema(p, stat.size))) {
      out.add(path.resolve(p));
    }
  };
  for (const input of inputs) visit(input, true);
  return [...out].sort();
}

/** A TypeScript or JavaScript migration of a tool db-design reads (TypeORM, Knex, db-migrate, ...): its SQL is checked. */
function scriptMigration(p: string, size: number): boolean {
  if (!inScriptMigrationFolder(p) || size > MAX_FILE_BYTES) return false;
  const text = diskHost.readFile(p);
  return text !== undefined && languageOf(p, text) === 'sql' && findMigrationSet(p, diskHost) !== undefined;
}

/** A TypeScript or JavaScript file that declares a schema db-design reads (a Drizzle schema, TypeORM entities). */
function scriptSchema(p: string, size: number): boolean {
  if (!isScriptFile(p) || size > MAX_FILE_BYTES) return false;
  const text = diskHost.readFile(p);
  return text !== undefined && languageOf(p, text) === 'typescript';
}

export async function check(inputs: string[], overrides: ConfigOverrides, fix: boolean): Promise<CheckResult> {
  const engine = new Engine(diskHost, () => overrides, { inOrder: true });
  const result: CheckResult = { files: [], failures: [], configErrors: [], fixedFiles: 0 };
  const first = inputs[0] && path.resolve(inputs[0]);
  const firstDir = first && (fs.existsSync(first) && fs.statSync(first).isDirectory() ? first : path.dirname(first));
  const git = overrides.changedSince !== undefined && firstDir ? gitChanges(firstDir, overrides.changedSince) : undefined;
  if (overrides.changedSince !== undefined) {
    if (!git) throw new UsageError(`--changed-since ${overrides.changedSince}: not a git repository, or git does not know that ref`);
    result.changedSince = { ref: overrides.changedSince, leftOut: 0 };
  }
  if (first && firstDir) {
    const dir = firstDir;
    const config = loadConfig(diskHost, dir, overrides);
    result.projectEngine = config.dialect
      ? { name: config.dialect, from: config.dialectFrom ?? 'settings', detail: `dialect "${config.dialect}"` }
      : engine.engines.project(dir).decision;
  }
  const files = collectFiles(inputs);
  const parts = !fix && !git ? await checkInWorkers(engine, files, overrides) : undefined;
  if (parts) {
    for (const e of parts.configErrors) if (!result.configErrors.includes(e)) result.configErrors.push(e);
    result.files.push(...parts.files);
    result.failures.push(...parts.failures);
    result.workers = parts.workers;
  } else {
    for (const file of files) await checkFile(engine, file, fix, git, result);
  }
  return result;
}

/** One file of `check`: its findings (after `--fix` rounds), a failure, or nothing (ignored, binary), into `result`. */
export async function checkFile(
  engine: Engine,
  file: string,
  fix: boolean,
  git: ReturnType<typeof gitChanges> | undefined,
  result: Pick<CheckResult, 'files' | 'failures' | 'configErrors' | 'fixedFiles' | 'changedSince'>,
): Promise<void> {
  const language = languageOf(file) ?? (isScriptFile(file) ? languageOf(file, engine.readFile(file) ?? '') : undefined);
  if (!language) {
    result.failures.push({ path: file, message: 'not a .prisma or .sql file' });
    return;
  }
  const config = engine.configFor(pathToUri(file));
  for (const e of config.errors) if (!result.configErrors.includes(e)) result.configErrors.push(e);
  if (config.file && isIgnored(path.relative(path.dirname(config.file), file).split(path.sep).join('/'), config.ignore)) return;
  const uri = pathToUri(file);
  let size = 0;
  try {
    size = fs.statSync(file).size;
  } catch {
    /* reported below as unreadable */
  }
  let text = size <= MAX_FILE_BYTES ? engine.readFile(file) : '';
  if (text === undefined) {
    result.failures.push({ path: file, message: 'cannot read the file' });
    return;
  }
  if (size > MAX_FILE_BYTES) {
    result.files.push({ path: file, uri, text: '', findings: [fileNotice(uri, 'syntax-error', 'info', `skipped: ${(size / 1048576).toFixed(1)} MB is over the ${MAX_FILE_BYTES / 1048576} MB limit`)] });
    return;
  }
  if (looksBinary(text)) return;
  try {
    let analysis = await engine.analyze(uri, text, language);
    if (fix) {
      // Apply safe fixes until none is left (each round may unlock fixes that overlapped).
      let changed = false;
      for (let round = 0; round < 10; round++) {
        const edits = fixAllEdits(analysis.findings, uri);
        if (!edits.length) break;
        const next = applyEdits(text, edits, uri);
        if (next === text) break;
        text = next;
        changed = true;
        analysis = await engine.analyze(uri, text, language);
      }
      if (changed) {
        const hadBom = fs.readFileSync(file, 'utf8').startsWith(BOM);
        fs.writeFileSync(file, (hadBom ? BOM : '') + text);
        diskRevision++;
        result.fixedFiles++;
      }
    }
    let findings = analysis.findings;
    if (git && result.changedSince) {
      const kept = keptSince(file, text, findings, git, analysis.age !== undefined);
      result.changedSince.leftOut += findings.length - kept.length;
      findings = kept;
    }
    result.files.push({ path: file, uri, text, findings, engine: analysis.engine });
  } catch (err) {
    result.failures.push({ path: file, message: err instanceof Error ? err.message : String(err) });
  }
}

/**
 * `--changed-since`: a file unchanged since the ref reports nothing; a migration added or changed reports
 * everything; any other changed file (a schema) only what is on lines added or changed.
 */
function keptSince(file: string, text: string, findings: Finding[], git: NonNullable<ReturnType<typeof gitChanges>>, migration: boolean): Finding[] {
  let real = file;
  try {
    real = fs.realpathSync(file);
  } catch {
    /* compared as given */
  }
  if (!git.changed.has(real)) return [];
  // A migration added or changed, an untracked file, or nothing to compare with: all of it is new.
  if (migration || !git.base || untrackedFile(git, real)) return findings;
  const lines = changedLines(git.top, git.base, real);
  if (!lines) return findings;
  const index = new LineIndex(text);
  return findings.filter((f) => lines.has(index.positionAt(f.span.start).line + 1));
}

const untrackedMemo = new Map<string, boolean>();
function untrackedFile(git: NonNullable<ReturnType<typeof gitChanges>>, file: string): boolean {
  const key = `${git.top}\u0000${file}`;
  let v = untrackedMemo.get(key);
  if (v === undefined) {
    const r = spawnSync('git', ['ls-files', '--error-unmatch', '--', path.relative(git.top, file)], { cwd: git.top, stdio: 'ignore' });
    v = r.status !== 0;
    untrackedMemo.set(key, v);
  }
  return v;
}
