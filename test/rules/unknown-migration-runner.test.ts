import assert from 'node:assert/strict';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { pathToUri, uriToPath } from '../../server/src/engine/analyze';
import { prepare, ruleTester } from '../helpers/rule-tester';

const SECOND = 'ALTER TABLE users ADD COLUMN plan text;\nUPDATE users SET plan = 1;\n';

ruleTester('unknown-migration-runner', {
  valid: [
    { name: 'not on the later migrations of the folder', language: 'sql', file: 'db/updates/0002_b.sql', files: { 'db/updates/0001_a.sql': 'CREATE TABLE users (id int);\n' }, code: SECOND },
    { name: 'psql meta-commands in a file of the folder: psql runs it', language: 'sql', file: 'db/updates/0001_a.sql', files: { 'db/updates/0002_b.sql': '\\set ON_ERROR_STOP 1\n' + SECOND }, code: 'CREATE TABLE users (id int);\n' },
    { name: 'db-design.json names the runner', language: 'sql', file: 'db/updates/0001_a.sql', config: { migrations: { runner: 'plain' } }, code: 'CREATE TABLE users (id int);\n' },
    { name: 'db-design.json says they run in a transaction', language: 'sql', file: 'db/updates/0001_a.sql', config: { migrations: { inTransaction: true } }, code: 'CREATE TABLE users (id int);\n' },
    { name: 'a runner recognised by its markers', language: 'sql', file: 'db/updates/0001_a.sql', code: '-- +goose Up\nCREATE TABLE users (id int);\n' },
    { name: 'extension update scripts run in the transaction of ALTER EXTENSION', language: 'sql', file: 'sql/updates/1.0--1.1.sql', files: { 'sql/updates/1.1--1.2.sql': SECOND }, code: 'CREATE TABLE users (id int);\n' },
    { name: 'a script outside any migration folder', language: 'sql', file: 'queries/report.sql', code: 'SELECT 1;\n' },
  ],
  invalid: [
    {
      name: 'the first migration of a folder nothing places',
      language: 'sql',
      file: 'db/updates/0001_a.sql',
      files: { 'db/updates/0002_b.sql': SECOND },
      code: `
        CREATE TABLE users (id int);
        ^^^^^^^^^^^^^^^^^^ unknown-migration-runner
      `,
    },
    {
      name: 'a migrations folder given in db-design.json without its runner',
      language: 'sql',
      file: 'sql/001.sql',
      config: { migrations: { folder: 'sql' } },
      code: `
        CREATE TABLE users (id int);
        ^^^^^^^^^^^^^^^^^^ unknown-migration-runner
      `,
    },
  ],
});

describe('unknown runner: what the messages say', () => {
  it('the note names the settings that settle it, once per folder; CREATE INDEX keeps its finding without a fix that could fail', async () => {
    const p = prepare({
      language: 'sql',
      file: 'db/updates/0002_b.sql',
      files: { 'db/updates/0001_a.sql': 'CREATE TABLE orders (id bigint PRIMARY KEY, customer_id bigint);\n' },
      code: 'CREATE INDEX orders_c_idx ON orders (customer_id);\n',
    });
    const second = await p.engine.analyze(p.uri, p.text, p.language);
    const index = second.findings.find((f) => f.rule === 'require-concurrent-index');
    assert.ok(index);
    assert.deepEqual(index.fixes.map((f) => f.title), []);
    assert.match(index.message, /not known/);
    assert.match(index.message, /migrations\.runner/);
    assert.equal(second.findings.filter((f) => f.rule === 'unknown-migration-runner').length, 0, 'not on the second migration');
    const firstPath = path.join(path.dirname(uriToPath(p.uri)!), '0001_a.sql');
    const first = await p.engine.analyze(pathToUri(firstPath), p.host.readFile(firstPath)!, 'sql');
    const note = first.findings.filter((f) => f.rule === 'unknown-migration-runner');
    assert.equal(note.length, 1);
    assert.match(note[0].message, /"runner": "plain"/);
    assert.match(note[0].message, /inTransaction/);
  });
});
