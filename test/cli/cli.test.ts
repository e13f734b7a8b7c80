/** The `db-design` command as CI uses it: output contracts (shared/spec/CLI.md) and exit codes. */
import assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
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

function copyDemo(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'db-design-cli-'));
  fs.cpSync(demo, dir, { recursive: true });
  return dir;
}

describe('db-design check', () => {
  it('prints one JSON document in the documented shape', () => {
    const res = run(['check', '--format', 'json', '.']);
    assert.equal(res.status, 0, res.stderr);
    const out = JSON.parse(res.stdout);
    assert.equal(out.version, 1);
    assert.equal(out.files, 2);
    const fk = out.diagnostics.find((d: { rule: string; file: string }) => d.rule === 'fk-missing-index' && d.file === 'prisma/schema.prisma');
    assert.ok(fk, res.stdout);
    assert.equal(fk.severity, 'warning');
    assert.deepEqual(Object.keys(fk.range.start), ['line', 'character']);
    assert.equal(fk.fixes[0].title, 'Add @@index([authorId])');
    assert.equal(fk.fixes[0].edits[0].file, 'prisma/schema.prisma');
    assert.ok(out.diagnostics.some((d: { rule: string; file: string }) => d.rule === 'prefer-timestamptz' && d.file.endsWith('migration.sql')));
    assert.ok(!out.diagnostics.some((d: { rule: string; message: string }) => d.rule === 'fk-missing-index' && d.message.includes('comments')), 'comments.post_id is indexed');
  });

  it('exits 1 over the bar: an error, or more warnings than --max-warnings', () => {
    assert.equal(run(['check', '--max-warnings', '0', '.']).status, 1);
    assert.equal(run(['check', '--rule', 'fk-missing-index=error', '.']).status, 1);
    assert.equal(run(['check', '--rule', 'fk-missing-index=off', '--rule', 'prefer-timestamptz=off', '--max-warnings', '0', '.']).status, 0);
  });

  it('exits 2 with a message on usage errors and unreadable paths, never a stack trace', () => {
    for (const args of [['check', '--format', 'xml'], ['check', 'no/such/path'], ['check', '--rule', 'nope=error'], ['frobnicate']]) {
      const res = run(args);
      assert.equal(res.status, 2, `${args.join(' ')}: ${res.stdout}`);
      assert.match(res.stderr, /^db-design: /);
      assert.doesNotMatch(res.stderr, /\n\s+at /);
    }
  });

  it('writes SARIF 2.1.0 with rule metadata and help URIs', () => {
    const res = run(['check', '--format', 'sarif', '.']);
    const sarif = JSON.parse(res.stdout);
    assert.equal(sarif.version, '2.1.0');
    const driver = sarif.runs[0].tool.driver;
    assert.ok(driver.rules.some((r: { id: string; helpUri: string }) => r.id === 'fk-missing-index' && r.helpUri.endsWith('docs/rules/fk-missing-index.md')));
    const result = sarif.runs[0].results.find((r: { ruleId: string }) => r.ruleId === 'fk-missing-index');
    assert.equal(result.level, 'warning');
    assert.ok(result.locations[0].physicalLocation.region.startLine >= 1);
  });

  it('--fix applies safe fixes only, and a second run changes nothing', () => {
    const dir = copyDemo();
    try {
      const schema = path.join(dir, 'prisma', 'schema.prisma');
      const first = run(['check', '--fix', '.'], dir);
      assert.notEqual(first.status, 2, first.stderr);
      const fixed = fs.readFileSync(schema, 'utf8');
      assert.match(fixed, /@@index\(\[authorId\]\)/);
      assert.match(fixed, /createdAt DateTime @default\(now\(\)\)\n  posts/, 'the unsafe type change must not be applied');
      const migration = path.join(dir, 'migrations', '20240101000000_init', 'migration.sql');
      // Without git or a baseline nothing says the migration has not run yet: no edit of it is safe.
      assert.doesNotMatch(fs.readFileSync(migration, 'utf8'), /CREATE INDEX posts_author_id_idx/);
      // In a repository where it is not committed yet, it is new, and its safe fixes apply.
      execFileSync('git', ['init', '-q'], { cwd: dir });
      run(['check', '--fix', '.'], dir);
      assert.match(fs.readFileSync(migration, 'utf8'), /CREATE INDEX posts_author_id_idx ON posts \(author_id\);/);
      run(['check', '--fix', '.'], dir);
      assert.equal(fs.readFileSync(schema, 'utf8'), fixed, 'second --fix changed the file');
      const after = JSON.parse(run(['check', '--format', 'json', '.'], dir).stdout);
      assert.ok(!after.diagnostics.some((d: { rule: string }) => d.rule === 'fk-missing-index'));
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it('reads db-design.json from a parent folder', () => {
    const dir = copyDemo();
    try {
      fs.writeFileSync(path.join(dir, 'db-design.json'), JSON.stringify({ rules: { 'fk-missing-index': 'off' } }));
      const out = JSON.parse(run(['check', '--format', 'json', '.'], dir).stdout);
      assert.ok(!out.diagnostics.some((d: { rule: string }) => d.rule === 'fk-missing-index'));
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('db-design rules', () => {
  it('lists every rule with severity, languages and fixability', () => {
    const res = run(['rules', '--format', 'json']);
    assert.equal(res.status, 0);
    const rules = JSON.parse(res.stdout);
    const fk = rules.find((r: { id: string }) => r.id === 'fk-missing-index');
    assert.deepEqual(fk.languages, ['prisma', 'pg', 'sqlite']);
    assert.equal(fk.fixable, true);
    assert.match(run(['rules']).stdout, /prefer-timestamptz\s+warning/);
  });
});
