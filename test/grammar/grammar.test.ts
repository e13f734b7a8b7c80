/**
 * Grammar tests: the `.grammar` files in cases/ hold source lines with vscode-tmgrammar-test scope
 * assertions (`^^^ scope`, `<--- scope`, `- not.this.scope`). They run against this extension's
 * grammars as package.json contributes them (injections included) on top of the base TypeScript,
 * JavaScript, SQL and Markdown grammars, which VS Code ships and the `tm-grammars` package carries
 * as the same JSON files.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { repoRoot } from '../helpers/paths';

const CLI = path.join(repoRoot, 'node_modules', 'vscode-tmgrammar-test', 'dist', 'unit.js');
const BASE = path.join(repoRoot, 'node_modules', 'tm-grammars', 'grammars');
const BASE_GRAMMARS = ['typescript', 'javascript', 'sql', 'markdown'].map((g) => path.join(BASE, `${g}.json`));
const CASES_DIR = path.join(repoRoot, 'test', 'grammar', 'cases');
/** Scopes our grammars embed: a missing one would silently drop highlighting, so it fails the test. */
const NEEDED_SCOPES = ['source.sql', 'source.ts', 'source.prisma.db-design'];

function run(config: string) {
  const args = [CLI, '--config', config, ...BASE_GRAMMARS.flatMap((g) => ['-g', g]), 'test/grammar/cases/*.grammar'];
  return spawnSync(process.execPath, args, { cwd: repoRoot, encoding: 'utf8' });
}

const caseFiles = fs.readdirSync(CASES_DIR).filter((f) => f.endsWith('.grammar'));

describe('grammars', () => {
  it('every scope assertion holds', () => {
    const res = run(path.join(repoRoot, 'package.json'));
    const output = `${res.stdout}\n${res.stderr}`;
    assert.equal(res.status, 0, output);
    const passed = output.split('\n').filter((l) => l.includes('run successfuly')).length;
    assert.equal(passed, caseFiles.length, output);
    for (const scope of NEEDED_SCOPES) assert.doesNotMatch(output, new RegExp(`grammar not found for "${scope.replace(/\./g, '\\.')}"`), output);
  });

  it('the assertions depend on the injection grammars (they fail without them)', () => {
    // The same manifest minus the injections: if the cases still passed, they would test nothing of ours.
    const pkg = JSON.parse(fs.readFileSync(path.join(repoRoot, 'package.json'), 'utf8'));
    const injections = pkg.contributes.grammars.filter((g: { injectTo?: string[] }) => g.injectTo);
    assert.ok(injections.length >= 3, 'expected the SQL-in-JS, Markdown fence and suppression injections');
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'db-design-grammar-'));
    try {
      // vscode-tmgrammar-test resolves grammar paths relative to the manifest's folder.
      pkg.contributes.grammars = pkg.contributes.grammars
        .filter((g: { injectTo?: string[] }) => !g.injectTo)
        .map((g: { path: string }) => ({ ...g, path: path.relative(dir, path.join(repoRoot, g.path)) }));
      const config = path.join(dir, 'package.json');
      fs.writeFileSync(config, JSON.stringify(pkg));
      const res = run(config);
      assert.notEqual(res.status, 0, 'the cases passed without the injection grammars');
      for (const f of ['raw-query.ts.grammar', 'sql-tag.js.grammar', 'fences.md.grammar', 'suppression.sql.grammar']) {
        assert.match(res.stdout + res.stderr, new RegExp(`${f.replace(/\./g, '\\.')} failed`));
      }
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it('every contributed grammar file parses and names the scope package.json gives it', () => {
    const pkg = JSON.parse(fs.readFileSync(path.join(repoRoot, 'package.json'), 'utf8'));
    for (const g of pkg.contributes.grammars as { scopeName: string; path: string; injectTo?: string[] }[]) {
      const grammar = JSON.parse(fs.readFileSync(path.join(repoRoot, g.path), 'utf8'));
      assert.equal(grammar.scopeName, g.scopeName, g.path);
      if (g.injectTo) assert.ok(grammar.injectionSelector, `${g.path} is injected but has no injectionSelector`);
    }
  });
});
