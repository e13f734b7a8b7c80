// @ts-check
// A deliberately tiny test harness for code that runs inside the VS Code extension host. Mocha would work
// too, but this runs identically under code-server (started by our test extension) and under
// @vscode/test-electron, needs no dependency in the packaged test extension, and reports each test as data
// the outer runner can count.
'use strict';

/**
 * @typedef {{ name: string, ok: boolean, ms: number, error?: string }} TestResult
 * @typedef {{ timeoutMs?: number }} TestOptions
 * @typedef {(name: string, fn: () => Promise<void>, options?: TestOptions) => void} DefineTest
 * @typedef {{ name: string, tests: { name: string, fn: () => Promise<void>, timeoutMs: number }[],
 *             run: (onResult?: (result: TestResult) => void) => Promise<TestResult[]> }} Suite
 */

/** Long enough for a cold language server (wasm parsers load on first use), short enough to fail a CI run. */
const DEFAULT_TIMEOUT_MS = 60_000;

/**
 * @param {string} name
 * @param {(test: DefineTest) => void} define
 * @returns {Suite}
 */
function suite(name, define) {
  /** @type {Suite['tests']} */
  const tests = [];
  define((testName, fn, options) => {
    tests.push({ name: `${name}: ${testName}`, fn, timeoutMs: options?.timeoutMs ?? DEFAULT_TIMEOUT_MS });
  });
  return {
    name,
    tests,
    // Sequential on purpose: tests share the editor and documents, like a user would.
    async run(onResult) {
      /** @type {TestResult[]} */
      const results = [];
      for (const t of tests) {
        const started = Date.now();
        /** @type {TestResult} */
        let result;
        try {
          await withTimeout(t.fn(), t.timeoutMs, t.name);
          result = { name: t.name, ok: true, ms: Date.now() - started };
        } catch (err) {
          result = { name: t.name, ok: false, ms: Date.now() - started, error: describeError(err) };
        }
        results.push(result);
        onResult?.(result);
      }
      return results;
    },
  };
}

/**
 * @template T
 * @param {Promise<T>} promise
 * @param {number} ms
 * @param {string} what
 * @returns {Promise<T>}
 */
function withTimeout(promise, ms, what) {
  /** @type {NodeJS.Timeout | undefined} */
  let timer;
  const timeout = new Promise((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what}: timed out after ${ms} ms`)), ms);
  });
  return /** @type {Promise<T>} */ (Promise.race([promise, timeout])).finally(() => clearTimeout(timer));
}

/** @param {unknown} err */
function describeError(err) {
  if (err instanceof Error) return err.stack ?? `${err.name}: ${err.message}`;
  return String(err);
}

module.exports = { suite, withTimeout, describeError };
