import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { configTarget, newConfigText, setRuleSeverityEdits } from '../../server/src/engine/config-edit';
import { parseConfig } from '../../server/src/engine/config';

function apply(text: string, edits: { offset: number; length: number; content: string }[]): string {
  let out = text;
  for (const e of [...edits].sort((a, b) => b.offset - a.offset)) out = out.slice(0, e.offset) + e.content + out.slice(e.offset + e.length);
  return out;
}

describe('db-design.json edits for the rule actions', () => {
  it('adds a rule to a file with comments and other settings, keeping them', () => {
    const text = '{\n  // our settings\n  "dialect": "postgresql",\n  "rules": {\n    "prefer-timestamptz": "error"\n  }\n}\n';
    const out = apply(text, setRuleSeverityEdits(text, 'fk-missing-index', 'off'));
    assert.match(out, /\/\/ our settings/);
    const { config, errors } = parseConfig(out, 'db-design.json');
    assert.deepEqual(errors, []);
    assert.deepEqual(config.rules, { 'prefer-timestamptz': 'error', 'fk-missing-index': 'off' });
    assert.equal(config.dialect, 'postgresql');
  });

  it('changes only the severity of a rule with options', () => {
    const text = '{ "rules": { "too-many-indexes": ["info", { "max": 12 }] } }';
    const { config } = parseConfig(apply(text, setRuleSeverityEdits(text, 'too-many-indexes', 'warning')), 'x');
    assert.deepEqual(config.rules, { 'too-many-indexes': ['warning', { max: 12 }] });
  });

  it('creates the file where none exists, at the workspace folder holding the file', () => {
    assert.deepEqual(parseConfig(newConfigText('select-star', 'off'), 'x').config.rules, { 'select-star': 'off' });
    assert.deepEqual(configTarget(undefined, '/ws/app/db/m.sql', ['/other', '/ws', '/ws/app']), { file: '/ws/app/db-design.json', exists: false });
    assert.deepEqual(configTarget('/ws/db-design.json', '/ws/app/db/m.sql', ['/ws/app']), { file: '/ws/db-design.json', exists: true });
    assert.deepEqual(configTarget(undefined, '/loose/m.sql', ['/ws']), { file: '/loose/db-design.json', exists: false });
  });
});
