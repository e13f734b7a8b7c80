/** Fixes that write to other files: a new migration for a CONCURRENTLY statement, a down migration stub. */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { prepare } from '../helpers/rule-tester';

async function fixEdits(c: Parameters<typeof prepare>[0], rule: string) {
  const p = prepare(c);
  const a = await p.engine.analyze(p.uri, p.text, p.language);
  const f = a.findings.find((x) => x.rule === rule);
  assert.ok(f, `no ${rule} finding`);
  return { p, fix: f.fixes[0] };
}

describe('fixes that create files', () => {
  it('moves CREATE INDEX to a new Prisma migration folder after the newest one (never one that sorts between)', async () => {
    const { p, fix } = await fixEdits(
      {
        language: 'sql',
        file: 'prisma/migrations/20240102000000_idx/migration.sql',
        files: { 'prisma/migrations/20240101000000_init/migration.sql': 'CREATE TABLE t (id bigint PRIMARY KEY, x int);\n', 'prisma/migrations/20240103000000_next/migration.sql': 'SELECT 1;\n' },
        code: 'ALTER TABLE t ADD COLUMN y int;\nCREATE INDEX t_x_idx ON t (x);\n',
      },
      'require-concurrent-index',
    );
    assert.match(fix.title, /20240103000001_idx_concurrently\/migration\.sql with CONCURRENTLY/);
    const created = fix.edits.filter((e) => e.uri !== p.uri);
    assert.equal(created.length, 1);
    assert.match(created[0].uri, /20240103000001_idx_concurrently\/migration\.sql$/);
    assert.equal(created[0].newText, 'CREATE INDEX CONCURRENTLY t_x_idx ON t (x);\n');
  });

  it('creates the down file next to a golang-migrate up file', async () => {
    const { fix } = await fixEdits(
      { language: 'sql', file: 'db/2_b.up.sql', files: { 'db/1_a.up.sql': '', 'db/1_a.down.sql': '' }, code: 'CREATE TABLE t (id bigint PRIMARY KEY);\n' },
      'require-down-migration',
    );
    assert.equal(fix.edits.length, 1);
    assert.match(fix.edits[0].uri, /db\/2_b\.down\.sql$/);
    assert.match(fix.edits[0].newText, /^-- Revert 2_b\.up\.sql/);
  });
});
