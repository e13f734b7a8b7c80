// The same API suite as test/e2e/run.mjs, in desktop VS Code through @vscode/test-electron, for machines
// that can download VS Code (developers' laptops, public CI). It cannot run on the project's build
// machines, which have no route to update.code.visualstudio.com; `npm run test:e2e` (code-server) is the
// one that runs there.
//
//   npm run build && node test/e2e/electron/run.mjs          (Linux without a display: xvfb-run -a node ...)
//
// DB_DESIGN_E2E_VSCODE picks the VS Code version: default 1.100.3, the floor in engines.vscode and the
// version code-server runs; `stable` for the latest.
import { runTests } from '@vscode/test-electron';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
const root = path.resolve(here, '../../..');

if (!fs.existsSync(path.join(root, 'dist', 'client.js'))) {
  console.error('e2e (electron): dist/client.js is missing; run `npm run build` first');
  process.exit(1);
}

const work = fs.mkdtempSync(path.join(os.tmpdir(), 'db-design-e2e-electron-'));
// The suite edits and saves its workspace: give it a copy.
const workspace = path.join(work, 'workspace');
fs.cpSync(path.join(here, '..', 'fixtures', 'workspace'), workspace, { recursive: true });

try {
  await runTests({
    version: process.env.DB_DESIGN_E2E_VSCODE ?? '1.100.3',
    // The unpackaged repository: test-electron loads it as an extension under development.
    extensionDevelopmentPath: root,
    extensionTestsPath: path.join(here, 'index.cjs'),
    launchArgs: [
      workspace,
      // Other installed extensions out; the one under development stays.
      '--disable-extensions',
      '--disable-workspace-trust',
      '--skip-welcome',
      '--skip-release-notes',
      '--user-data-dir',
      path.join(work, 'user-data'),
    ],
  });
  fs.rmSync(work, { recursive: true, force: true });
} catch (err) {
  console.error(`e2e (electron): failed (${err instanceof Error ? err.message : String(err)}); files kept in ${work}`);
  process.exitCode = 1;
}
