/**
 * dokploy (Drizzle, PostgreSQL): fk-missing-index on its TypeScript schema matches what drizzle-kit's own
 * newest snapshot says (foreign keys whose columns do not lead an index, a unique constraint or the primary
 * key), and none of it is repeated on the SQL drizzle-kit generated.
 */
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { Engine, pathToUri } from '../../server/src/engine/analyze';
import { corpusRoot, NO_CORPUS } from '../helpers/paths';
import { disk } from '../helpers/prisma-corpus';

const host = disk;

interface SnapshotTable {
  name: string;
  columns: Record<string, { name: string; primaryKey?: boolean; isUnique?: boolean }>;
  indexes: Record<string, { columns: ({ expression: string; isExpression?: boolean } | string)[] }>;
  foreignKeys: Record<string, { tableFrom: string; columnsFrom: string[]; tableTo: string }>;
  compositePrimaryKeys: Record<string, { columns: string[] }>;
  uniqueConstraints: Record<string, { columns: string[] }>;
}

/** `table(col, ...)` for every foreign key the snapshot says has no index starting with its columns. */
function expectedFromSnapshot(file: string): string[] {
  const snap = JSON.parse(fs.readFileSync(file, 'utf8')) as { tables: Record<string, SnapshotTable> };
  const out: string[] = [];
  for (const t of Object.values(snap.tables)) {
    const keys: string[][] = [
      ...Object.values(t.indexes).map((i) => i.columns.map((c) => (typeof c === 'string' ? c : c.isExpression ? `(${c.expression})` : c.expression))),
      ...Object.values(t.compositePrimaryKeys).map((k) => k.columns),
      ...Object.values(t.uniqueConstraints).map((k) => k.columns),
      ...Object.values(t.columns).filter((c) => c.primaryKey || c.isUnique).map((c) => [c.name]),
    ];
    for (const fk of Object.values(t.foreignKeys)) {
      const covered = keys.some((k) => k.length >= fk.columnsFrom.length && fk.columnsFrom.every((c) => k.slice(0, fk.columnsFrom.length).includes(c)));
      if (!covered) out.push(`${t.name}(${fk.columnsFrom.join(', ')})`);
    }
  }
  return out.sort();
}

const root = corpusRoot && path.join(corpusRoot, 'sql/dokploy');

describe('dokploy: Drizzle schema vs drizzle-kit snapshot', { skip: root && fs.existsSync(root) ? false : NO_CORPUS }, () => {
  it('fk-missing-index on schema.ts matches the newest snapshot exactly, and not on the generated SQL', async () => {
    const app = path.join(root!, 'apps/dokploy');
    const meta = path.join(app, 'drizzle/meta');
    const newest = fs.readdirSync(meta).filter((f) => f.endsWith('_snapshot.json')).sort().pop()!;
    const expected = expectedFromSnapshot(path.join(meta, newest));
    assert.ok(expected.length > 50, `snapshot gives ${expected.length}`);

    const engine = new Engine(host);
    const schemaDir = path.join(root!, 'packages/server/src/db/schema');
    const actual: string[] = [];
    for (const f of fs.readdirSync(schemaDir).filter((n) => n.endsWith('.ts')).sort()) {
      const file = path.join(schemaDir, f);
      const text = fs.readFileSync(file, 'utf8');
      const a = await engine.analyze(pathToUri(file), text, 'typescript');
      for (const finding of a.findings) {
        if (finding.rule !== 'fk-missing-index') continue;
        // The message names the TypeScript properties; the snapshot the database columns.
        const fk = [...a.unit.schema.tables.values()]
          .flatMap((t) => t.foreignKeys.map((k) => ({ t, k })))
          .find(({ k }) => k.source.uri === finding.uri && k.source.span.start === finding.span.start);
        assert.ok(fk, finding.message);
        const m = [`${fk.t.name}(${fk.k.columns.join(', ')})`];
        actual.push(m[0]);
        assert.ok(finding.fixes.length > 0, `a fix for ${m[1]}`);
      }
    }
    assert.deepEqual(actual.sort(), expected);
  });

  it('none of it is repeated on the generated SQL', async () => {
    const app = path.join(root!, 'apps/dokploy');
    const engine = new Engine(host);

    const drizzle = path.join(app, 'drizzle');
    let repeated = 0;
    let safety = 0;
    for (const f of fs.readdirSync(drizzle).filter((n) => n.endsWith('.sql')).sort()) {
      const file = path.join(drizzle, f);
      const a = await engine.analyze(pathToUri(file), fs.readFileSync(file, 'utf8'), 'sql');
      assert.equal(a.generatedFrom?.tool, 'drizzle-kit', f);
      repeated += a.findings.filter((x) => x.rule === 'fk-missing-index').length;
      safety += a.findings.filter((x) => x.rule !== 'fk-missing-index').length;
    }
    assert.equal(repeated, 0);
    assert.ok(safety > 0, 'migration-safety findings stay on the SQL');
  });
});
