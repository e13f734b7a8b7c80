/**
 * Design rules that read one table at a time (`checkTable`) keep each table's reports while the table object
 * lives: after an edit, the tables before it are read back, the rest worked out again, and the findings are
 * those of a fresh analysis of the new text.
 */
import assert from 'node:assert/strict';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { Engine, pathToUri } from '../../server/src/engine/analyze';
import { TableReports, tableReportWork } from '../../server/src/engine/table-reports';
import { emptySchema, emptyTable, type Schema } from '../../server/src/model/schema';
import { snapshot } from '../../server/src/model/snapshot';
import type { Rule } from '../../server/src/rules/types';
import type { Finding } from '../../server/src/model/findings';
import { allRules } from '../../server/src/rules/registry';
import { MemoryHost } from '../helpers/memory-host';

const TABLES = 40;

function dump(varcharAt: (i: number) => string): string {
  const parts = ['CREATE SCHEMA app;'];
  for (let i = 0; i < TABLES; i++) {
    parts.push(`CREATE TABLE app.t${i} (\n  id serial PRIMARY KEY,\n  name ${varcharAt(i)} NOT NULL,\n  created_at timestamp NOT NULL DEFAULT now()\n);`);
  }
  return parts.join('\n') + '\n';
}

function seen(findings: Finding[]): string[] {
  return findings.map((f) => `${f.rule} ${f.span.start}-${f.span.end} ${f.message} [${f.fixes.map((x) => x.title).join('; ')}]`);
}

async function fresh(file: string, text: string): Promise<Finding[]> {
  const host = new MemoryHost();
  host.files.set(file, text);
  return (await new Engine(host).analyze(pathToUri(file), text, 'sql')).findings;
}

describe('per-table design reports', () => {
  const perTableRules = allRules.filter((r) => r.checkTable).length;

  it('reads back the reports of the tables an edit did not reach, and gives the findings of a fresh analysis', async () => {
    const file = path.resolve('/table-reports', 'sql', 'dump.sql');
    const host = new MemoryHost();
    const before = dump(() => 'varchar(200)');
    host.files.set(file, before);
    const engine = new Engine(host);
    const first = await engine.analyze(pathToUri(file), before, 'sql');
    assert.ok(first.findings.some((f) => f.rule === 'prefer-text-over-varchar'));

    // Table 30 loses its varchar (and its finding); the tables before it are untouched.
    const edited = 30;
    const after = dump((i) => (i === edited ? 'text' : 'varchar(200)'));
    host.files.set(file, after);
    const counts = { ...tableReportWork };
    const second = await engine.analyze(pathToUri(file), after, 'sql');
    const kept = tableReportWork.kept - counts.kept;
    const checked = tableReportWork.checked - counts.checked;

    assert.ok(perTableRules > 0);
    // The replay goes on from its last kept state before the edit (a few statements back): the tables up to
    // there are the same objects, those after it are built again.
    assert.ok(kept >= (TABLES / 4) * perTableRules, `kept ${kept} table runs, expected at least ${(TABLES / 4) * perTableRules}`);
    assert.equal(kept + checked, TABLES * perTableRules);
    assert.ok(checked < TABLES * perTableRules, `checked ${checked} table runs again, all of them would be ${TABLES * perTableRules}`);
    assert.deepEqual(seen(second.findings), seen(await fresh(file, after)));
    assert.equal(
      second.findings.filter((f) => f.rule === 'prefer-text-over-varchar').length,
      first.findings.filter((f) => f.rule === 'prefer-text-over-varchar').length - 1,
    );
  });

  it('works a table out again when the settings its rule reads change', async () => {
    const file = path.resolve('/table-reports-config', 'sql', 'dump.sql');
    const host = Object.assign(new MemoryHost(), { rev: 0, revision() { return this.rev; } });
    const text = dump(() => 'varchar(200)');
    host.files.set(file, text);
    const engine = new Engine(host);
    const varchar = (fs: Finding[]) => fs.filter((f) => f.rule === 'prefer-text-over-varchar').length;
    assert.equal(varchar((await engine.analyze(pathToUri(file), text, 'sql')).findings), TABLES);
    host.files.set(path.resolve('/table-reports-config', 'db-design.json'), JSON.stringify({ rules: { 'prefer-text-over-varchar': ['warning', { allowVarchar: true }] } }));
    host.rev++;
    assert.equal(varchar((await engine.analyze(pathToUri(file), text, 'sql')).findings), 0);
  });

  it('reads back only a table that can no longer change in place', () => {
    const at = { uri: 'file:///t.sql', span: { start: 0, end: 1 } };
    // A rule that reports how many columns each table has: a table changed in place reports another number.
    const rule = { meta: { id: 'columns' }, checkTable: (ctx, table) => ctx.report({ message: String(table.columns.length), at }) } as Rule;
    const reports = new TableReports();
    const run = (schema: Schema) => {
      const out: string[] = [];
      reports.run(rule, 'columns', { dialect: 'postgresql', language: 'sql', pgVersion: 16, options: {}, optionsOf: () => undefined }, schema, (r) => out.push(r.message));
      return out;
    };
    const schema = emptySchema('postgresql');
    const table = emptyTable({ key: 't', name: 't', source: at, declaration: at }, 'sql');
    schema.tables.set('t', table);
    assert.deepEqual(run(schema), ['0']);
    // Never snapshotted, the schema owns its tables and changes them in place (as a Prisma model is built).
    table.columns.push({ name: 'a' } as (typeof table.columns)[number]);
    assert.deepEqual(run(schema), ['1']);
    // Once states share it, it is copied before any change: its reports are read back.
    const state = snapshot(schema);
    run(state);
    const before = tableReportWork.checked;
    assert.deepEqual(run(state), ['1']);
    assert.equal(tableReportWork.checked, before);
  });
});

