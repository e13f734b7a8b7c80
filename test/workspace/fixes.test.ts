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

  it('widens an index an earlier migration built in new migrations: the wider one CONCURRENTLY, then the narrow one dropped CONCURRENTLY', async () => {
    const init =
      'CREATE TABLE orders (tenant_id bigint, id bigint, PRIMARY KEY (tenant_id, id));\n' +
      'CREATE TABLE lines (id bigint PRIMARY KEY, tenant_id bigint NOT NULL, order_id bigint NOT NULL);\n' +
      'CREATE INDEX lines_order_id_idx ON lines (order_id);\n';
    const code = 'ALTER TABLE lines ADD CONSTRAINT lines_order_fk FOREIGN KEY (order_id, tenant_id) REFERENCES orders (id, tenant_id);\n';
    // psql scripts run each statement on its own: one new file holds both.
    const plain = await fixEdits({ language: 'sql', file: 'migrations/0002_lines.sql', config: { migrations: { runner: 'plain' } }, files: { 'migrations/0001_init.sql': init }, code }, 'fk-missing-index');
    const made = plain.fix.edits.filter((e) => e.uri !== plain.p.uri);
    assert.deepEqual(
      made.map((e) => [e.uri.split('/').pop(), e.newText]),
      [['0003_lines_index.sql', 'CREATE INDEX CONCURRENTLY lines_order_id_tenant_id_idx ON lines (order_id, tenant_id);\nDROP INDEX CONCURRENTLY lines_order_id_idx;\n']],
    );
    // Prisma runs a file of two statements in one transaction: a migration each, in a row.
    const prisma = await fixEdits(
      {
        language: 'sql',
        file: 'prisma/migrations/20240102000000_lines/migration.sql',
        files: { 'prisma/migrations/20240101000000_init/migration.sql': init, 'prisma/migrations/migration_lock.toml': 'provider = "postgresql"\n' },
        code,
      },
      'fk-missing-index',
    );
    const split = prisma.fix.edits.filter((e) => e.uri !== prisma.p.uri).map((e) => [e.uri.split('/').slice(-2).join('/'), e.newText]);
    assert.equal(split.length, 2);
    assert.match(split[0][1], /^CREATE INDEX CONCURRENTLY lines_order_id_tenant_id_idx ON lines \(order_id, tenant_id\);\n$/);
    assert.match(split[1][1], /^DROP INDEX CONCURRENTLY lines_order_id_idx;\n$/);
    assert.ok(split[0][0] < split[1][0], `the drop comes after the build: ${split.map((x) => x[0]).join(', ')}`);
  });
});
