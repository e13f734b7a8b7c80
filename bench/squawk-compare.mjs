// Compares db-design's migration-safety findings with squawk-cli's on the PostgreSQL migrations of
// ../shared/corpus, rule by rule, matching findings by file and line. Writes a JSON summary (and prints
// a table) that docs/squawk-comparison.md quotes.
//
//   npx tsc -b && node bench/squawk-compare.mjs [--out bench/squawk-comparison.json] [--samples 5]
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { createRequire } from 'node:module';
import { squawkBin as squawkPath } from './squawk.mjs';

const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..');
const require = createRequire(import.meta.url);
const { Engine, pathToUri } = require(path.join(root, 'out/server/src/engine/analyze.js'));
const { findMigrationSet } = require(path.join(root, 'out/server/src/workspace/migrations.js'));
const { detectSqlDialect } = require(path.join(root, 'out/server/src/sql/index.js'));
const { LineIndex } = require(path.join(root, 'out/server/src/model/text.js'));
const { splitStatements } = require(path.join(root, 'out/server/src/sql/index.js'));

const args = process.argv.slice(2);
const outFile = args.includes('--out') ? args[args.indexOf('--out') + 1] : path.join(root, 'bench', 'squawk-comparison.json');
const samples = args.includes('--samples') ? Number(args[args.indexOf('--samples') + 1]) : 5;
const corpus = process.env.DB_DESIGN_CORPUS ?? path.resolve(root, '..', 'shared', 'corpus');
const squawkBin = squawkPath();
if (!squawkBin) process.exit(2);

/** db-design rule -> the squawk rules that cover the same problem. */
export const MAP = {
  'require-concurrent-index': ['require-concurrent-index-creation'],
  'require-concurrent-drop-index': ['require-concurrent-index-deletion'],
  'concurrently-in-transaction': ['ban-concurrent-index-creation-in-transaction'],
  'add-column-not-null-without-default': ['adding-required-field'],
  'set-not-null': ['adding-not-nullable-field'],
  'constraint-missing-not-valid': ['adding-foreign-key-constraint', 'constraint-missing-not-valid'],
  'add-unique-constraint': ['disallowed-unique-constraint'],
  'change-column-type': ['changing-column-type'],
  'volatile-default': ['adding-field-with-default'],
  'rename-column': ['renaming-column'],
  'rename-table': ['renaming-table'],
  'drop-column': ['ban-drop-column'],
  'drop-table': ['ban-drop-table'],
  'truncate-cascade': ['ban-truncate-cascade'],
  'require-lock-timeout': ['require-lock-timeout'],
  'unclosed-transaction': ['transaction-nesting'],
  'prefer-timestamptz': ['prefer-timestamp-tz'],
  'ban-char-type': ['ban-char-field'],
  'prefer-identity': ['prefer-identity'],
};

const texts = new Map();
const host = {
  revision: () => 0,
  readFile(p) {
    if (!texts.has(p)) {
      try {
        texts.set(p, fs.readFileSync(p, 'utf8').replace(/^\uFEFF/, ''));
      } catch {
        texts.set(p, undefined);
      }
    }
    return texts.get(p);
  },
  readDir(p) {
    try {
      return fs.readdirSync(p, { withFileTypes: true }).map((e) => ({ name: e.name, isDir: e.isDirectory() }));
    } catch {
      return [];
    }
  },
};

function walk(dir, out = []) {
  for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) walk(p, out);
    else if (/\.sql$/i.test(e.name)) out.push(p);
  }
  return out;
}

// 1. The PostgreSQL up migrations of the corpus, as db-design finds them.
const files = walk(corpus).filter((f) => {
  const set = findMigrationSet(f, host);
  const entry = set?.files.find((x) => x.fsPath === f);
  return entry?.direction === 'up' && detectSqlDialect(pathToUri(f), host.readFile(f) ?? '') === 'postgresql';
});

// 2. db-design, with require-lock-timeout switched on (squawk has it on).
const engine = new Engine(host, () => ({ rules: { 'require-lock-timeout': 'warning' } }));
const ours = [];
let started = Date.now();
for (const f of files) {
  const text = host.readFile(f);
  const a = await engine.analyze(pathToUri(f), text, 'sql');
  const lines = new LineIndex(text);
  for (const x of a.findings) if (MAP[x.rule]) ours.push({ file: f, line: lines.positionAt(x.span.start).line, rule: x.rule });
}
const oursSeconds = (Date.now() - started) / 1000;

