// End-to-end tests in a real VS Code: `npm run test:e2e`.
//
// Installs the prerequisites (scripts/e2e-install.sh: Chromium, code-server), builds and packages the
// extension into a .vsix, installs it into a throwaway code-server profile and then
//   1. runs test/e2e/suite/api.test.cjs inside the extension host (through test/e2e/test-extension), and
//   2. drives the workbench UI with playwright-core and Debian's Chromium (test/e2e/ui/prisma.ui.mjs).
// Everything binds to 127.0.0.1 and is torn down on exit, failure or Ctrl+C.
//
// Options:
//   --no-build            test the current dist/ as it is (skip `node scripts/build.mjs --production`)
//   --keep                keep the temporary folder (profile, workspaces, logs) even when all tests pass
//   --update-screenshot   refresh docs/images/e2e-prisma.png (written anyway when it does not exist yet)
//   --extension-dir DIR   package and test the extension in DIR instead of the repository (harness debugging)
//   --only LIST           run only these scenarios (comma-separated): main (API suite and UI steps on the
//                         fixture), restricted (the fixture in Restricted Mode), large-report (an 80-table
//                         schema's report at Fit), coexistence (with and without a stand-in for the official
//                         Prisma extension). Each scenario has its own code-server and profile.
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { chromium } from 'playwright-core';
import { formatBytes, packageExtension } from '../../scripts/package.mjs';
import { createProfile, installExtensions, RESTRICTED_MODE_SETTINGS, startCodeServer } from './lib/code-server.mjs';
import { Cleanup, Tally } from './lib/report.mjs';
import { copyFixture as copyFixtureTo, extensionId, printLogs, readJson, seconds } from './lib/files.mjs';
import { poll } from './lib/wait.mjs';
import { prismaUiSteps } from './ui/prisma.ui.mjs';
import { largeReportAtFit, writeLargeWorkspace } from './ui/large-report.ui.mjs';
import { prismaTokenScopes } from './ui/grammar.ui.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));
const root = path.resolve(here, '../..');
const FIXTURE = path.join(here, 'fixtures', 'workspace');
const API_SUITE = path.join(here, 'suite', 'all.test.cjs');
const RESTRICTED_SUITE = path.join(here, 'suite', 'restricted.test.cjs');
const TEST_EXTENSION = path.join(here, 'test-extension');
const README_SCREENSHOT = path.join(root, 'docs', 'images', 'e2e-prisma.png');
const README_REPORT_SCREENSHOT = path.join(root, 'docs', 'images', 'e2e-report.png');
const README_LARGE_REPORT_SCREENSHOT = path.join(root, 'docs', 'images', 'e2e-report-80-tables.png');
const SCENARIOS = ['main', 'restricted', 'large-report', 'coexistence'];
const COEXISTENCE_SUITE = path.join(here, 'suite', 'coexistence.test.cjs');
const PRISMA_STUB = path.join(here, 'prisma-stub');
/** Every API test has its own timeout (see suite/harness.cjs); this only catches a host that never reports. */
const API_SUITE_TIMEOUT = 5 * 60_000;

// Flags from shared/notes/vscode-e2e.md: without the background-networking ones Chromium keeps trying to
// reach Google services on a closed network.
const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

const { values: opts } = parseArgs({
  options: {
    'no-build': { type: 'boolean', default: false },
    keep: { type: 'boolean', default: false },
    'update-screenshot': { type: 'boolean', default: false },
    'extension-dir': { type: 'string' },
    only: { type: 'string' },
  },
});
const only = opts.only ? opts.only.split(',').map((x) => x.trim()) : SCENARIOS;
for (const name of only) if (!SCENARIOS.includes(name)) throw new Error(`--only: unknown scenario ${name} (known: ${SCENARIOS.join(', ')})`);

const tally = new Tally();
const cleanup = new Cleanup();
const started = Date.now();
let interrupted = false;

for (const signal of /** @type {const} */ (['SIGINT', 'SIGTERM'])) {
  process.once(signal, () => {
    console.error(`\ne2e: ${signal}, cleaning up`);
    interrupted = true;
    tally.fail('run', `interrupted by ${signal}`);
    tally.closed = true;
    void cleanup.run().finally(() => {
      tally.printSummary();
      process.exit(130);
    });
  });
}

try {
  await main();
} catch (err) {
  tally.fail('setup', err);
} finally {
  await cleanup.run();
}
console.log(`e2e: finished in ${seconds(Date.now() - started)}`);
tally.printSummary();
process.exitCode = tally.failed > 0 ? 1 : 0;

