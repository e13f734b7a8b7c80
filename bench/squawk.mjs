// Where the peer linter squawk-cli comes from for the benchmarks. It is not a project dependency:
// its npm package pulls a native binary per platform, and a lock file has to name them all, which
// not every registry mirror serves. It is installed on demand into a cache folder outside the project.
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

export const SQUAWK_VERSION = '2.66.0';

/** Path of the squawk binary, installing squawk-cli into ~/.cache/db-design-bench on first use; undefined if that fails. */
export function squawkBin() {
  const prefix = path.join(process.env.XDG_CACHE_HOME ?? path.join(os.homedir(), '.cache'), 'db-design-bench', `squawk-${SQUAWK_VERSION}`);
  const bin = path.join(prefix, 'node_modules', '.bin', 'squawk');
  if (fs.existsSync(bin)) return bin;
  fs.mkdirSync(prefix, { recursive: true });
  const res = spawnSync('npm', ['install', '--prefix', prefix, '--no-save', '--no-audit', '--no-fund', `squawk-cli@${SQUAWK_VERSION}`], { encoding: 'utf8' });
  if (res.status !== 0 || !fs.existsSync(bin)) {
    console.error(`could not install squawk-cli@${SQUAWK_VERSION}: ${res.stderr.split('\n').slice(-3).join(' ')}`);
    return undefined;
  }
  return bin;
}
