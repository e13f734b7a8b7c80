/**
 * Every migration set of ../shared/corpus replayed through the engine: no crash, no internal error, and
 * the number of findings per project and rule printed (the issue notes and docs quote them). Sets are
 * found the way the editor finds them, from the layout and marker comments.
 */
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { Engine, languageOf, looksBinary, pathToUri, type AnalysisHost } from '../../server/src/engine/analyze';
import { findMigrationSet } from '../../server/src/workspace/migrations';
import { corpusRoot, NO_CORPUS, walk } from '../helpers/paths';

const texts = new Map<string, string | undefined>();
const host: AnalysisHost = {
  revision: () => 0,
  readFile(p) {
    if (!texts.has(p)) {
      let t: string | undefined;
      try {
        t = fs.readFileSync(p, 'utf8').replace(/^\uFEFF/, '');
      } catch {
        t = undefined;
      }
      texts.set(p, t);
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

describe('migration sets of ../shared/corpus', () => {
  it('replay with no crash; findings per project and rule', { timeout: 600_000 }, async (t) => {
    if (!corpusRoot) return t.skip(NO_CORPUS);
    const root = corpusRoot;
    const started = Date.now();
    const files = walk(root, (f) => languageOf(f) === 'sql');
    const sets = new Map<string, { runner: string; files: string[] }>();
    for (const f of files) {
      const set = findMigrationSet(f, host);
      if (!set) continue;
      const entry = sets.get(set.root) ?? { runner: set.runner, files: [] };
      entry.files.push(f);
      sets.set(set.root, entry);
    }
    const engine = new Engine(host);
    const counts = new Map<string, Map<string, number>>();
    const crashes: string[] = [];
    let analysed = 0;
    for (const [, set] of [...sets].sort()) {
      for (const f of set.files) {
        const text = host.readFile(f);
        if (text === undefined || looksBinary(text)) continue;
        const rel = path.relative(root, f);
        const project = rel.split(path.sep).slice(0, 2).join('/').replace(/^(sql|prisma)\//, '');
        try {
          const a = await engine.analyze(pathToUri(f), text, 'sql');
          analysed++;
          for (const x of a.findings) {
            if (/^Internal error in rule/.test(x.message)) crashes.push(`${rel}: ${x.message}`);
            const perRule = counts.get(project) ?? new Map<string, number>();
            perRule.set(x.rule, (perRule.get(x.rule) ?? 0) + 1);
            counts.set(project, perRule);
          }
        } catch (err) {
          crashes.push(`${rel}: ${err instanceof Error ? err.stack ?? err.message : String(err)}`);
        }
      }
    }
    const byRunner = new Map<string, number>();
    for (const s of sets.values()) byRunner.set(s.runner, (byRunner.get(s.runner) ?? 0) + 1);
    t.diagnostic(`${sets.size} migration sets (${[...byRunner].map(([r, n]) => `${r} ${n}`).join(', ')}), ${analysed} files in ${((Date.now() - started) / 1000).toFixed(1)} s`);
    for (const [project, perRule] of [...counts].sort()) {
      t.diagnostic(`${project}: ${[...perRule].sort().map(([r, n]) => `${r} ${n}`).join(', ')}`);
    }
    assert.deepEqual(crashes.slice(0, 20), [], `${crashes.length} crashes`);
    assert.ok(sets.size >= 40, `only ${sets.size} migration sets found`);
  });
});
