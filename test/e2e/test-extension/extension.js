// @ts-check
// Test-only extension: runs the end-to-end test module named by DB_DESIGN_E2E_TESTS inside this extension
// host and reports to DB_DESIGN_E2E_RESULTS. code-server hands its own environment to the extension host,
// which is how the runner (test/e2e/run.mjs) reaches in here.
'use strict';

const fs = require('node:fs');
const path = require('node:path');
const vscode = require('vscode');

/** @param {vscode.ExtensionContext} _context */
function activate(_context) {
  const testModule = process.env.DB_DESIGN_E2E_TESTS;
  const resultsFile = process.env.DB_DESIGN_E2E_RESULTS;
  if (!testModule || !resultsFile) return;
  const onlyFolder = process.env.DB_DESIGN_E2E_FOLDER;
  const folder = vscode.workspace.workspaceFolders?.[0]?.uri.fsPath;
  if (onlyFolder && (!folder || path.resolve(folder) !== path.resolve(onlyFolder))) return;
  // Not awaited: startup (`*`) activation must return promptly or it holds up the whole extension host.
  void runAndReport(testModule, resultsFile);
}

/**
 * @param {string} testModule
 * @param {string} resultsFile
 */
async function runAndReport(testModule, resultsFile) {
  /** @type {import('../suite/harness.cjs').TestResult[]} */
  const results = [];
  // Written after every test, so a runner that gives up can still say how far the suite got.
  const report = (/** @type {boolean} */ done, /** @type {string | undefined} */ fatal) =>
    writeAtomically(resultsFile, JSON.stringify({ done, fatal, results }, null, 2));
  try {
    report(false, undefined);
    /** @type {import('../suite/harness.cjs').Suite} */
    const suite = require(testModule);
    await suite.run((result) => {
      results.push(result);
      report(false, undefined);
    });
    report(true, undefined);
  } catch (err) {
    report(true, err instanceof Error ? (err.stack ?? err.message) : String(err));
  }
}

/** The runner polls this file: never let it read half of one. */
function writeAtomically(/** @type {string} */ file, /** @type {string} */ text) {
  const tmp = `${file}.${process.pid}.tmp`;
  fs.writeFileSync(tmp, text);
  fs.renameSync(tmp, file);
}

function deactivate() {}

module.exports = { activate, deactivate };
