/**
 * The schema report on the largest real schema of the corpus (civitai: 300+ Prisma models), through the
 * CLI as CI would run it: every table present, foreign-key coverage adding up, the diagram in the HTML
 * under a strict CSP with the one nonced script, and a Mermaid erDiagram in the Markdown.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { corpusRoot, NO_CORPUS, repoRoot } from '../helpers/paths';

const cli = path.join(repoRoot, 'bin', 'db-design.js');

function report(file: string, format: string): string {
  const res = spawnSync(process.execPath, [cli, 'report', '--format', format, file], { encoding: 'utf8', maxBuffer: 256 * 1024 * 1024 });
  assert.equal(res.status, 0, res.stderr);
  return res.stdout;
}

describe('schema report on a 100+ table corpus schema', () => {
  const schema = corpusRoot && path.join(corpusRoot, 'prisma', 'civitai', 'packages', 'civitai-db-schema', 'prisma', 'schema.full.prisma');

  it('JSON: every model is a table, and FK coverage adds up', (t) => {
    if (!schema || !fs.existsSync(schema)) return t.skip(NO_CORPUS);
    const json = JSON.parse(report(schema, 'json'));
    const models = (fs.readFileSync(schema, 'utf8').match(/^model\s+\w+\s*\{/gm) ?? []).length;
    assert.ok(models >= 100, `${models} models`);
    assert.equal(json.tables.length, models);
    const cov = json.fkCoverage;
    assert.equal(cov.covered + cov.uncovered.length, cov.total);
    assert.ok(cov.total >= 100);
    t.diagnostic(`${json.tables.length} tables, FK coverage ${cov.covered}/${cov.total}`);
  });

  it('HTML: the diagram under a strict CSP, with only the nonced script', (t) => {
    if (!schema || !fs.existsSync(schema)) return t.skip(NO_CORPUS);
    const html = report(schema, 'html');
    const csp = /<meta http-equiv="Content-Security-Policy" content="([^"]+)"/.exec(html)?.[1] ?? '';
    assert.match(csp, /default-src 'none'/);
    const nonce = /script-src 'nonce-([^']+)'/.exec(csp)?.[1];
    assert.ok(nonce, csp);
    const scripts = html.match(/<script[^>]*>/g) ?? [];
    assert.deepEqual(scripts, [`<script nonce="${nonce}">`]);
    assert.match(html, /id="diagram"/);
  });

  it('Markdown: a Mermaid erDiagram GitHub can render', (t) => {
    if (!schema || !fs.existsSync(schema)) return t.skip(NO_CORPUS);
    const md = report(schema, 'md');
    assert.match(md, /```mermaid\nerDiagram\n/);
  });
});
