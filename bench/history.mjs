// The largest real migration history in ../shared/corpus (Ory Kratos: about 2,800 SQL files for four engines,
// one folder) end to end: `db-design check` at the project's root, as a user runs it, on the first 100, 1,000
// and all of its migration files (a copy of the project cut at that file), so the rows show how time grows
// with history length; beside the whole project, squawk-cli on the same SQL files (installed on demand).
// Skips when ../shared is not beside the checkout. Asserts nothing. Run: npm run bench, or node bench/history.mjs
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { squawkBin } from './squawk.mjs';

const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..');
const kratos = path.join(root, '..', 'shared', 'corpus', 'sql', 'kratos');
if (!fs.existsSync(kratos)) {
  console.log('\n(kratos history: ../shared/corpus is not beside this checkout, skipped)');
  process.exit(0);
}
const cli = path.join(root, 'bin', 'db-design.js');
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'db-design-history-'));
const probe = path.join(dir, 'usage.cjs');
fs.writeFileSync(
  probe,
  `process.on('exit', () => { const u = process.resourceUsage(); process.stderr.write('\\nUSAGE ' + JSON.stringify({ cpu: (u.userCPUTime + u.systemCPUTime) / 1000, rss: u.maxRSS / 1024 }) + '\\n'); });\n`,
);

/** Every file under `dir`, relative, sorted. */
function files(base, rel = '') {
  const out = [];
  for (const e of fs.readdirSync(path.join(base, rel), { withFileTypes: true })) {
    const r = path.join(rel, e.name);
    if (e.isDirectory()) out.push(...files(base, r));
    else out.push(r);
  }
  return out.sort();
}

const all = files(kratos);
const migrations = all.filter((f) => f.endsWith('.sql'));
const others = all.filter((f) => !f.endsWith('.sql'));

/** A copy of kratos with its first `n` migration files (in name order within each folder) and every other file. */
function cut(n) {
  const target = path.join(dir, `kratos-${n}`);
  const keep = new Set(migrations.slice(0, n));
  for (const f of [...others, ...keep]) {
    fs.mkdirSync(path.dirname(path.join(target, f)), { recursive: true });
    fs.copyFileSync(path.join(kratos, f), path.join(target, f));
  }
  return target;
}

function run(cmd, args, cwd) {
  const started = performance.now();
  const r = spawnSync(cmd, args, { cwd, encoding: 'utf8', maxBuffer: 1 << 30 });
  const wall = (performance.now() - started) / 1000;
  const usage = /USAGE (\{.*\})/.exec(r.stderr ?? '');
  return { r, wall, ...(usage ? JSON.parse(usage[1]) : { cpu: NaN, rss: NaN }) };
}

console.log(`\nA real history end to end: Ory Kratos, db-design check at its root (${os.cpus().length} cores, load ${os.loadavg()[0].toFixed(1)})\n`);
console.log(`${'migration files'.padEnd(28)} ${'wall'.padStart(8)} ${'CPU'.padStart(8)} ${'peak RSS'.padStart(9)}  findings`);
for (const n of [100, 1000, migrations.length]) {
  const project = n === migrations.length ? kratos : cut(n);
  const { r, wall, cpu, rss } = run(process.execPath, ['--require', probe, cli, 'check', '--format', 'json', '--no-exit-code'], project);
  let findings;
  try {
    findings = String(JSON.parse(r.stdout).diagnostics.length);
  } catch {
    findings = `failed (exit ${r.status}): ${(r.stderr ?? '').split('\n')[0]}`;
  }
  const label = n === migrations.length ? `all ${n.toLocaleString('en')} (the project)` : n.toLocaleString('en');
  console.log(`${label.padEnd(28)} ${`${wall.toFixed(2)} s`.padStart(8)} ${`${(cpu / 1000).toFixed(2)} s`.padStart(8)} ${`${Math.round(rss)} MB`.padStart(9)}  ${findings}`);
}
const squawk = process.env.BENCH_NO_SQUAWK ? undefined : squawkBin();
if (squawk) {
  // The same files, named on the command line (squawk reads each file on its own, no history).
  const started = performance.now();
  const r = spawnSync(squawk, ['--reporter', 'json', ...migrations], { cwd: kratos, encoding: 'utf8', maxBuffer: 1 << 30 });
  const wall = (performance.now() - started) / 1000;
  let count = '?';
  try {
    count = String(JSON.parse(r.stdout).length);
  } catch {
    count = `exit ${r.status}`;
  }
  console.log(`${'squawk-cli, the same files'.padEnd(28)} ${`${wall.toFixed(2)} s`.padStart(8)} ${''.padStart(8)} ${''.padStart(9)}  ${count}`);
} else {
  console.log('(squawk-cli could not be installed: no comparison)');
}
fs.rmSync(dir, { recursive: true, force: true });
