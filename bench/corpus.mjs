// The corpus's PostgreSQL files (../shared/corpus, its MANIFEST.tsv read here as the answer key of which files are
// PostgreSQL: the product never reads it), one file list for three programs in the same run: squawk-cli, db-design
// check (each file in its project, its migration history replayed) and libpg-query parsing each file alone.
// Asserts nothing. Skipped without ../shared. Run: npm run bench, or node bench/corpus.mjs
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { createRequire } from 'node:module';
import { squawkBin } from './squawk.mjs';

const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..');
const corpus = process.env.DB_DESIGN_CORPUS ?? path.resolve(root, '..', 'shared', 'corpus');
const manifest = path.join(corpus, 'MANIFEST.tsv');
if (!fs.existsSync(manifest)) {
  console.log('\nCorpus: ../shared/corpus is not beside this checkout: skipped');
  process.exit(0);
}
const require = createRequire(import.meta.url);
const { loadModule, parseSync } = require('libpg-query');

const files = fs
  .readFileSync(manifest, 'utf8')
  .split('\n')
  .slice(1)
  .map((l) => l.split('\t'))
  .filter(([, kind, dialect]) => kind === 'sql' && dialect === 'postgresql')
  .map(([p]) => p);
const bytes = files.reduce((n, f) => n + fs.statSync(path.join(corpus, f)).size, 0);
console.log(`\nCorpus PostgreSQL files: ${files.length.toLocaleString('en')} files, ${(bytes / 1048576).toFixed(1)} MB (${os.cpus().length} cores, load ${os.loadavg()[0].toFixed(1)})`);

/** Wall time of one run of `cmd` over all the files, in seconds (the files on its command line, from the corpus root). */
function command(cmd, args) {
  const t = performance.now();
  const r = spawnSync(cmd, [...args, ...files], { cwd: corpus, encoding: 'utf8', maxBuffer: 1 << 30 });
  const s = (performance.now() - t) / 1000;
  if (r.error) throw r.error;
  return s;
}

await loadModule();
const t = performance.now();
for (const f of files) {
  try {
    parseSync(fs.readFileSync(path.join(corpus, f), 'utf8'));
  } catch {
    // A file the parser rejects still cost its parse.
  }
}
const parse = (performance.now() - t) / 1000;
const ours = command(process.execPath, [path.join(root, 'bin', 'db-design.js'), 'check', '--format', 'json']);
const squawk = process.env.BENCH_NO_SQUAWK ? undefined : squawkBin();
const peer = squawk ? command(squawk, ['--reporter', 'json']) : undefined;
const row = (name, s, note = '') => console.log(`  ${name.padEnd(44)} ${`${s.toFixed(2)} s`.padStart(8)}  ${note}`);
row('libpg-query parse, each file (in process)', parse);
if (peer !== undefined) row('squawk-cli, the same files (command)', peer);
row('db-design check, the same files (command)', ours, `${peer !== undefined ? `${(ours / peer).toFixed(2)}x squawk, ` : ''}${(ours / parse).toFixed(2)}x the parse`);
