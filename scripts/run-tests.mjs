// Runs every compiled test (out/test/**/*.test.js, end-to-end tests excepted) with Node's test runner.
// Node 20's --test takes no globs, so the files are listed here. Arguments filter by substring.
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';

const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..');
const testDir = path.join(root, 'out', 'test');
const filters = process.argv.slice(2);
const files = [];
const visit = (d) => {
  for (const e of fs.readdirSync(d, { withFileTypes: true })) {
    const p = path.join(d, e.name);
    if (e.isDirectory()) { if (e.name !== 'e2e') visit(p); }
    else if (e.name.endsWith('.test.js') && (filters.length === 0 || filters.some((f) => p.includes(f)))) files.push(p);
  }
};
if (!fs.existsSync(testDir)) {
  console.error('out/test is missing: run `tsc -b` first (npm test does).');
  process.exit(2);
}
visit(testDir);
files.sort();
if (files.length === 0) {
  console.error('no test files matched');
  process.exit(2);
}
const res = spawnSync(process.execPath, ['--test', '--test-concurrency=2', ...files], { stdio: 'inherit', cwd: root });
process.exit(res.status ?? 1);
