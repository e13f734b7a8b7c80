/**
 * The built CLI over the whole shared corpus (8,000+ real files): it must never exit 2 nor print a
 * stack trace, and `syntax-error` may only appear on files PostgreSQL itself rejects. Prints the
 * number of findings per rule, which the issue notes quote.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { loadModule, parseSync } from 'libpg-query';
import { corpusRoot, NO_CORPUS, repoRoot } from '../helpers/paths';

interface JsonDiagnostic {
  file: string;
  rule: string;
  severity: string;
}

describe('CLI over ../shared/corpus', () => {
  it('never fails, never traces, and reports syntax errors only where PostgreSQL does', { timeout: 600_000 }, async (t) => {
    if (!corpusRoot) return t.skip(NO_CORPUS);
    const started = Date.now();
    const res = spawnSync(process.execPath, [path.join(repoRoot, 'bin', 'db-design.js'), 'check', '--format', 'json', corpusRoot], {
      cwd: corpusRoot,
      encoding: 'utf8',
      maxBuffer: 512 * 1024 * 1024,
    });
    const seconds = (Date.now() - started) / 1000;
    assert.notEqual(res.status, 2, `exit 2; stderr:\n${res.stderr.slice(0, 4000)}`);
    assert.doesNotMatch(res.stderr, /\n\s+at .+\(.+:\d+:\d+\)/, 'stack trace on stderr');
    const out = JSON.parse(res.stdout) as { files: number; diagnostics: JsonDiagnostic[] };

    const perRule = new Map<string, number>();
    for (const d of out.diagnostics) perRule.set(d.rule, (perRule.get(d.rule) ?? 0) + 1);
    t.diagnostic(`${out.files} files in ${seconds.toFixed(1)} s`);
    for (const [rule, n] of [...perRule].sort()) t.diagnostic(`${rule}: ${n}`);

    await loadModule();
    const syntaxFiles = [...new Set(out.diagnostics.filter((d) => d.rule === 'syntax-error').map((d) => d.file))];
    const accepted = syntaxFiles.filter((f) => {
      try {
        parseSync(fs.readFileSync(path.join(corpusRoot!, f), 'utf8').replace(/^\uFEFF/, ''));
        return true;
      } catch {
        return false;
      }
    });
    assert.deepEqual(accepted, [], 'syntax-error on files that PostgreSQL parses');
    assert.ok(out.files > 8000, `only ${out.files} files checked`);
  });
});
