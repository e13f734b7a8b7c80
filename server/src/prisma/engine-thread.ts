/**
 * Prisma's engine on a second thread. An edit that changes what a schema means asks the engine two questions
 * (`lint`, then `get_datamodel`), each parsing and validating the whole schema; on a large schema each takes
 * tens of milliseconds. The lint goes to this thread while the calling thread asks for the datamodel, and the
 * caller then waits for the lint's answer: the same answers as asked one after the other, in the time of the
 * longer one.
 *
 * The callers stay synchronous (the CLI, the tests and the language server share them): the answer is
 * awaited with `Atomics.wait` and taken with `receiveMessageOnPort`. The thread starts on first use and
 * loads each engine version when first asked to; until that version is ready, and when the thread cannot
 * start or stops answering, the caller asks its own engine (`undefined` below), as it did without a thread.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { MessageChannel, receiveMessageOnPort, Worker, type MessagePort } from 'node:worker_threads';
import type { SourceText } from '../model/frontend';
import type { EngineResult, EngineVersion, LintDiagnostic } from './engine';

/** The worker's script: beside this file when compiled, beside the bundle (dist/) when bundled. */
const SCRIPT = 'engine-worker.js';
/** A lint that takes longer than this is not waited for: the thread is given up and the caller asks its own engine. */
const GIVE_UP_MS = 20_000;

/** Shared with the worker: [0] counts the answers it sent; [1]: it has stopped; [6], [7]: engine 6 or 7 loaded. */
const ANSWERS = 0;
export const STOPPED = 1;

export interface LintRequest {
  id: number;
  version: EngineVersion;
  files: SourceText[];
}

export interface LintAnswer {
  id: number;
  result: EngineResult<LintDiagnostic[]>;
}

/** What the worker gets at its start. */
export interface WorkerStart {
  port: MessagePort;
  signals: Int32Array;
}

interface Thread {
  worker: Worker;
  port: MessagePort;
  signals: Int32Array;
  warmed: Set<EngineVersion>;
  /** Answers that came while another request was being waited for (two analyses' requests can overlap). */
  kept: Map<number, EngineResult<LintDiagnostic[]>>;
}

/** undefined: not started yet; null: cannot be used (no script, or it stopped answering). */
let thread: Thread | null | undefined;
let nextId = 1;

function start(): Thread | null {
  const script = path.join(__dirname, SCRIPT);
  if (!fs.existsSync(script)) return null;
  try {
    const { port1, port2 } = new MessageChannel();
    const signals = new Int32Array(new SharedArrayBuffer(8 * Int32Array.BYTES_PER_ELEMENT));
    const worker = new Worker(script, { workerData: { port: port2, signals } satisfies WorkerStart, transferList: [port2] });
    // Neither keeps the process alive: the CLI exits when its work is done.
    worker.unref();
    port1.unref();
    worker.on('error', () => (thread = null));
    worker.on('exit', () => (thread = null));
    return { worker, port: port1, signals, warmed: new Set(), kept: new Map() };
  } catch {
    return null;
  }
}

/**
 * Prisma's lint of `files`, asked on the engine thread: call the returned function for the answer (once).
 * Undefined when the thread cannot answer yet: then the caller lints.
 */
export function lintAside(version: EngineVersion, files: readonly SourceText[]): (() => EngineResult<LintDiagnostic[]> | undefined) | undefined {
  if (thread === undefined) thread = start();
  const t = thread;
  if (!t) return undefined;
  if (!t.warmed.has(version)) {
    // The engine loads on the thread meanwhile; this edit is answered here.
    t.warmed.add(version);
    t.port.postMessage({ warm: version });
    return undefined;
  }
  if (Atomics.load(t.signals, version) !== 1) return undefined;
  const id = nextId++;
  t.port.postMessage({ id, version, files: files.map((f) => ({ uri: f.uri, text: f.text })) } satisfies LintRequest);
  return () => answer(t, id);
}

/** Answers kept for requests not waited for yet: at most this many (a request nobody waits for is dropped). */
const KEEP_ANSWERS = 16;

function answer(t: Thread, id: number): EngineResult<LintDiagnostic[]> | undefined {
  const kept = t.kept.get(id);
  if (kept) {
    t.kept.delete(id);
    return kept;
  }
  const until = Date.now() + GIVE_UP_MS;
  for (;;) {
    // Read the count before looking: an answer sent after the look has raised it, and the wait returns at once.
    const sent = Atomics.load(t.signals, ANSWERS);
    const m = receiveMessageOnPort(t.port)?.message as LintAnswer | undefined;
    if (m) {
      if (m.id === id) return m.result;
      t.kept.set(m.id, m.result);
      if (t.kept.size > KEEP_ANSWERS) t.kept.delete(t.kept.keys().next().value!);
      continue;
    }
    const left = until - Date.now();
    if (left <= 0 || thread !== t || Atomics.load(t.signals, STOPPED) === 1) {
      if (thread === t) thread = null;
      void t.worker.terminate();
      return undefined;
    }
    Atomics.wait(t.signals, ANSWERS, sent, Math.min(left, 1000));
  }
}
