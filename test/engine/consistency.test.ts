/** One rule id spelled one way everywhere, generated files up to date, and the LSP boundary kept. */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { allRules } from '../../server/src/rules/registry';
import { repoRoot, walk } from '../helpers/paths';

const ids = allRules.map((r) => r.meta.id).sort();

/** The same letters once separators go, the same words in another order, or two edits apart. */
function respelling(a: string, b: string): boolean {
  const flat = (x: string) => x.replace(/[^a-z0-9]/g, '');
  const words = (x: string) => x.split(/[^a-z0-9]+/).sort().join(' ');
  return flat(a) === flat(b) || words(a) === words(b) || editDistance(flat(a), flat(b)) <= 2;
}

function editDistance(a: string, b: string): number {
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const cur = [i];
    for (let j = 1; j <= b.length; j++) cur[j] = Math.min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
    prev = cur;
  }
  return prev[b.length];
}

describe('rule ids', () => {
  it('rule file name == meta.id for every rule', () => {
    for (const r of allRules) assert.ok(fs.existsSync(path.join(repoRoot, 'server/src/rules', `${r.meta.id}.ts`)), `no server/src/rules/${r.meta.id}.ts`);
  });

  it('docs page, settings key and config-schema key exist for every rule and nothing else', () => {
    const docs = fs.readdirSync(path.join(repoRoot, 'docs/rules')).filter((f) => f !== 'README.md').map((f) => f.replace(/\.md$/, '')).sort();
    assert.deepEqual(docs, ids);
    const pkg = JSON.parse(fs.readFileSync(path.join(repoRoot, 'package.json'), 'utf8'));
    assert.deepEqual(Object.keys(pkg.contributes.configuration.properties['dbDesign.rules'].properties).sort(), ids);
    const schema = JSON.parse(fs.readFileSync(path.join(repoRoot, 'schemas/db-design.schema.json'), 'utf8'));
    assert.deepEqual(Object.keys(schema.properties.rules.properties).sort(), ids);
  });

  it('ids of the spec catalogue are spelled as the spec spells them', () => {
    const spec = path.resolve(repoRoot, '..', 'shared', 'spec', 'RULES.md');
    if (!fs.existsSync(spec)) return; // a user's clone has no shared/; CI does
    const specIds = new Set([...fs.readFileSync(spec, 'utf8').matchAll(/`([a-z][a-z0-9-]+)`/g)].map((m) => m[1]));
    // A rule the catalogue does not list is fine; one that respells a catalogue id (`prefer_timestamptz`,
    // `prefer-timestamp-tz`, `require-concurrent-indexes`) is the drift this guards against.
    for (const id of ids) {
      if (specIds.has(id)) continue;
      const near = [...specIds].find((s) => respelling(id, s));
      assert.equal(near, undefined, `${id} respells ${near}, an id of shared/spec/RULES.md`);
    }
  });

  it('generated files are up to date (npm run gen)', () => {
    const res = spawnSync(process.execPath, [path.join(repoRoot, 'scripts/gen.mjs'), '--check'], { encoding: 'utf8' });
    assert.equal(res.status, 0, res.stderr);
  });
});

describe('layering', () => {
  it('only server/src/lsp imports vscode-languageserver, and no server code imports vscode', () => {
    const files = walk(path.join(repoRoot, 'server/src'), (f) => f.endsWith('.ts'));
    for (const f of files) {
      const text = fs.readFileSync(f, 'utf8');
      const rel = path.relative(repoRoot, f);
      if (!rel.startsWith(path.join('server', 'src', 'lsp'))) {
        assert.doesNotMatch(text, /from 'vscode-languageserver/, `${rel} imports vscode-languageserver`);
      }
      assert.doesNotMatch(text, /from 'vscode'/, `${rel} imports vscode`);
    }
  });

  it('rules import neither parser', () => {
    for (const f of walk(path.join(repoRoot, 'server/src/rules'), (x) => x.endsWith('.ts'))) {
      const text = fs.readFileSync(f, 'utf8');
      assert.doesNotMatch(text, /libpg-query|prisma-schema-wasm|from '\.\.\/(sql|prisma)/, `${path.basename(f)} reaches into a front end`);
    }
  });
});