async function main() {
  const codeServer = phase('prerequisites', installPrerequisites);

  const extensionDir = path.resolve(opts['extension-dir'] ?? root);
  if (!opts['no-build'] && !opts['extension-dir']) {
    phase('build', () => runInherit(process.execPath, [path.join(root, 'scripts', 'build.mjs'), '--production']));
  }

  const work = fs.mkdtempSync(path.join(os.tmpdir(), 'db-design-e2e-'));
  cleanup.add(async () => {
    if (tally.failed === 0 && !opts.keep) fs.rmSync(work, { recursive: true, force: true });
    else console.log(`e2e: logs, profile and workspaces kept in ${work}`);
  });

  const vsixStarted = Date.now();
  const extension = await packageExtension({ cwd: extensionDir, out: path.join(root, 'dist-vsix', 'db-design.vsix'), quiet: true });
  const runner = await packageExtension({
    cwd: TEST_EXTENSION,
    out: path.join(work, 'db-design-e2e-runner.vsix'),
    requiredFiles: ['extension.js'],
    testOnly: true,
    quiet: true,
  });
  console.log(
    `e2e: packaged ${path.relative(root, extension.vsix)} (${extension.files.length} files, ${formatBytes(extension.bytes)}) ` +
      `in ${seconds(Date.now() - vsixStarted)}`,
  );

  // Ended after the browser is closed (cleanup runs in reverse), so no message arrives after the end.
  const consoleLog = fs.createWriteStream(path.join(work, 'browser-console.log'));
  cleanup.add(() => new Promise((resolve) => consoleLog.end(resolve)));
  const context = await chromium.launchPersistentContext(path.join(work, 'chromium'), {
    executablePath: process.env.DB_DESIGN_E2E_CHROMIUM ?? '/usr/bin/chromium',
    headless: true,
    args: CHROMIUM_ARGS,
    viewport: { width: 1280, height: 800 },
    // Our own handlers stop code-server as well; Playwright's would only close the browser.
    handleSIGINT: false,
    handleSIGTERM: false,
  });
  cleanup.add(() => context.close());
  context.on('console', (m) => consoleLog.write(`[${m.type()}] ${m.text()}\n`));

  const extensions = [
    { vsix: extension.vsix, id: extensionId(extensionDir) },
    { vsix: runner.vsix, id: extensionId(TEST_EXTENSION) },
  ];
  const env = { codeServer, work, extensions, context };
  if (only.includes('main')) await mainScenario(env);
  if (only.includes('restricted')) await restrictedScenario(env);
  if (only.includes('large-report')) await largeReportScenario(env);
  if (only.includes('coexistence')) {
    const stub = await packageExtension({ cwd: PRISMA_STUB, out: path.join(work, 'prisma-stub.vsix'), requiredFiles: ['extension.js'], testOnly: true, quiet: true });
    await coexistenceScenario(env, { vsix: stub.vsix, id: extensionId(PRISMA_STUB) });
    await coexistenceScenario(env, undefined);
  }
}

/**
 * @typedef {object} ScenarioEnv
 * @property {string} codeServer
 * @property {string} work
 * @property {{ vsix: string, id: string }[]} extensions
 * @property {import('playwright-core').BrowserContext} context
 */

/**
 * A code-server of its own for one scenario, stopped at the end of the run, its logs printed on failure.
 * @param {ScenarioEnv} env
 * @param {string} name
 * @param {{ settings?: Record<string, unknown>, serverEnv?: NodeJS.ProcessEnv, workspaceTrust?: boolean }} [options]
 */
async function scenarioServer(env, name, options = {}) {
  const profile = createProfile(path.join(env.work, `profile-${name}`), options.settings);
  await installExtensions(env.codeServer, profile, env.extensions);
  const serverStarted = Date.now();
  const logFile = path.join(env.work, `code-server-${name}.log`);
  const server = await startCodeServer(env.codeServer, profile, { logFile, env: options.serverEnv, workspaceTrust: options.workspaceTrust });
  cleanup.add(() => server.stop());
  console.log(`e2e: ${name}: code-server ready at ${server.url} in ${seconds(Date.now() - serverStarted)}`);
  // Whatever fails from here on, the extension host's logs (including our language server's output channel)
  // say why; print them before the temporary folder goes.
  cleanup.add(async () => {
    if (tally.failed > 0 && !interrupted) printLogs(profile.userDataDir, logFile);
  });
  return server;
}

/** The API suite and the UI steps on the fixture. @param {ScenarioEnv} env */
async function mainScenario(env) {
  // Two copies of the fixture: the API tests edit and save theirs, the UI test needs the original.
  const apiWorkspace = copyFixture(path.join(env.work, 'workspace-api'));
  const uiWorkspace = copyFixture(path.join(env.work, 'workspace-ui'));
  const resultsFile = path.join(env.work, 'api-results.json');
  // Read by test-extension/extension.js inside the extension host.
  const server = await scenarioServer(env, 'main', {
    serverEnv: { DB_DESIGN_E2E_TESTS: API_SUITE, DB_DESIGN_E2E_RESULTS: resultsFile, DB_DESIGN_E2E_FOLDER: apiWorkspace },
  });
  await runApiSuite(env.context, server.urlFor(apiWorkspace), resultsFile, () => server.exited());
  await runUiSteps(env.context, server.urlFor(uiWorkspace), env.work);
}

