/** `db-design report`: the editor's report from the command line (shared/spec/CLI.md). */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { repoRoot } from '../helpers/paths';

const cli = path.join(repoRoot, 'bin', 'db-design.js');
const demo = path.join(repoRoot, 'examples', 'demo');

function run(args: string[], cwd = demo) {
  return spawnSync(process.execPath, [cli, ...args], { cwd, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } });
}

describe('db-design report', () => {
  it('prints Markdown by default: diagram, coverage, findings with links relative to the current folder', () => {
    const res = run(['report']);
    assert.equal(res.status, 0, res.stderr);
    assert.match(res.stdout, /^# Schema report: demo\n/);
    assert.match(res.stdout, /```mermaid\nerDiagram\n/);
    assert.match(res.stdout, /  User \|\|--o\{ Post : "author"/);
    assert.match(res.stdout, /Foreign keys covered by an index: \*\*0 of 1\*\*/);
    assert.match(res.stdout, /\[prisma\/schema\.prisma:\d+:\d+\]\(prisma\/schema\.prisma#L\d+\)/);
    assert.match(res.stdout, /\(migrations\/20240101000000_init\/migration\.sql#L\d+\)/, 'findings also cover the migrations in scope');
    assert.match(res.stderr, /findings also cover 1 SQL file/, 'notes go to stderr');
  });

  it('--format json prints the report data: one document, paths relative to the current folder', () => {
    const res = run(['report', '--format', 'json', 'migrations']);
    assert.equal(res.status, 0, res.stderr);
    const data = JSON.parse(res.stdout);
    assert.equal(data.version, 1);
    assert.equal(data.source.kind, 'sql');
    assert.deepEqual(data.source.files, ['migrations/20240101000000_init/migration.sql']);
    assert.deepEqual(data.tables.map((t: { name: string }) => t.name), ['comments', 'posts', 'users']);
    assert.deepEqual([data.fkCoverage.covered, data.fkCoverage.total], [1, 2]);
  });

  it('--out writes the file, with links relative to where it is written', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'db-design-report-'));
    try {
      const out = path.join(dir, 'reports', 'schema.html');
      const res = run(['report', '--format', 'html', '--out', out, 'prisma']);
      assert.equal(res.status, 0, res.stderr);
      assert.equal(res.stdout, '');
      assert.match(res.stderr, /wrote .*schema\.html/);
      const page = fs.readFileSync(out, 'utf8');
      assert.match(page, /^<!DOCTYPE html>/);
      const rel = path.relative(path.dirname(out), path.join(demo, 'prisma', 'schema.prisma')).split(path.sep).join('/');
      assert.ok(page.includes(`href="${rel}"`), `no link to ${rel}`);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it('exits 2 with a message on a bad format or a missing path', () => {
    for (const args of [['report', '--format', 'sarif'], ['report', 'no/such/folder']]) {
      const res = run(args);
      assert.equal(res.status, 2, `${args.join(' ')}: ${res.stdout}`);
      assert.match(res.stderr, /^db-design: /);
      assert.doesNotMatch(res.stderr, /\n\s+at /);
    }
  });
});
