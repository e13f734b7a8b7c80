// Scale benchmarks: `db-design check` on the pathological inputs of bench/inputs.mjs (generated here, the same
// bytes every run), one command per input, with its wall time, CPU time (user + system) and peak RSS as the
// child process reports them. Rows of one shape at 1x/2x/4x size show whether time grows linearly.
// Asserts nothing (speed is not a unit test). Run: npm run bench, or node bench/scale.mjs [row-substring...]
//   BENCH_CLI=path/to/db-design.js   measure another build (for before/after figures)
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { bigInsert, ddl, migrationFolders, oneLine } from './inputs.mjs';

const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..');
const cli = path.resolve(process.env.BENCH_CLI ?? path.join(root, 'bin', 'db-design.js'));
if (!fs.existsSync(path.join(path.dirname(cli), '..', 'dist', 'cli.js'))) {
  console.error(`build first (npm run build): ${cli} needs dist/cli.js`);
  process.exit(2);
}
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'db-design-scale-'));
// Loaded in the child: its own CPU time and peak RSS, printed on exit (no /usr/bin/time needed).
const probe = path.join(dir, 'usage.cjs');
fs.writeFileSync(
  probe,
  `process.on('exit', () => { const u = process.resourceUsage(); process.stderr.write('\\nUSAGE ' + JSON.stringify({ cpu: (u.userCPUTime + u.systemCPUTime) / 1000, rss: u.maxRSS / 1024 }) + '\\n'); });\n`,
);

const MB = 1048576;
const rows = [
  { name: 'one line, 2 MB (minified dump)', make: (p) => fs.writeFileSync(p, oneLine(2 * MB)), file: 'oneline.sql' },
  { name: 'one INSERT, 2 MB over many lines', make: (p) => fs.writeFileSync(p, bigInsert(2 * MB)), file: 'insert.sql' },
  ...[2000, 4000, 8000].map((n) => ({ name: `${n.toLocaleString('en')} DDL statements, one file`, make: (p) => fs.writeFileSync(p, ddl(n)), file: `ddl${n}.sql` })),
  ...[750, 1500, 3000].map((n) => ({
    name: `${n.toLocaleString('en')} Prisma migration folders`,
    make: (p) => migrationFolders(p, n),
    file: `history${n}`,
  })),
];
const only = process.argv.slice(2);
const chosen = only.length ? rows.filter((r) => only.some((s) => r.name.includes(s) || r.file.includes(s))) : rows;

console.log(`db-design check on generated inputs (${os.cpus().length} cores, load ${os.loadavg()[0].toFixed(1)}, Node ${process.version})\n`);
console.log(`${'input'.padEnd(36)} ${'wall'.padStart(8)} ${'CPU'.padStart(8)} ${'peak RSS'.padStart(9)}  findings`);
for (const row of chosen) {
  const target = path.join(dir, row.file);
  row.make(target);
  const started = performance.now();
  const r = spawnSync(process.execPath, ['--require', probe, cli, 'check', '--format', 'json', '--no-exit-code', target], {
    encoding: 'utf8',
    maxBuffer: 1 << 30,
  });
  const wall = (performance.now() - started) / 1000;
  const usage = /USAGE (\{.*\})/.exec(r.stderr ?? '');
  let findings = '?';
  try {
    findings = String(JSON.parse(r.stdout).diagnostics.length);
  } catch {
    findings = `failed (exit ${r.status}): ${(r.stderr ?? '').split('\n')[0]}`;
  }
  const u = usage ? JSON.parse(usage[1]) : { cpu: NaN, rss: NaN };
  console.log(`${row.name.padEnd(36)} ${`${wall.toFixed(2)} s`.padStart(8)} ${`${(u.cpu / 1000).toFixed(2)} s`.padStart(8)} ${`${Math.round(u.rss)} MB`.padStart(9)}  ${findings}`);
  fs.rmSync(target, { recursive: true, force: true });
}
fs.rmSync(dir, { recursive: true, force: true });
