/** What the editor logs about a project: engine, runner and transaction mode, each with where it came from. */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { detectedOf } from '../../server/src/engine/detected';
import { prepare } from '../helpers/rule-tester';

describe('detected project facts', () => {
  it('a Diesel migration: runner from the layout, transaction mode with its reason, the engine', async () => {
    const p = prepare({
      language: 'sql',
      file: 'migrations/2024-01-02-000000_idx/up.sql',
      files: { 'migrations/2024-01-01-000000_init/up.sql': 'CREATE TABLE t (id bigint PRIMARY KEY);\n', 'migrations/2024-01-02-000000_idx/metadata.toml': 'run_in_transaction = false\n' },
      code: 'CREATE INDEX CONCURRENTLY t_id ON t (id);\n',
    });
    const d = detectedOf(await p.engine.analyze(p.uri, p.text, p.language));
    assert.match(d.project, /migrations$/);
    assert.ok(d.facts.some((f) => /^Runner: Diesel \(from the migration folder layout\)$/.test(f)), d.facts.join('\n'));
    assert.ok(d.facts.some((f) => /^Transaction mode: .*metadata\.toml/.test(f)), d.facts.join('\n'));
    assert.ok(d.facts.some((f) => /^Engine: /.test(f)));
  });
});

describe('detected project facts: baseline and Prisma', () => {
  it('a configured baseline, with the config file it came from', async () => {
    const p = prepare({
      language: 'sql',
      file: 'db/migrations/002_idx.sql',
      files: { 'db/migrations/001_init.sql': 'CREATE TABLE t (id bigint PRIMARY KEY);\n' },
      config: { migrations: { runner: 'plain', baseline: '001_init' } },
      code: 'CREATE INDEX t_id ON t (id);\n',
    });
    const d = detectedOf(await p.engine.analyze(p.uri, p.text, p.language));
    assert.ok(d.facts.some((f) => /^Baseline: 001_init \(from .*db-design\.json\)$/.test(f)), d.facts.join('\n'));
    assert.ok(d.facts.some((f) => /^Runner: .*\(from .*db-design\.json\)$/.test(f)), d.facts.join('\n'));
  });

  it('the Prisma generation: from the schema, or from db-design.json', async () => {
    const schema = 'datasource db {\n  provider = "postgresql"\n  url = env("DATABASE_URL")\n}\n\nmodel User {\n  id Int @id\n}\n';
    const fromSchema = prepare({ language: 'prisma', code: schema });
    const s = detectedOf(await fromSchema.engine.analyze(fromSchema.uri, fromSchema.text, fromSchema.language));
    assert.ok(s.facts.includes("Prisma: checked with the Prisma 6 engine (from the schema's datasource block)"), s.facts.join('\n'));
    assert.ok(s.facts.some((f) => /^Engine: postgresql \(from /.test(f)), s.facts.join('\n'));

    const set = prepare({ language: 'prisma', code: schema, config: { prisma: { engine: 7 } } });
    const c = detectedOf(await set.engine.analyze(set.uri, set.text, set.language));
    assert.ok(c.facts.some((f) => /^Prisma: checked with the Prisma 7 engine \(from set in .*db-design\.json\)$/.test(f)), c.facts.join('\n'));
  });
});
