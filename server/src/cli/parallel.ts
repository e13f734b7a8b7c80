/**
 * `db-design check` across the machine's cores: the files are grouped by project (the folder of the nearest
 * package.json, db-design.json or other project file: its migration sets, its schema, and what is said once
 * per project stay together), the groups go to worker threads as each is free, each worker with an engine of
 * its own, and the results come back in the order the files were listed, as one thread gives them. A single
 * project (the usual CI run at a project's root), a small run or one core is checked in the calling thread. `--fix` and
 * `--changed-since` always run in the calling thread (they write files, or read git once).
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { isMainThread, parentPort, Worker, workerData } from 'node:worker_threads';
import { Engine } from '../engine/analyze';
import type { ConfigOverrides } from '../engine/config';
// check.ts imports this file too: its functions are used only once both are loaded.
import { checkFile, diskHost, type CheckedFile, type CheckResult } from './check';

/** Fewer files than this are not worth starting workers for (each loads the parsers). */
const MIN_FILES = 64;
const MAX_WORKERS = 4;

/** What one file gave, with its place in the list. */
interface FileOutcome {
  index: number;
  files: CheckedFile[];
  failures: CheckResult['failures'];
  configErrors: string[];
}

interface WorkerInput {
  dbDesignCheck: true;
  overrides: ConfigOverrides;
}

/** Files that go to one worker together, with their places in the list. */
type Group = { index: number; path: string }[];

/** How many threads: `DB_DESIGN_WORKERS` when set (0 or 1: none), else the cores, at most MAX_WORKERS. */
function threads(): number {
  const env = process.env.DB_DESIGN_WORKERS;
  if (env !== undefined && env !== '') return Math.max(1, Math.floor(Number(env)) || 1);
  return Math.min(MAX_WORKERS, os.availableParallelism?.() ?? os.cpus().length);
}

/** The files' results from worker threads, or undefined when the calling thread should check them itself. */
export async function checkInWorkers(engine: Engine, files: string[], overrides: ConfigOverrides): Promise<(Pick<CheckResult, 'files' | 'failures' | 'configErrors'> & { workers: number }) | undefined> {
  const n = threads();
  if (n < 2 || files.length < MIN_FILES || !isMainThread) return undefined;
  // The files of one project go together: its migration sets, its schema, and what is said once per project.
  const groups = new Map<string, Group>();
  files.forEach((file, index) => {
    const key = engine.engines.project(path.dirname(file)).root;
    const g = groups.get(key);
    if (g) g.push({ index, path: file });
    else groups.set(key, [{ index, path: file }]);
  });
  if (groups.size < 2) return undefined;
  // Largest groups first (by bytes), handed to whichever worker is free: a group's time is hard to tell ahead.
  const bytes = (g: { path: string }[]) => g.reduce((sum, f) => sum + sizeOf(f.path), 0);
  const queue = [...groups.values()].map((g) => ({ g, size: bytes(g) })).sort((a, b) => b.size - a.size).map((x) => x.g);
  const workers = Math.min(n, groups.size);
  const outcomes = (await Promise.all(Array.from({ length: workers }, () => runWorker({ dbDesignCheck: true, overrides }, queue)))).flat();
  outcomes.sort((a, b) => a.index - b.index);
  const out = { files: [] as CheckedFile[], failures: [] as CheckResult['failures'], configErrors: [] as string[], workers };
  for (const o of outcomes) {
    out.files.push(...o.files);
    out.failures.push(...o.failures);
    for (const e of o.configErrors) if (!out.configErrors.includes(e)) out.configErrors.push(e);
  }
  return out;
}

function sizeOf(file: string): number {
  try {
    return fs.statSync(file).size;
  } catch {
    return 0;
  }
}

/** One worker: it asks for a group, checks it, sends what each file gave, and asks again until `queue` is empty. */
function runWorker(input: WorkerInput, queue: Group[]): Promise<FileOutcome[]> {
  return new Promise((resolve, reject) => {
    const worker = new Worker(__filename, { workerData: input });
    const outcomes: FileOutcome[] = [];
    let done = false;
    worker.on('message', (m: FileOutcome[] | 'next') => {
      if (m !== 'next') outcomes.push(...m);
      const g = queue.shift();
      if (g) worker.postMessage(g);
      else {
        done = true;
        worker.postMessage(null);
        resolve(outcomes);
      }
    });
    worker.once('error', reject);
    worker.once('exit', (code) => {
      if (!done) reject(new Error(`a check worker stopped (exit code ${code}) before it gave its results`));
    });
  });
}

/** In a worker: groups of files, checked in order with one engine; fixes rendered here, since they are sent as data. */
function workerMain(input: WorkerInput): void {
  const engine = new Engine(diskHost, () => input.overrides, { inOrder: true });
  const port = parentPort!;
  port.on('message', (group: Group | null) => {
    if (!group) return port.close();
    void (async () => {
      const outcomes: FileOutcome[] = [];
      for (const f of group) {
        const result = { files: [] as CheckedFile[], failures: [] as CheckResult['failures'], configErrors: [] as string[], fixedFiles: 0 };
        await checkFile(engine, f.path, false, undefined, result);
        const files = result.files.map((c) => ({ ...c, findings: c.findings.map((x) => ({ ...x, fixes: x.fixes })) }));
        outcomes.push({ index: f.index, files, failures: result.failures, configErrors: result.configErrors });
      }
      port.postMessage(outcomes);
    })();
  });
  port.postMessage('next');
}

// Started once every module of the bundle is loaded (this one is loaded while check.ts still is).
if (!isMainThread && (workerData as Partial<WorkerInput> | undefined)?.dbDesignCheck) {
  setImmediate(() => workerMain(workerData as WorkerInput));
}
