/**
 * The settings the extension contributes, as the Settings UI shows them and as the server reads them: no
 * choice reads "null", the defaults leave every value to db-design.json and detection, and values written
 * by earlier versions (`null`, the numbers 6 and 7) still read the same.
 */
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { DEFAULT_SETTINGS, readSettings } from '../../server/src/lsp/settings';
import { repoRoot } from '../helpers/paths';

interface Property {
  type?: string | string[];
  enum?: unknown[];
  enumDescriptions?: string[];
  default?: unknown;
}
const pkg = JSON.parse(fs.readFileSync(path.join(repoRoot, 'package.json'), 'utf8'));
const properties: Record<string, Property> = pkg.contributes.configuration.properties;
const section = (key: string) => key.replace(/^dbDesign\./, '');

describe('contributed settings', () => {
  it('offer no null choice: every enum default is one of its values, each value described', () => {
    for (const [key, p] of Object.entries(properties)) {
      if (!p.enum) continue;
      assert.ok(!p.enum.includes(null), `${key} offers null`);
      assert.ok(p.enum.includes(p.default), `${key}: default ${JSON.stringify(p.default)} is not one of its values`);
      if (p.enum.includes('auto')) assert.equal(p.enumDescriptions?.length, p.enum.length, `${key}: every value needs a description`);
    }
  });

  it('leave the dialect, PostgreSQL version and Prisma engine to db-design.json and detection by default', () => {
    const defaults: Record<string, unknown> = {};
    for (const [key, p] of Object.entries(properties)) defaults[section(key)] = p.default;
    assert.equal(defaults.dialect, 'auto');
    assert.deepEqual(readSettings(defaults), DEFAULT_SETTINGS);
  });

  it('read each value the Settings UI offers as what it says', () => {
    for (const d of properties['dbDesign.dialect'].enum!.filter((v) => v !== 'auto')) assert.equal(readSettings({ dialect: d }).dialect, d);
    assert.equal(readSettings({ prismaEngine: '6' }).prismaEngine, 6);
    assert.equal(readSettings({ prismaEngine: '7' }).prismaEngine, 7);
    assert.equal(readSettings({ prismaEngine: 'auto' }).prismaEngine, undefined);
    assert.equal(readSettings({ postgresVersion: 13 }).postgresVersion, 13);
  });

  it('read settings written by earlier versions the same way', () => {
    assert.deepEqual(readSettings({ dialect: null, postgresVersion: null, prismaEngine: null }), DEFAULT_SETTINGS);
    assert.equal(readSettings({ prismaEngine: 6 }).prismaEngine, 6);
    assert.equal(readSettings({ prismaEngine: 7 }).prismaEngine, 7);
  });

  it('ignore what they cannot read', () => {
    assert.deepEqual(readSettings({ dialect: 'oracle', prismaEngine: '8', postgresVersion: 'x', rules: { 'fk-missing-index': 'loud' } }), DEFAULT_SETTINGS);
    assert.deepEqual(readSettings(null), DEFAULT_SETTINGS);
    assert.deepEqual(readSettings({ enable: false, rules: { 'fk-missing-index': 'error' } }), { ...DEFAULT_SETTINGS, enable: false, rules: { 'fk-missing-index': 'error' } });
  });
});
