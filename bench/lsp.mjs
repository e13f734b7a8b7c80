// The language server as an editor sees it (dist/server.js --stdio): time to the first diagnostics after
// opening a file, keystroke → diagnostics (median and p95, the pause after a keystroke included: that is what
// a user waits; in a comment, and in the name of a field or column), hover, and the server's peak RSS; beside
// each file, its peer in the same run: Prisma's own wasm `lint` on the same schema text, and libpg-query parsing
// the same SQL once.
// Files: a generated 1 MB PostgreSQL DDL file (bench/inputs.mjs), a generated 300-model Prisma schema, and,
// when ../shared/corpus is beside the checkout, the largest real Prisma schema there (civitai's).
// Asserts nothing (speed is not a unit test). Run: npm run bench, or node bench/lsp.mjs [words: only the files whose
// name holds one of them, e.g. `node bench/lsp.mjs prisma`]
import { spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { createRequire } from 'node:module';
import { pathToFileURL } from 'node:url';
import { ddl, prismaSchema } from './inputs.mjs';

const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..');
const require = createRequire(import.meta.url);
const { createProtocolConnection, StreamMessageReader, StreamMessageWriter } = require('vscode-languageserver-protocol/node');
const { loadModule, parseSync } = require('libpg-query');
const prismaWasm = require('@prisma/prisma-schema-wasm');
const serverJs = path.join(root, 'dist', 'server.js');
if (!fs.existsSync(serverJs)) {
  console.error('build first (npm run build): bench/lsp.mjs needs dist/server.js');
  process.exit(2);
}
const EDITS = Number(process.env.BENCH_EDITS ?? 15);
/** The notice of a run the editor's budget stopped: the server goes on in further runs. */
const PART = /checked this file only in part/;
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const p95 = (xs) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(xs.length * 0.95))];
const ms = (x) => `${Math.round(x).toLocaleString('en')} ms`.padStart(9);

/** One server process with one file open in it. */
class Session {
  constructor(dir) {
    this.proc = spawn(process.execPath, [serverJs, '--stdio'], { cwd: dir, stdio: ['pipe', 'pipe', 'ignore'] });
    this.conn = createProtocolConnection(new StreamMessageReader(this.proc.stdout), new StreamMessageWriter(this.proc.stdin));
    this.waiting = [];
    this.conn.onNotification('textDocument/publishDiagnostics', (p) => {
      this.waiting = this.waiting.filter((w) => (w.uri === p.uri && (p.version === undefined || p.version >= w.version) && (!w.whole || !p.diagnostics.some((d) => PART.test(d.message))) ? (w.resolve(p), false) : true));
    });
    this.conn.onRequest('workspace/configuration', (p) => p.items.map(() => ({})));
    this.conn.onRequest('client/registerCapability', () => null);
    this.conn.onNotification(() => undefined);
    this.conn.listen();
    this.dir = dir;
  }
  async start() {
    await this.conn.sendRequest('initialize', { processId: process.pid, rootUri: pathToFileURL(this.dir).href, capabilities: {}, workspaceFolders: [{ uri: pathToFileURL(this.dir).href, name: 'bench' }] });
    await this.conn.sendNotification('initialized', {});
  }
  /** The first diagnostics for `version` or later; `whole`: the first that check the whole file (no budget notice). */
  diagnostics(uri, version, whole = false) {
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`no diagnostics for version ${version} in 60 s`)), 60000);
      this.waiting.push({ uri, version, whole, resolve: (p) => (clearTimeout(timer), resolve(p)) });
    });
  }
  /** Peak resident memory of the server process so far (Linux), in MB. */
  peakRss() {
    try {
      const m = /VmHWM:\s+(\d+) kB/.exec(fs.readFileSync(`/proc/${this.proc.pid}/status`, 'utf8'));
      return m ? Number(m[1]) / 1024 : NaN;
    } catch {
      return NaN;
    }
  }
  stop() {
    this.proc.kill();
  }
}

