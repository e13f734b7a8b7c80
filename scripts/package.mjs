// Packages the extension into a .vsix with vsce. What goes in is decided by .vscodeignore (an allowlist);
// esbuild has already bundled every dependency into dist/, so vsce is told not to collect node_modules.
//
//   node scripts/package.mjs [--out <file.vsix>]      (default: dist-vsix/db-design.vsix)
//
// Also used by test/e2e/run.mjs, for the extension and for the test-only runner extension.
import { createVSIX, listFiles, PackageManager } from '@vscode/vsce';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

/**
 * @typedef {object} PackageOptions
 * @property {string} [cwd] extension folder (default: the repository root)
 * @property {string} [out] .vsix to write
 * @property {string[]} [requiredFiles] paths (relative to cwd) that must exist first, e.g. the bundles
 * @property {boolean} [testOnly] a test-only extension: allow `*` activation and no LICENSE
 * @property {boolean} [quiet] no listing on stdout
 */

/**
 * @param {PackageOptions} [options]
 * @returns {Promise<{ vsix: string, bytes: number, files: string[] }>}
 */
export async function packageExtension(options = {}) {
  const cwd = options.cwd ?? root;
  const out = path.resolve(options.out ?? path.join(root, 'dist-vsix', 'db-design.vsix'));
  const required = options.requiredFiles ?? ['dist/client.js', 'dist/server.js', 'dist/engine-worker.js'];
  const missing = required.filter((f) => !fs.existsSync(path.join(cwd, f)));
  if (missing.length > 0) {
    throw new Error(`missing ${missing.join(', ')} in ${cwd}: run \`npm run build\` first`);
  }
  const manifest = JSON.parse(fs.readFileSync(path.join(cwd, 'package.json'), 'utf8'));
  // vsce would ask "LICENSE not found. Do you want to continue?" and, without a terminal, abort vaguely.
  if (!options.testOnly && !fs.readdirSync(cwd).some((f) => /^licen[cs]e(\.(md|txt))?$/i.test(f))) {
    throw new Error(`no LICENSE file in ${cwd}`);
  }

  fs.mkdirSync(path.dirname(out), { recursive: true });
  // vsce would otherwise print its own tables and warnings between our lines; its errors still throw.
  const restore = options.quiet ? silenceConsole() : () => {};
  try {
    await createVSIX({
      cwd,
      packagePath: out,
      dependencies: false,
      // Without a repository URL vsce cannot turn README-relative links into absolute ones and refuses to
      // package; leaving them relative still works in VS Code, which renders the README from the
      // installed extension folder (hence README images are in the .vscodeignore allowlist).
      allowMissingRepository: !manifest.repository,
      rewriteRelativeLinks: Boolean(manifest.repository),
      allowStarActivation: options.testOnly ?? false,
      skipLicense: options.testOnly ?? false,
    });
  } finally {
    restore();
  }
  const files = await listFiles({ cwd, packageManager: PackageManager.None });
  return { vsix: out, bytes: fs.statSync(out).size, files };
}

function silenceConsole() {
  const saved = { log: console.log, info: console.info, warn: console.warn };
  console.log = console.info = console.warn = () => {};
  return () => Object.assign(console, saved);
}

/** @param {number} bytes */
export function formatBytes(bytes) {
  return bytes >= 1024 * 1024 ? `${(bytes / 1024 / 1024).toFixed(2)} MB` : `${(bytes / 1024).toFixed(1)} KB`;
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const outIndex = process.argv.indexOf('--out');
  const out = outIndex > 0 ? process.argv[outIndex + 1] : undefined;
  try {
    const { vsix, bytes, files } = await packageExtension({ out, quiet: true });
    for (const f of files.sort()) console.log(`  ${f}`);
    console.log(`${path.relative(process.cwd(), vsix)}: ${files.length} files, ${formatBytes(bytes)}`);
  } catch (err) {
    console.error(`package: ${err instanceof Error ? err.message : String(err)}`);
    process.exitCode = 1;
  }
}
