// Result bookkeeping and teardown for the end-to-end runner.

/** Counts results and prints them as they come, so a CI log reads top to bottom. */
export class Tally {
  passed = 0;
  failed = 0;
  skipped = 0;
  /** Set on Ctrl+C: what fails while tearing down is a consequence, not a finding. */
  closed = false;

  /**
   * @param {string} name
   * @param {number} ms
   */
  pass(name, ms) {
    if (this.closed) return;
    this.passed++;
    console.log(`  ok    ${name} (${ms} ms)`);
  }

  /**
   * @param {string} name
   * @param {unknown} error
   */
  fail(name, error) {
    if (this.closed) return;
    this.failed++;
    const text = error instanceof Error ? (error.stack ?? error.message) : String(error);
    console.log(`  FAIL  ${name}\n${indent(text)}`);
  }

  /** A step that could not run because an earlier one it depends on failed. @param {string} name */
  skip(name) {
    if (this.closed) return;
    this.skipped++;
    console.log(`  skip  ${name}`);
  }

  printSummary() {
    if (this.skipped > 0) console.log(`e2e: ${this.skipped} skipped after a failure`);
    // CI and the README rely on this exact line.
    console.log(`e2e: ${this.passed} passed, ${this.failed} failed`);
  }
}

/** @param {string} text */
function indent(text) {
  return text
    .split('\n')
    .map((l) => `        ${l}`)
    .join('\n');
}

/**
 * Teardown steps, run once in reverse order of registration whether the run passed, failed or was
 * interrupted. A step that throws is reported and does not stop the others.
 */
export class Cleanup {
  /** @type {(() => Promise<unknown> | unknown)[]} */
  #steps = [];
  /** @type {Promise<void> | undefined} */
  #running;

  /** @param {() => Promise<unknown> | unknown} step */
  add(step) {
    this.#steps.push(step);
  }

  run() {
    this.#running ??= (async () => {
      for (const step of this.#steps.reverse()) {
        try {
          await step();
        } catch (err) {
          console.error(`e2e: cleanup step failed: ${err instanceof Error ? err.message : String(err)}`);
        }
      }
    })();
    return this.#running;
  }
}