/** Opens `file`, types `EDITS` characters one at a time (waiting for each one's diagnostics), hovers `word`. */
async function measure(file, languageId, word) {
  const text = fs.readFileSync(file, 'utf8');
  const uri = pathToFileURL(file).href;
  const s = new Session(path.dirname(file));
  try {
    await s.start();
    let t = performance.now();
    const first = s.diagnostics(uri, 1);
    const whole = s.diagnostics(uri, 1, true);
    await s.conn.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId, version: 1, text } });
    await first;
    const open = performance.now() - t;
    // A file larger than one run's budget is published in part first; the server goes on by itself.
    const opened = await whole;
    const openWhole = performance.now() - t;
    // Keystrokes in a comment line added at the middle of the file: each changes the text, none the findings.
    const lines = text.split('\n');
    const line = Math.floor(lines.length / 2);
    const comment = languageId === 'prisma' ? '// ' : '-- ';
    let version = 2;
    await s.conn.sendNotification('textDocument/didChange', { textDocument: { uri, version }, contentChanges: [{ range: { start: { line, character: 0 }, end: { line, character: 0 } }, text: `${comment}\n` }] });
    await s.diagnostics(uri, version, true);
    const edits = [];
    for (let i = 0; i < EDITS; i++) {
      version++;
      const character = comment.length + i;
      const done = s.diagnostics(uri, version, true);
      t = performance.now();
      await s.conn.sendNotification('textDocument/didChange', { textDocument: { uri, version }, contentChanges: [{ range: { start: { line, character }, end: { line, character } }, text: 'x' }] });
      await done;
      edits.push(performance.now() - t);
    }
    const at = lines.findIndex((l, i) => i > line && l.includes(word));
    const hovers = [];
    for (let i = 0; i < 5 && at >= 0; i++) {
      t = performance.now();
      await s.conn.sendRequest('textDocument/hover', { textDocument: { uri }, position: { line: at + 1 + i, character: lines[at + i].indexOf(word) + 1 } });
      hovers.push(performance.now() - t);
    }
    // Keystrokes in the name of a field (a column) added to a model (a table) after the middle: each one renames
    // it, so the schema changes (Prisma's engine is asked again; the SQL statement is parsed and replayed again).
    const names = [];
    const idLine = lines.findIndex((l, i) => i > line && (languageId === 'prisma' ? /^\s+id\s.*@id\b/ : /^\s+id\s.*PRIMARY KEY,$/).test(l));
    if (idLine >= 0) {
      const fieldLine = idLine + 2; // after the id field; +1 for the comment line typed above
      const [name, rest] = languageId === 'prisma' ? ['  benchField', ' Int?\n'] : ['  bench_field', ' integer,\n'];
      version++;
      await s.conn.sendNotification('textDocument/didChange', { textDocument: { uri, version }, contentChanges: [{ range: { start: { line: fieldLine, character: 0 }, end: { line: fieldLine, character: 0 } }, text: name + rest }] });
      await s.diagnostics(uri, version, true);
      for (let i = 0; i < EDITS; i++) {
        version++;
        const character = name.length + i;
        const done = s.diagnostics(uri, version, true);
        t = performance.now();
        await s.conn.sendNotification('textDocument/didChange', { textDocument: { uri, version }, contentChanges: [{ range: { start: { line: fieldLine, character }, end: { line: fieldLine, character } }, text: 'x' }] });
        await done;
        names.push(performance.now() - t);
      }
    }
    return { open, openWhole, findings: opened.diagnostics.length, edit: median(edits), edit95: p95(edits), name: names.length ? median(names) : NaN, hoverFirst: hovers[0] ?? NaN, hover: median(hovers.slice(1)), rss: s.peakRss() };
  } finally {
    s.stop();
  }
}

function peer(fn, runs = 7) {
  fn();
  const xs = [];
  for (let i = 0; i < runs; i++) {
    const t = performance.now();
    fn();
    xs.push(performance.now() - t);
  }
  return median(xs);
}

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'db-design-lsp-bench-'));
await loadModule();
const inputs = [];
const sqlFile = path.join(dir, 'sql', 'dump.sql');
fs.mkdirSync(path.dirname(sqlFile));
fs.writeFileSync(sqlFile, ddl(8000));
inputs.push({ name: `generated DDL, ${(fs.statSync(sqlFile).size / 1048576).toFixed(1)} MB`, file: sqlFile, lang: 'sql', word: 'app.t', peerName: 'libpg-query parse', peer: (text) => parseSync(text) });
const genPrisma = path.join(dir, 'prisma', 'schema.prisma');
fs.mkdirSync(path.dirname(genPrisma));
fs.writeFileSync(genPrisma, prismaSchema(300));
const lint = (file, text) => prismaWasm.lint(JSON.stringify([[pathToFileURL(file).href, text]]));
inputs.push({ name: 'generated Prisma schema, 300 models', file: genPrisma, lang: 'prisma', word: 'M1', peerName: 'Prisma lint', peer: (text) => lint(genPrisma, text) });
const civitai = path.join(root, '..', 'shared', 'corpus', 'prisma', 'civitai', 'packages', 'civitai-db-schema', 'prisma', 'schema.full.prisma');
if (fs.existsSync(civitai)) {
  inputs.push({ name: "civitai's schema (real, 290 KB)", file: civitai, lang: 'prisma', word: 'User', peerName: 'Prisma lint', peer: (text) => lint(civitai, text) });
}

const only = process.argv.slice(2).map((w) => w.toLowerCase());
const chosen = inputs.filter((i) => only.length === 0 || only.some((w) => i.name.toLowerCase().includes(w)));

console.log(`\nLanguage server (dist/server.js --stdio; ${os.cpus().length} cores, load ${os.loadavg()[0].toFixed(1)}, ${EDITS} keystrokes, median)\n`);
console.log('(open: first diagnostics; whole: the first that check the whole file; keystroke: until diagnostics of the whole file)');
console.log(`${'file'.padEnd(38)} ${'open'.padStart(9)} ${'whole'.padStart(9)} ${'keystroke'.padStart(9)} ${'p95'.padStart(9)} ${'in a name'.padStart(9)} ${'1st hover'.padStart(9)} ${'hover'.padStart(9)} ${'peak RSS'.padStart(9)}  peer on the same text`);
for (const input of chosen) {
  try {
    const r = await measure(input.file, input.lang, input.word);
    const text = fs.readFileSync(input.file, 'utf8');
    const peerMs = peer(() => input.peer(text));
    console.log(
      `${input.name.padEnd(38)} ${ms(r.open)} ${ms(r.openWhole)} ${ms(r.edit)} ${ms(r.edit95)} ${Number.isNaN(r.name) ? '-'.padStart(9) : ms(r.name)} ${ms(r.hoverFirst)} ${ms(r.hover)} ${`${Math.round(r.rss)} MB`.padStart(9)}  ${input.peerName} ${Math.round(peerMs)} ms (${r.findings} findings)`,
    );
  } catch (err) {
    console.log(`${input.name.padEnd(38)} failed: ${err instanceof Error ? err.message : String(err)}`);
  }
}
fs.rmSync(dir, { recursive: true, force: true });
