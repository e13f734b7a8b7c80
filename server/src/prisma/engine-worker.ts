/**
 * The engine thread (engine-thread.ts): lints what it is sent with its own copy of Prisma's engine, and
 * counts each answer in the shared array so that the waiting thread wakes.
 */
import { workerData } from 'node:worker_threads';
import { lint, previewFeatures, type EngineVersion } from './engine';
import { STOPPED, type LintAnswer, type LintRequest, type WorkerStart } from './engine-thread';

const { port, signals } = workerData as WorkerStart;

// A thread that stops (an error nothing caught) says so, so that a caller waiting for an answer stops waiting.
process.on('exit', () => {
  Atomics.store(signals, STOPPED, 1);
  Atomics.notify(signals, 0);
});

port.on('message', (m: LintRequest | { warm: EngineVersion }) => {
  if ('warm' in m) {
    // Loading the engine (a few MB of wasm, compiled on load) before the first lint is asked of it.
    if (previewFeatures(m.warm).ok) Atomics.store(signals, m.warm, 1);
    return;
  }
  const answer: LintAnswer = { id: m.id, result: lint(m.version, m.files) };
  port.postMessage(answer);
  Atomics.add(signals, 0, 1);
  Atomics.notify(signals, 0);
});
