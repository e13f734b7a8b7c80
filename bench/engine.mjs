// Benchmarks of the analysis engine against peers run in the same process (or command):
//   SQL:    db-design on a generated 1 MB PostgreSQL DDL file vs libpg-query parsing the whole file once
//           (the floor: the parser alone), cold, warm and after a one-statement edit (statement cache),
//           and vs squawk-cli on the same file (installed on demand by bench/squawk.mjs).
//   Prisma: db-design on a generated 150-model schema vs Prisma's own wasm `lint` on the same text.
// Prints medians and ratios; asserts nothing (speed is not a unit test). Run: npm run bench
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { createRequire } from 'node:module';
import { squawkBin } from './squawk.mjs';
import { drizzleSchema, prismaSchema } from './inputs.mjs';

const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..');
const require = createRequire(import.meta.url);
const out = (p) => path.join(root, 'out', 'server', 'src', p);
if (!fs.existsSync(out('engine/analyze.js'))) {
  console.error('compile first: npx tsc -b');
  process.exit(2);
}
const { Engine, pathToUri } = require(out('engine/analyze.js'));
const { loadModule, parseSync } = require('libpg-query');
const prismaWasm = require('@prisma/prisma-schema-wasm');

const RUNS = Number(process.env.BENCH_RUNS ?? 7);
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
async function time(fn, runs = RUNS) {
  const ms = [];
  for (let i = 0; i < runs; i++) {
    const t = performance.now();
    await fn(i);
    ms.push(performance.now() - t);
  }
  return median(ms);
}
const fmt = (ms) => `${ms.toFixed(1).padStart(8)} ms`;

function sqlFile(tables) {
  const parts = ['CREATE TABLE t0 (id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY, name text NOT NULL);'];
  for (let i = 1; i < tables; i++) {
    parts.push(
      `CREATE TABLE t${i} (\n  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,\n  parent_id bigint NOT NULL REFERENCES t${i - 1} (id) ON DELETE CASCADE,\n` +
        `  title varchar(200) NOT NULL,\n  body text,\n  created_at timestamp NOT NULL DEFAULT now(),\n  updated_at timestamptz NOT NULL DEFAULT now()\n);`,
      i % 2 ? `CREATE INDEX t${i}_parent_id_idx ON t${i} (parent_id);` : `COMMENT ON TABLE t${i} IS 'table ${i} of the benchmark';`,
      `ALTER TABLE t${i} ADD CONSTRAINT t${i}_title_len CHECK (char_length(title) > 0);`,
    );
  }
  return parts.join('\n') + '\n';
}


const host = { readFile: () => undefined, readDir: () => [] };
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'db-design-bench-'));

console.log(`db-design benchmarks (median of ${RUNS}; ${os.cpus().length} cores, Node ${process.version})\n`);

// --- SQL ---
await loadModule();
const sql = sqlFile(800);
const sqlPath = path.join(dir, 'big.sql');
fs.writeFileSync(sqlPath, sql);
const mb = Buffer.byteLength(sql) / 1048576;
const sqlUri = pathToUri(sqlPath);
const statements = sql.split(';\n').length - 1;
console.log(`SQL: ${mb.toFixed(2)} MB, ${statements} statements`);
const parseOnly = await time(() => parseSync(sql));
let fresh = 0;
// Cold: a new statement text each run (a comment that changes) defeats the statement cache.
const cold = await time((i) => new Engine(host).analyze(sqlUri, sql.replace(/table (\d+) of/g, `table $1 run ${i}-${fresh++} of`), 'sql'));
const engine = new Engine(host);
await engine.analyze(sqlUri, sql, 'sql');
const warm = await time(() => engine.analyze(sqlUri, sql, 'sql'));
const edited = await time((i) => engine.analyze(sqlUri, sql.replace('table 400 of', `table 400 edit ${i} of`), 'sql'));
console.log(`  libpg-query parseSync, whole file (peer) ${fmt(parseOnly)}`);
console.log(`  db-design analyze, cold                 ${fmt(cold)}   ${(cold / parseOnly).toFixed(2)}x the parser alone, ${(mb / (cold / 1000)).toFixed(1)} MB/s`);
console.log(`  db-design analyze, unchanged text       ${fmt(warm)}   ${(warm / parseOnly).toFixed(2)}x`);
console.log(`  db-design analyze, one statement edited ${fmt(edited)}   ${(edited / parseOnly).toFixed(2)}x  (${(cold / edited).toFixed(1)}x faster than cold)`);