// 3. squawk, in chunks (command lines have limits).
const theirs = [];
started = Date.now();
for (let i = 0; i < files.length; i += 200) {
  const chunk = files.slice(i, i + 200);
  const res = spawnSync(squawkBin, ['--reporter', 'json', '--pg-version', '16', ...chunk], { encoding: 'utf8', maxBuffer: 256 * 1024 * 1024 });
  let parsed = [];
  try {
    parsed = JSON.parse(res.stdout || '[]');
  } catch {
    console.error(`squawk output not JSON for chunk ${i}: ${res.stderr.slice(0, 300)}`);
  }
  for (const d of parsed) theirs.push({ file: d.file, line: d.line, rule: d.rule_name });
}
const squawkSeconds = (Date.now() - started) / 1000;

// 4. Match by statement (the two tools point at different lines of a multi-line statement), per mapped
//    rule. Files squawk could not parse are left out of the comparison and counted.
const statementOf = new Map();
function statementKey(file, line) {
  let starts = statementOf.get(file);
  if (!starts) {
    const text = host.readFile(file) ?? '';
    const lines = new LineIndex(text);
    starts = splitStatements(text).statements.map((st) => [lines.positionAt(st.span.start).line, lines.positionAt(st.span.end).line]);
    statementOf.set(file, starts);
  }
  const k = starts.findIndex(([a, b]) => a <= line && line <= b);
  return `${file}:${k >= 0 ? `s${k}` : `l${line}`}`;
}
const unparsed = new Set(theirs.filter((x) => x.rule === 'syntax-error').map((x) => x.file));
const keep = (x) => !unparsed.has(x.file);
const rel = (f) => path.relative(corpus, f).split(path.sep).join('/');
const summary = {};
const examples = {};
for (const [rule, squawkRules] of Object.entries(MAP)) {
  const a = new Set(ours.filter((x) => x.rule === rule && keep(x)).map((x) => statementKey(x.file, x.line)));
  const b = new Set(theirs.filter((x) => squawkRules.includes(x.rule) && keep(x)).map((x) => statementKey(x.file, x.line)));
  const both = [...a].filter((k) => b.has(k));
  const onlyOurs = [...a].filter((k) => !b.has(k));
  const onlySquawk = [...b].filter((k) => !a.has(k));
  summary[rule] = { squawk: squawkRules.join(' + '), dbDesign: a.size, squawkCount: b.size, both: both.length, onlyDbDesign: onlyOurs.length, onlySquawk: onlySquawk.length };
  const show = (keys) =>
    keys.slice(0, samples).map((k) => {
      const f = k.slice(0, k.lastIndexOf(':'));
      const id = k.slice(k.lastIndexOf(':') + 1);
      const line = id.startsWith('s') ? statementOf.get(f)[Number(id.slice(1))][0] : Number(id.slice(1));
      return `${rel(f)}:${line + 1}: ${(host.readFile(f) ?? '').split(/\r?\n/)[line]?.trim().slice(0, 120)}`;
    });
  examples[rule] = { onlyDbDesign: show(onlyOurs), onlySquawk: show(onlySquawk) };
}
const squawkTotals = {};
for (const x of theirs) squawkTotals[x.rule] = (squawkTotals[x.rule] ?? 0) + 1;
const result = { files: files.length, squawkUnparsedFiles: unparsed.size, seconds: { dbDesign: oursSeconds, squawk: squawkSeconds }, summary, squawkTotals, examples };
fs.writeFileSync(outFile, JSON.stringify(result, null, 2) + '\n');
console.log(`${files.length} PostgreSQL up migrations (${unparsed.size} that squawk cannot parse left out); db-design ${oursSeconds.toFixed(1)} s, squawk ${squawkSeconds.toFixed(1)} s`);
console.log('rule'.padEnd(38), 'squawk rule(s)'.padEnd(60), 'ours', 'squawk', 'both', 'onlyOurs', 'onlySquawk');
for (const [rule, s] of Object.entries(summary)) console.log(rule.padEnd(38), s.squawk.padEnd(60), s.dbDesign, s.squawkCount, s.both, s.onlyDbDesign, s.onlySquawk);
