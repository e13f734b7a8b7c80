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
