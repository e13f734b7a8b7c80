// @ts-check
// extensionTestsPath for @vscode/test-electron: runs the shared API suite in the extension host and fails
// the run when a test fails.
'use strict';

const path = require('node:path');

async function run() {
  /** @type {import('../suite/harness.cjs').Suite} */
  const suite = require(path.join(__dirname, '..', 'suite', 'all.test.cjs'));
  const results = await suite.run((r) => {
    console.log(`  ${r.ok ? 'ok  ' : 'FAIL'}  ${r.name} (${r.ms} ms)${r.error ? `\n${r.error}` : ''}`);
  });
  const failed = results.filter((r) => !r.ok).length;
  console.log(`e2e (electron): ${results.length - failed} passed, ${failed} failed`);
  if (failed > 0) throw new Error(`${failed} end-to-end test(s) failed`);
}

module.exports = { run };