/** The fixture opened untrusted: db-design still works (API suite in Restricted Mode). @param {ScenarioEnv} env */
async function restrictedScenario(env) {
  const workspace = copyFixture(path.join(env.work, 'workspace-restricted'));
  const resultsFile = path.join(env.work, 'restricted-results.json');
  const server = await scenarioServer(env, 'restricted', {
    settings: RESTRICTED_MODE_SETTINGS,
    workspaceTrust: true,
    serverEnv: { DB_DESIGN_E2E_TESTS: RESTRICTED_SUITE, DB_DESIGN_E2E_RESULTS: resultsFile, DB_DESIGN_E2E_FOLDER: workspace },
  });
  await runApiSuite(env.context, server.urlFor(workspace), resultsFile, () => server.exited());
}

/** An 80-table schema's report, readable at Fit; its screenshot is the README's. @param {ScenarioEnv} env */
async function largeReportScenario(env) {
  const workspace = writeLargeWorkspace(path.join(env.work, 'workspace-large'));
  const server = await scenarioServer(env, 'large-report');
  const page = await env.context.newPage();
  const screenshot = path.join(env.work, 'e2e-report-80-tables.png');
  const name = 'ui: the report of an 80-table schema is readable at Fit';
  const t0 = Date.now();
  try {
    const { scale, inView } = await largeReportAtFit({ page, url: server.urlFor(workspace), screenshot });
    console.log(`e2e: large report at Fit: scale ${scale.toFixed(2)} (12px text at ${(12 * scale).toFixed(1)}px), ${inView} whole tables in view`);
    tally.pass(name, Date.now() - t0);
    copyScreenshot(screenshot, README_LARGE_REPORT_SCREENSHOT);
  } catch (err) {
    tally.fail(name, err);
    await page.screenshot({ path: path.join(env.work, 'large-report-failure.png') }).catch(() => {});
  } finally {
    await page.close();
  }
}

/**
 * With the official Prisma extension (its stand-in) installed, or without: who reports Prisma's own
 * errors, who formats, whose grammar colours a .prisma file.
 * @param {ScenarioEnv} env
 * @param {{ vsix: string, id: string } | undefined} prisma
 */
async function coexistenceScenario(env, prisma) {
  const name = prisma ? 'with-prisma' : 'without-prisma';
  const write = (/** @type {string} */ dir) => {
    fs.mkdirSync(path.join(dir, 'prisma'), { recursive: true });
    // A design finding (timestamp without time zone) and one of Prisma's own errors (an unknown type).
    fs.writeFileSync(
      path.join(dir, 'prisma', 'schema.prisma'),
      'datasource db {\n  provider = "postgresql"\n}\n\nmodel Event {\n  id   BigInt   @id\n  at   DateTime\n  kind Strin\n}\n',
    );
    return dir;
  };
  const apiWorkspace = write(path.join(env.work, `workspace-${name}-api`));
  const uiWorkspace = write(path.join(env.work, `workspace-${name}-ui`));
  const resultsFile = path.join(env.work, `${name}-results.json`);
  const server = await scenarioServer({ ...env, extensions: prisma ? [...env.extensions, prisma] : env.extensions }, name, {
    serverEnv: {
      DB_DESIGN_E2E_TESTS: COEXISTENCE_SUITE,
      DB_DESIGN_E2E_RESULTS: resultsFile,
      DB_DESIGN_E2E_FOLDER: apiWorkspace,
      DB_DESIGN_E2E_EXPECT_PRISMA: prisma ? '1' : '0',
    },
  });
  await runApiSuite(env.context, server.urlFor(apiWorkspace), resultsFile, () => server.exited());
  const test = `ui: ${prisma ? 'with' : 'without'} Prisma.prisma: a .prisma file is coloured by ${prisma ? "Prisma's grammar" : "db-design's grammar"}`;
  const page = await env.context.newPage();
  const t0 = Date.now();
  try {
    const scopes = await prismaTokenScopes(page, server.urlFor(uiWorkspace));
    const ours = /source\.prisma\.db-design/.test(scopes);
    if (ours === !!prisma) throw new Error(`token scopes: ${scopes.replace(/\s+/g, ' ').slice(0, 300)}`);
    tally.pass(test, Date.now() - t0);
  } catch (err) {
    tally.fail(test, err);
    await page.screenshot({ path: path.join(env.work, `${name}-failure.png`) }).catch(() => {});
  } finally {
    await page.close();
  }
}

