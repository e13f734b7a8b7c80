/**
 * The built CLI over every project of the shared corpus, each run from its own root as a user would run
 * it, checked against MANIFEST.tsv (the answer key, never an input of the tool):
 *
 *   - never exit 2, never a stack trace;
 *   - the engine reported for each file is the one the manifest gives it, and the top-level engine of a
 *     single-engine project is that engine (`multiple` for a project with several);
 *   - no syntax error on a file the manifest gives to another engine, nor on a PostgreSQL file the
 *     PostgreSQL parser accepts whole;
 *   - no design finding (rule catalogue section A) on a statement Prisma Migrate generated: those belong
 *     to the schema. Hand-written SQL in a migration (no Prisma section comment above it) may keep them.
 *
 * Prints per project the engine, the files and the findings per rule, which the issue notes quote.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { loadModule, parseSync } from 'libpg-query';
import { allRules } from '../../server/src/rules/registry';
import { manifestProjects, type ManifestRow } from '../helpers/manifest';
import { corpusRoot, NO_CORPUS, repoRoot } from '../helpers/paths';

interface JsonDiagnostic {
  file: string;
  rule: string;
  severity: string;
  range: { start: { line: number; character: number } };
}
interface JsonEngine {
  name: string;
  from: string;
  detail?: string;
}
interface JsonOutput {
  files: number;
  engine?: JsonEngine;
  engines: (JsonEngine & { files: string[] })[];
  diagnostics: JsonDiagnostic[];
}

const DESIGN = new Set(allRules.filter((r) => r.meta.category === 'design').map((r) => r.meta.id));
/** Design rules about what a Prisma schema cannot say at all (row-level security). */
const SQL_ONLY = new Set(['tenant-rls', 'rls-enabled-no-policy']);

/** Prisma Migrate's section comments (`-- CreateTable`, `-- AddForeignKey`, ...) above each statement it writes. */
function prismaWrote(text: string, line: number): boolean {
  const lines = text.split(/\r?\n/);
  // The statement holding the line starts after the previous `;`; its header is the comment just above.
  let i = line;
  while (i > 0 && !/;\s*$/.test(lines[i - 1])) i--;
  // Its header: the comment and blank lines before its first line of code.
  for (let j = i; j <= line && j < lines.length; j++) {
    const l = lines[j].trim();
    if (/^--\s*[A-Z][A-Za-z]+\s*$/.test(l)) return true;
    if (l !== '' && !l.startsWith('--')) return false;
  }
  return false;
}

function pgAccepts(text: string): boolean {
  try {
    parseSync(text.replace(/^\uFEFF/, ''));
    return true;
  } catch (err) {
    return /cannot be empty/.test(String((err as Error).message));
  }
}

