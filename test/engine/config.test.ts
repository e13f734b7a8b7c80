import assert from 'node:assert/strict';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { findConfigFile, isIgnored, loadConfig, parseConfig, type ConfigLookups } from '../../server/src/engine/config';
import { Engine } from '../../server/src/engine/analyze';
import { pathToUri } from '../../server/src/engine/files';
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

  it('looks at each folder once when lookups are remembered, and finds what a fresh lookup finds', () => {
    const host = new MemoryHost();
    host.files.set(path.resolve('/p/db-design.json'), '{}');
    host.files.set(path.resolve('/p/a/b/db-design.json'), '{ "dialect": "sqlite" }');
    const asked: string[] = [];
    const counting = { readFile: (p: string) => (asked.push(p), host.readFile(p)) };
    const lookups: ConfigLookups = new Map();
    for (const dir of ['/p/a/b/c', '/p/a/x', '/p/a/b/d', '/p/a/x/y', '/p', '/q/r']) {
      assert.deepEqual(findConfigFile(counting, path.resolve(dir), lookups), findConfigFile(host, path.resolve(dir)), dir);
    }
    assert.equal(findConfigFile(counting, path.resolve('/p/a/b/c'), lookups)?.file, path.resolve('/p/a/b/db-design.json'));
    assert.equal(findConfigFile(counting, path.resolve('/p/a/x/y'), lookups)?.file, path.resolve('/p/db-design.json'));
    assert.equal(new Set(asked).size, asked.length, `a folder looked at twice: ${asked.join(', ')}`);
  });

  it("an engine finds a config file added on disk once the host's revision changes", () => {
    const host = Object.assign(new MemoryHost(), { rev: 0, revision() { return this.rev; } });
    const engine = new Engine(host);
    const uri = pathToUri(path.resolve('/p/migrations/1.sql'));
    assert.equal(engine.configFor(uri).file, undefined);
    host.files.set(path.resolve('/p/db-design.json'), '{ "dialect": "sqlite" }');
    assert.equal(engine.configFor(uri).file, undefined, 'the same revision reads the same disk');
    host.rev++;
    assert.equal(engine.configFor(uri).dialect, 'sqlite');
  });

  it('an engine resolves a config file once per revision, and apart for each set of overrides', () => {
    const host = Object.assign(new MemoryHost(), { rev: 0, revision() { return this.rev; } });
    host.files.set(path.resolve('/p/db-design.json'), '{ "rules": { "prefer-text-over-varchar": ["warning", { "allowVarchar": true }] } }');
    const engine = new Engine(host, (uri) => (uri.includes('/lite/') ? { dialect: 'sqlite' } : {}));
    const at = (p: string) => engine.configFor(pathToUri(path.resolve(p)));
    const [a, b, lite] = [at('/p/a/1.sql'), at('/p/b/c/2.sql'), at('/p/lite/3.sql')];
    assert.equal(a, b, 'files under one config file share its resolved config');
    assert.equal(a.dialect, undefined);
    assert.equal(lite.dialect, 'sqlite', "another file's overrides are its own");
    assert.equal(a.options('prefer-text-over-varchar').allowVarchar, true);
    assert.equal(a.options('prefer-text-over-varchar'), a.options('prefer-text-over-varchar'), 'options are worked out once');
    host.files.set(path.resolve('/p/db-design.json'), '{ "rules": { "prefer-text-over-varchar": ["warning", { "allowVarchar": false }] } }');
    host.rev++;
    assert.equal(at('/p/a/1.sql').options('prefer-text-over-varchar').allowVarchar, false, 'a new revision reads the file again');
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