/**
 * Only the real extension belongs in the README, and only when asked or when there is none yet: the
 * bytes differ from run to run and would dirty the working tree every time.
 * @param {string} taken
 * @param {string} target
 */
function copyScreenshot(taken, target) {
  if (opts['extension-dir'] || !fs.existsSync(taken) || !(opts['update-screenshot'] || !fs.existsSync(target))) return;
  fs.mkdirSync(path.dirname(target), { recursive: true });
  fs.copyFileSync(taken, target);
  console.log(`e2e: wrote ${path.relative(root, target)}`);
}

/**
 * Opening the workbench starts the extension host; the test extension then runs the suite and writes
 * the results file, which is what we wait for.
 * @param {import('playwright-core').BrowserContext} context
 * @param {string} url
 * @param {string} resultsFile
 * @param {() => boolean} serverExited
 */
async function runApiSuite(context, url, resultsFile, serverExited) {
  const t0 = Date.now();
  const page = await context.newPage();
  /** @type {{ done: boolean, fatal?: string, results: import('./suite/harness.cjs').TestResult[] } | undefined} */
  let report;
  try {
    await page.goto(url);
    await poll(
      () => {
        if (serverExited()) throw new Error('code-server exited during the API tests');
        report = readJson(resultsFile) ?? report;
        return report?.done;
      },
      {
        timeoutMs: API_SUITE_TIMEOUT,
        what: `the API suite to report to ${resultsFile}`,
        describe: () => (report ? `${report.results.length} tests reported so far` : 'the test extension never started'),
      },
    );
  } catch (err) {
    tally.fail('api: suite completes', err);
  } finally {
    await page.close();
  }
  for (const r of report?.results ?? []) {
    if (r.ok) tally.pass(r.name, r.ms);
    else tally.fail(r.name, r.error);
  }
  if (report?.fatal) tally.fail('api: suite loads', report.fatal);
  console.log(`e2e: API suite took ${seconds(Date.now() - t0)}`);
}

/**
 * @param {import('playwright-core').BrowserContext} context
 * @param {string} url
 * @param {string} work
 */
async function runUiSteps(context, url, work) {
  const t0 = Date.now();
  const page = await context.newPage();
  const screenshot = path.join(work, 'e2e-prisma.png');
  try {
    for (const [i, step] of prismaUiSteps.entries()) {
      const name = `ui: ${step.name}`;
      const stepStarted = Date.now();
      try {
        await step.run({ page, url, screenshot });
        tally.pass(name, Date.now() - stepStarted);
      } catch (err) {
        tally.fail(name, err);
        const failure = path.join(work, 'ui-failure.png');
        await page.screenshot({ path: failure }).catch(() => {});
        console.log(`e2e: screenshot of the failure: ${failure}`);
        for (const skipped of prismaUiSteps.slice(i + 1)) tally.skip(`ui: ${skipped.name}`);
        return;
      }
    }
  } finally {
    await page.close();
    console.log(`e2e: UI steps took ${seconds(Date.now() - t0)}`);
  }
  copyScreenshot(screenshot, README_SCREENSHOT);
  copyScreenshot(path.join(work, 'e2e-report.png'), README_REPORT_SCREENSHOT);
}

/** @returns {string} the code-server executable */
function installPrerequisites() {
  const result = spawnSync('bash', [path.join(root, 'scripts', 'e2e-install.sh')], {
    stdio: ['ignore', 'pipe', 'inherit'],
    encoding: 'utf8',
  });
  if (result.status !== 0) throw new Error(`scripts/e2e-install.sh exited with ${result.status ?? result.signal}`);
  const bin = result.stdout.trim().split('\n').at(-1) ?? '';
  if (!fs.existsSync(bin)) throw new Error(`scripts/e2e-install.sh named no code-server executable (got "${bin}")`);
  return bin;
}

/**
 * Runs a synchronous setup phase with a timing line.
 * @template T
 * @param {string} name
 * @param {() => T} fn
 * @returns {T}
 */
function phase(name, fn) {
  const t0 = Date.now();
  const value = fn();
  console.log(`e2e: ${name} took ${seconds(Date.now() - t0)}`);
  return value;
}

/**
 * @param {string} command
 * @param {string[]} args
 */
function runInherit(command, args) {
  const result = spawnSync(command, args, { cwd: root, stdio: ['ignore', 'inherit', 'inherit'] });
  if (result.status !== 0) throw new Error(`${path.basename(args[0] ?? command)} exited with ${result.status ?? result.signal}`);
}

/** @param {string} dest */
function copyFixture(dest) {
  return copyFixtureTo(FIXTURE, dest);
}