describe('CLI over each project of ../shared/corpus, run from its root', () => {
  it('engines as the manifest says, no false syntax errors, no design findings on Prisma-generated SQL', { timeout: 3_600_000 }, async (t) => {
    if (!corpusRoot) return t.skip(NO_CORPUS);
    await loadModule();
    const problems: string[] = [];
    const table: string[] = [];
    let checked = 0;
    for (const project of manifestProjects()) {
      const root = path.join(corpusRoot, project.root);
      const started = Date.now();
      const res = spawnSync(process.execPath, [path.join(repoRoot, 'bin', 'db-design.js'), 'check', '--format', 'json', '--no-exit-code', '.'], {
        cwd: root,
        encoding: 'utf8',
        maxBuffer: 512 * 1024 * 1024,
      });
      assert.notEqual(res.status, 2, `${project.name}: exit 2; stderr:\n${res.stderr.slice(0, 4000)}`);
      assert.doesNotMatch(res.stderr, /\n\s+at .+\(.+:\d+:\d+\)/, `${project.name}: stack trace on stderr`);
      const out = JSON.parse(res.stdout) as JsonOutput;
      checked += out.files;
      const rows = new Map<string, ManifestRow>(project.rows.map((r) => [r.path.slice(project.root.length + 1), r]));
      const engineOf = new Map<string, JsonEngine>();
      for (const e of out.engines) for (const f of e.files) engineOf.set(f, e);

      // The engine of each file, and of the project. A Prisma schema's own datasource outranks the manifest
      // where the two disagree (printed, so the manifest can be corrected).
      const engines = new Set(project.engines);
      for (const [file, row] of rows) {
        if (row.kind !== 'sql' && row.kind !== 'prisma') continue;
        let expected: string = row.dialect;
        if (row.kind === 'prisma') {
          const provider = /datasource\s+\w+\s*\{[^}]*?provider\s*=\s*"(\w+)"/.exec(fs.readFileSync(path.join(root, file), 'utf8'))?.[1];
          const declared = provider === 'postgres' ? 'postgresql' : provider;
          if (declared && declared !== row.dialect) {
            t.diagnostic(`manifest: ${project.root}/${file} is ${row.dialect}, its datasource says ${declared}`);
            expected = declared;
            engines.add(declared);
          }
        }
        const e = engineOf.get(file);
        if (!e) continue; // left out by the CLI (over the size limit, binary)
        if (expected !== 'generic' && e.name !== expected) problems.push(`${project.name}: ${file} read as ${e.name} (${e.from}: ${e.detail}), the manifest says ${expected}`);
      }
      // A project with TypeScript sources only is judged by its project files (or has no engine to report).
      // Sources the manifest calls generic (flowise's TypeORM migrations, one folder per engine) have their
      // engines checked file by file in corpus/script-migrations.
      const genericSources = engines.size === 0 && project.rows.some((r) => r.kind === 'source' && r.dialect === 'generic');
      const expected = engines.size === 1 ? [...engines][0] : engines.size === 0 || !out.engines.length ? undefined : 'multiple';
      if (out.engine?.name !== expected && !(genericSources && out.engines.length > 0))
        problems.push(`${project.name}: engine ${JSON.stringify(out.engine)}, the manifest says ${expected}`);

      // Syntax errors only where PostgreSQL itself rejects a PostgreSQL file.
      const syntaxFiles = new Set(out.diagnostics.filter((d) => d.rule === 'syntax-error' && d.severity === 'error').map((d) => d.file));
      for (const file of syntaxFiles) {
        const row = rows.get(file);
        if (row && row.dialect !== 'postgresql' && row.dialect !== 'generic') problems.push(`${project.name}: syntax error on ${file}, a ${row.dialect} file`);
        else if (pgAccepts(fs.readFileSync(path.join(root, file), 'utf8'))) problems.push(`${project.name}: syntax error on ${file}, which PostgreSQL parses`);
      }

      // Prisma-generated migrations: design findings belong to the schema.
      let onMigrations = 0;
      const texts = new Map<string, string>();
      for (const d of out.diagnostics) {
        if (!DESIGN.has(d.rule) || !/(^|\/)[^/]+\/migration\.sql$/.test(d.file)) continue;
        if (!fs.existsSync(path.join(root, path.dirname(path.dirname(d.file)), 'migration_lock.toml'))) continue;
        onMigrations++;
        if (SQL_ONLY.has(d.rule)) continue;
        const text = texts.get(d.file) ?? fs.readFileSync(path.join(root, d.file), 'utf8');
        texts.set(d.file, text);
        if (prismaWrote(text, d.range.start.line)) problems.push(`${project.name}: ${d.rule} on ${d.file}:${d.range.start.line + 1}, a statement Prisma Migrate generated`);
      }

      const perRule = new Map<string, number>();
      for (const d of out.diagnostics) perRule.set(d.rule, (perRule.get(d.rule) ?? 0) + 1);
      const engine = out.engine ? `${out.engine.name} (${out.engine.from}${out.engine.detail ? `: ${out.engine.detail}` : ''})` : 'none';
      table.push(`${project.root} | ${engine} | ${out.files} files | ${out.diagnostics.length} findings | ${onMigrations} design findings on Prisma migrations | ${((Date.now() - started) / 1000).toFixed(1)} s`);
      t.diagnostic(`${project.root}: ${[...perRule].sort().map(([r, n]) => `${r} ${n}`).join(', ') || 'no findings'}`);
    }
    for (const row of table) t.diagnostic(row);
    assert.deepEqual(problems.slice(0, 40), [], `${problems.length} problems`);
    assert.ok(checked > 8000, `only ${checked} files checked`);
  });
});
