// Helpers of the end-to-end runner that need none of its state: fixture copies, manifests, JSON files,
// logs and durations.
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';

/**
 * A copy of the fixture as a team's checkout: a git repository on main in which the Prisma migrations
 * are committed (history: they have run) and everything else is not committed yet (new work, which
 * fixes may edit).
 * @param {string} fixture
 * @param {string} dest
 */
export function copyFixture(fixture, dest) {
  fs.cpSync(fixture, dest, { recursive: true });
  const git = (/** @type {string[]} */ ...args) => {
    const r = spawnSync('git', ['-c', 'user.name=e2e', '-c', 'user.email=e2e@example.invalid', ...args], { cwd: dest, encoding: 'utf8' });
    if (r.status !== 0) throw new Error(`git ${args.join(' ')} in ${dest} failed: ${r.stderr || r.error}`);
  };
  git('init', '-q', '-b', 'main');
  git('add', 'prisma/migrations');
  git('commit', '-q', '-m', 'migrations that have run');
  return dest;
}

/** `publisher.name`, the id code-server lists an installed extension under. */
export function extensionId(/** @type {string} */ dir) {
  const manifest = JSON.parse(fs.readFileSync(path.join(dir, 'package.json'), 'utf8'));
  return `${manifest.publisher}.${manifest.name}`;
}

/** @param {string} file */
export function readJson(file) {
  try {
    return JSON.parse(fs.readFileSync(file, 'utf8'));
  } catch (err) {
    if (/** @type {NodeJS.ErrnoException} */ (err).code === 'ENOENT') return undefined;
    throw err;
  }
}

/**
 * The tail of every log that can explain a failure: code-server's own, the extension host's, and the
 * output channels of extensions (our language client and server write there).
 * @param {string} userDataDir
 * @param {string} codeServerLog
 */
export function printLogs(userDataDir, codeServerLog) {
  const logsDir = path.join(userDataDir, 'logs');
  const extensionHostLogs = fs.existsSync(logsDir)
    ? fs
        .readdirSync(logsDir, { recursive: true, encoding: 'utf8' })
        .filter((f) => f.endsWith('.log') && /(^|\/)remoteexthost\.log$|db.?design/i.test(f))
        .map((f) => path.join(logsDir, f))
    : [];
  for (const file of [codeServerLog, ...extensionHostLogs]) {
    const lines = fs.readFileSync(file, 'utf8').trimEnd().split('\n');
    if (lines.length === 1 && lines[0] === '') continue;
    console.log(`\n----- ${file} (last ${Math.min(lines.length, 40)} lines) -----`);
    console.log(lines.slice(-40).join('\n'));
  }
}

/** @param {number} ms */
export function seconds(ms) {
  return `${(ms / 1000).toFixed(1)} s`;
}
