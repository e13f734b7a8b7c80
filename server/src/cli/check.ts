/** `db-design check`: the engine over files on disk, as CI runs it. */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { Engine, fileNotice, languageOf, looksBinary, MAX_FILE_BYTES, pathToUri, type AnalysisHost } from '../engine/analyze';
import { isIgnored, loadConfig, type ConfigOverrides } from '../engine/config';
import { applyEdits, fixAllEdits } from '../engine/edits';
import type { Finding } from '../model/findings';
import type { EngineDecision } from '../workspace/project-engine';

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
}

/** Files change during a run only through --fix, which bumps this so the engine reads them again. */
let diskRevision = 0;

/** Reads files as the editor shows them: without a byte-order mark. */
export const diskHost: AnalysisHost = {
  revision: () => diskRevision,
  readFile(fsPath) {
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
    } else if (stat.isFile() && (explicit || languageOf(p))) {
      out.add(path.resolve(p));
    }
  };
  for (const input of inputs) visit(input, true);
  return [...out].sort();
}

export async function check(inputs: string[], overrides: ConfigOverrides, fix: boolean): Promise<CheckResult> {
  const engine = new Engine(diskHost, () => overrides);
  const result: CheckResult = { files: [], failures: [], configErrors: [], fixedFiles: 0 };
  const first = inputs[0] && path.resolve(inputs[0]);
  if (first) {
    const dir = fs.existsSync(first) && fs.statSync(first).isDirectory() ? first : path.dirname(first);
    const config = loadConfig(diskHost, dir, overrides);
    result.projectEngine = config.dialect
      ? { name: config.dialect, from: config.dialectFrom ?? 'settings', detail: `dialect "${config.dialect}"` }
      : engine.engines.project(dir).decision;
  }
  for (const file of collectFiles(inputs)) {
    const language = languageOf(file);
    if (!language) {
      result.failures.push({ path: file, message: 'not a .prisma or .sql file' });
      continue;
    }
    const config = loadConfig(diskHost, path.dirname(file), overrides);
    for (const e of config.errors) if (!result.configErrors.includes(e)) result.configErrors.push(e);
    if (config.file && isIgnored(path.relative(path.dirname(config.file), file).split(path.sep).join('/'), config.ignore)) continue;
    const uri = pathToUri(file);
    let size = 0;
    try {
      size = fs.statSync(file).size;
    } catch {
      /* reported below as unreadable */
    }
    let text = size <= MAX_FILE_BYTES ? diskHost.readFile(file) : '';
    if (text === undefined) {
      result.failures.push({ path: file, message: 'cannot read the file' });
      continue;
    }
    if (size > MAX_FILE_BYTES) {
      result.files.push({ path: file, uri, text: '', findings: [fileNotice(uri, 'syntax-error', 'info', `skipped: ${(size / 1048576).toFixed(1)} MB is over the ${MAX_FILE_BYTES / 1048576} MB limit`)] });
      continue;
    }
    if (looksBinary(text)) continue;
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
      result.files.push({ path: file, uri, text, findings: analysis.findings, engine: analysis.engine });
    } catch (err) {
      result.failures.push({ path: file, message: err instanceof Error ? err.message : String(err) });
    }
  }
  return result;
}