const squawk = process.env.BENCH_NO_SQUAWK ? undefined : squawkBin();
if (squawk) {
  const squawkMs = await time(() => spawnSync(squawk, [sqlPath], { encoding: 'utf8' }), 3);
  const cli = path.join(root, 'bin', 'db-design.js');
  const ourCli = await time(() => spawnSync(process.execPath, [cli, 'check', '--format', 'json', sqlPath], { encoding: 'utf8' }), 3);
  console.log(`  squawk-cli on the file (command)        ${fmt(squawkMs)}`);
  console.log(`  db-design check on the file (command)   ${fmt(ourCli)}   ${(ourCli / squawkMs).toFixed(2)}x squawk`);
} else {
  console.log('  (squawk-cli could not be installed: no comparison)');
}

// --- Prisma ---
const schema = prismaSchema(150);
const schemaPath = path.join(dir, 'schema.prisma');
fs.writeFileSync(schemaPath, schema);
const schemaUri = pathToUri(schemaPath);
console.log(`\nPrisma: ${schema.split('\n').length} lines, 150 models`);
const files = JSON.stringify([[schemaUri, schema]]);
prismaWasm.lint(files);
const lintOnly = await time(() => prismaWasm.lint(files));
const prismaEngine = new Engine(host);
await prismaEngine.analyze(schemaUri, schema, 'prisma');
const ours = await time((i) => prismaEngine.analyze(schemaUri, schema.replace('model M75 {', `model M75 { // ${i}`), 'prisma'));
console.log(`  Prisma wasm lint (peer)                 ${fmt(lintOnly)}`);
console.log(`  db-design analyze (lint + datamodel + scan + rules) ${fmt(ours)}   ${(ours / lintOnly).toFixed(2)}x Prisma's lint`);

// --- TypeScript (Drizzle) ---
// A 1,000-line schema file: the analysis an edit costs, beside @babel/parser (the parser it uses) on the same text;
// and the check that leaves a project's other TypeScript alone (it decides from the text, before any parse).
const { languageOf } = require(out('engine/analyze.js'));
const babel = require('@babel/parser');
const ts = drizzleSchema(84);
const tsPath = path.join(dir, 'src', 'db', 'schema.ts');
const tsUri = pathToUri(tsPath);
console.log(`\nTypeScript: a Drizzle schema of ${ts.split('\n').length} lines, 84 tables`);
const tsParse = await time(() => babel.parse(ts, { sourceType: 'module', plugins: ['typescript', 'decorators'] }));
const tsEngine = new Engine(host);
await tsEngine.analyze(tsUri, ts, 'typescript');
const tsOurs = await time((i) => tsEngine.analyze(tsUri, ts.replace("name: text('name')", `name: text('name${i}')`), 'typescript'));
const other = ts.replace(/drizzle-orm\/pg-core/g, './lib').replace(/pgTable/g, 'makeTable');
const skip = await time(() => languageOf(path.join(dir, 'src', 'service.ts'), other));
console.log(`  @babel/parser, the same text (peer)     ${fmt(tsParse)}`);
console.log(`  db-design analyze, one column edited    ${fmt(tsOurs)}   ${(tsOurs / tsParse).toFixed(2)}x the parser alone`);
console.log(`  other TypeScript of the same size: left alone after ${skip.toFixed(3)} ms (${languageOf(path.join(dir, 'src', 'service.ts'), other) ?? 'not read'})`);

fs.rmSync(dir, { recursive: true, force: true });
