// Findings per rule per corpus project with the current default severities: the figures behind
// docs/severity.md. Not shipped, not a test; run it after `npm run build` when defaults or rules change:
//
//   node scripts/severity-table.mjs [corpus folder, default ../shared/corpus] [--json out.json]
//
// Each project is checked from its own root (`db-design check --format json .` with the project as the
// current folder), as a team would run it in CI, with no configuration of ours.
import { execFile } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const { values: opts, positionals } = parseArgs({ allowPositionals: true, options: { json: { type: 'string' } } });
const corpus = path.resolve(positionals[0] ?? path.join(root, '..', 'shared', 'corpus'));
const cli = path.join(root, 'dist', 'cli.js');
if (!fs.existsSync(cli)) throw new Error('dist/cli.js is missing: run `node scripts/build.mjs` first');

/** Corpus layout: <corpus>/<kind>/<project>, kind prisma or sql. */
const projects = fs
  .readdirSync(corpus, { withFileTypes: true })
  .filter((d) => d.isDirectory() && (d.name === 'prisma' || d.name === 'sql'))
  .flatMap((kind) =>
    fs
      .readdirSync(path.join(corpus, kind.name), { withFileTypes: true })
      .filter((d) => d.isDirectory())
      .map((p) => ({ kind: kind.name, name: p.name, dir: path.join(corpus, kind.name, p.name) })),
  )
  .sort((a, b) => a.kind.localeCompare(b.kind) || a.name.localeCompare(b.name));

/** @returns {Promise<{ diagnostics: { rule: string, severity: string }[] }>} */
function check(dir) {
  return new Promise((resolve, reject) => {
    execFile(process.execPath, [cli, 'check', '--format', 'json', '.'], { cwd: dir, maxBuffer: 1 << 30 }, (err, stdout, stderr) => {
      // Exit 1 means findings over the bar: the JSON is there all the same.
      if (err && err.code !== 1) return reject(new Error(`${dir}: exit ${err.code}\n${stderr}`));
      try {
        resolve(JSON.parse(stdout));
      } catch (e) {
        reject(new Error(`${dir}: unreadable JSON (${e})`));
      }
    });
  });
}

const rules = new Map(
  (await new Promise((resolve, reject) =>
    execFile(process.execPath, [cli, 'rules', '--format', 'json'], (err, stdout) => (err ? reject(err) : resolve(JSON.parse(stdout)))),
  )).map((r) => [r.id, r]),
);

/** counts.get(rule).get(project) = findings */
const counts = new Map();
const started = Date.now();
for (const p of projects) {
  const t0 = Date.now();
  const result = await check(p.dir);
  for (const d of result.diagnostics) {
    const perProject = counts.get(d.rule) ?? counts.set(d.rule, new Map()).get(d.rule);
    perProject.set(p.name, (perProject.get(p.name) ?? 0) + 1);
  }
  console.error(`${p.kind}/${p.name}: ${result.diagnostics.length} findings in ${((Date.now() - t0) / 1000).toFixed(1)} s`);
}
console.error(`${projects.length} projects in ${((Date.now() - started) / 1000).toFixed(0)} s`);

const rows = [...rules.values()].map((r) => {
  const per = counts.get(r.id) ?? new Map();
  const total = [...per.values()].reduce((a, b) => a + b, 0);
  const top = [...per.entries()].sort((a, b) => b[1] - a[1]).slice(0, 3).map(([name, n]) => `${name} ${n}`);
  return { id: r.id, default: r.severity, total, projects: per.size, top };
});
const order = { error: 0, warning: 1, info: 2, hint: 3, off: 4 };
rows.sort((a, b) => order[a.default] - order[b.default] || b.total - a.total || a.id.localeCompare(b.id));

console.log(`| rule | default | findings | projects (of ${projects.length}) | most in |`);
console.log('|---|---|---:|---:|---|');
for (const r of rows) console.log(`| \`${r.id}\` | ${r.default} | ${r.total} | ${r.projects} | ${r.top.join(', ')} |`);

if (opts.json) {
  const perProject = Object.fromEntries([...counts].map(([rule, per]) => [rule, Object.fromEntries(per)]));
  fs.writeFileSync(opts.json, JSON.stringify({ projects: projects.map((p) => `${p.kind}/${p.name}`), perProject }, null, 2) + '\n');
}
