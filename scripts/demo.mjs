// `npm run demo`: runs the CLI on the bundled example project, then applies the safe fixes to a copy
// and shows what changed, so a new user sees findings and fixes in one go. The example itself is
// never modified.
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..');
const cli = path.join(root, 'bin', 'db-design.js');
const example = path.join(root, 'examples', 'demo');
const run = (args, cwd) => spawnSync(process.execPath, [cli, ...args], { cwd, encoding: 'utf8', env: { ...process.env, FORCE_COLOR: '0' } });

const heading = (s) => console.log(`\n=== ${s} ===\n`);

heading('db-design check examples/demo');
const first = run(['check', '.'], example);
process.stdout.write(first.stdout);
process.stderr.write(first.stderr);
if (first.status === 2) process.exit(2);

const work = fs.mkdtempSync(path.join(os.tmpdir(), 'db-design-demo-'));
try {
  fs.cpSync(example, work, { recursive: true });
  const before = snapshot(work);
  heading('db-design check --fix (on a copy; safe fixes only)');
  const fixed = run(['check', '--fix', '.'], work);
  process.stdout.write(fixed.stdout.split('\n').slice(-3).join('\n'));
  const after = snapshot(work);
  for (const [file, text] of after) {
    if (before.get(file) === text) continue;
    heading(`what --fix changed in ${file}`);
    const a = before.get(file).split('\n');
    const b = text.split('\n');
    let i = 0;
    while (i < a.length && a[i] === b[i]) i++;
    let j = 0;
    while (j < a.length - i && a[a.length - 1 - j] === b[b.length - 1 - j]) j++;
    for (const line of a.slice(i, a.length - j)) console.log(`- ${line}`);
    for (const line of b.slice(i, b.length - j)) console.log(`+ ${line}`);
  }
  heading('Other fixes are offered in the editor (quick fix, Ctrl+.) and in `db-design check --format json`');
} finally {
  fs.rmSync(work, { recursive: true, force: true });
}

function snapshot(dir) {
  const out = new Map();
  const visit = (d) => {
    for (const e of fs.readdirSync(d, { withFileTypes: true })) {
      const p = path.join(d, e.name);
      if (e.isDirectory()) visit(p);
      else out.set(path.relative(dir, p), fs.readFileSync(p, 'utf8'));
    }
  };
  visit(dir);
  return out;
}
