import assert from 'node:assert/strict';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { isIgnored, loadConfig, parseConfig } from '../../server/src/engine/config';
import { MemoryHost } from '../helpers/rule-tester';

describe('config', () => {
  it('finds db-design.json in a parent folder and applies severities and options', () => {
    const host = new MemoryHost();
    host.files.set(path.resolve('/p/db-design.json'), '{ "rules": { "fk-missing-index": "error", "prefer-timestamptz": ["off", {}] }, "postgresVersion": 12, }');
    const c = loadConfig(host, path.resolve('/p/a/b'));
    assert.equal(c.file, path.resolve('/p/db-design.json'));
    assert.deepEqual(c.errors, []);
    assert.equal(c.severity('fk-missing-index'), 'error');
    assert.equal(c.severity('prefer-timestamptz'), 'off');
    assert.equal(c.severity('syntax-error'), 'error', 'defaults apply to unlisted rules');
    assert.equal(c.pgVersion, 12);
  });

  it('lets editor/CLI overrides win over the file', () => {
    const host = new MemoryHost();
    host.files.set(path.resolve('/p/db-design.json'), '{ "rules": { "fk-missing-index": "error" } }');
    const c = loadConfig(host, path.resolve('/p'), { rules: { 'fk-missing-index': 'hint' }, postgresVersion: 17 });
    assert.equal(c.severity('fk-missing-index'), 'hint');
    assert.equal(c.pgVersion, 17);
  });

  it('reports bad JSON, unknown rules and bad severities without failing', () => {
    assert.ok(parseConfig('{ "rules": ', 'x.json').errors.length > 0);
    const r = parseConfig('{ "rules": { "no-such-rule": "warning", "fk-missing-index": "loud" }, "dialect": "oracle" }', 'x.json');
    assert.equal(r.errors.length, 3, r.errors.join('\n'));
  });

  it('defaults to PostgreSQL 16 without a config file', () => {
    const c = loadConfig(new MemoryHost(), path.resolve('/nowhere'));
    assert.equal(c.pgVersion, 16);
    assert.equal(c.file, undefined);
  });

  it('matches ignore patterns with * and **', () => {
    assert.ok(isIgnored('prisma/generated/x.sql', ['generated/**']));
    assert.ok(isIgnored('a/b/c.sql', ['**/c.sql']));
    assert.ok(!isIgnored('a/b/c.sql', ['a/*.sql']));
    assert.ok(isIgnored('a/c.sql', ['a/*.sql']));
  });
});
