/**
 * Migrations written in TypeScript/JavaScript in the corpus, checked as a user runs `db-design check` at the
 * project root: flowise (TypeORM, one folder per engine), unleash (db-migrate `db.runSql`) and logto (slonik
 * `sql` templates in alteration scripts). Their SQL is read and replayed with the engine of each folder, and
 * the findings per rule are printed.
 */
import assert from 'node:assert/strict';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { check, diskHost, type CheckResult } from '../../server/src/cli/check';
import { migrationClassName } from '../../server/src/ts/migration-sql';
import { findMigrationSet } from '../../server/src/workspace/migrations';
import { corpusRoot, NO_CORPUS } from '../helpers/paths';

const root = corpusRoot && path.join(corpusRoot, 'sql');

/** The TS/JS migrations checked (not the entity or schema files `check` also reads). */
function scripts(result: CheckResult): CheckResult['files'] {
  return result.files.filter((f) => /\.(ts|js)$/.test(f.path) && findMigrationSet(f.path, diskHost) !== undefined);
}

function perRule(files: CheckResult['files']): Record<string, number> {
  const out: Record<string, number> = {};
  for (const f of files) for (const x of f.findings) out[x.rule] = (out[x.rule] ?? 0) + 1;
  return Object.fromEntries(Object.entries(out).sort((a, b) => b[1] - a[1]));
}

describe('corpus: SQL inside TS/JS migrations', { skip: !root && NO_CORPUS }, () => {
  it('flowise: TypeORM migrations of four engines, each read with its folder engine, in class-name order', async () => {
    const result = await check([path.join(root!, 'flowise')], {}, false);
    const files = scripts(result);
    console.log(`flowise: ${files.length} TS migrations checked; findings per rule ${JSON.stringify(perRule(files))}`);
    assert.ok(files.length >= 200, `${files.length} files`);
    assert.deepEqual(result.failures, []);
    const folders = new Set<string>();
    for (const f of files) {
      const folder = path.basename(path.dirname(f.path));
      folders.add(folder);
      const want = { postgres: 'postgresql', mysql: 'mysql', mariadb: 'mysql', sqlite: 'sqlite' }[folder];
      assert.equal(f.engine?.name, want, `${f.path}: ${JSON.stringify(f.engine)}`);
      // A syntax error only where PostgreSQL really rejects the SQL: `user` is a reserved word there.
      for (const x of f.findings.filter((y) => y.rule === 'syntax-error')) assert.equal(f.text.slice(x.span.start, x.span.end), 'user', `${f.path}: ${x.message}`);
    }
    assert.deepEqual([...folders].sort(), ['mariadb', 'mysql', 'postgres', 'sqlite']);
    // TypeORM's order: the timestamp that ends the class name.
    const set = findMigrationSet(files.find((f) => f.path.includes('/database/migrations/postgres/'))!.path, diskHost)!;
    assert.equal(set.runner, 'typeorm');
    const stamps = set.files.map((f) => Number(/\d{13}$/.exec(migrationClassName(f.fsPath, diskHost.readFile(f.fsPath) ?? '') ?? '')?.[0]));
    assert.deepEqual(stamps, [...stamps].sort((a, b) => a - b));
  });

  it('unleash: db-migrate scripts with db.runSql, replayed in one history without syntax errors', async () => {
    const result = await check([path.join(root!, 'unleash')], {}, false);
    const files = scripts(result);
    console.log(`unleash: ${files.length} JS migrations checked; findings per rule ${JSON.stringify(perRule(files))}`);
    assert.ok(files.length >= 300, `${files.length} files`);
    assert.equal(findMigrationSet(files[0].path, diskHost)?.runner, 'db-migrate');
    assert.deepEqual(files.flatMap((f) => f.findings.filter((x) => x.rule === 'syntax-error').map((x) => `${f.path}: ${x.message}`)), []);
    // Tables the early migrations create are known to the later ones: a foreign key finding needs both sides.
    assert.ok(files.some((f) => f.findings.some((x) => x.rule === 'fk-missing-index')));
  });

  it('logto: alteration scripts with slonik sql templates, in the order of their timestamps', async () => {
    const result = await check([path.join(root!, 'logto')], {}, false);
    const files = scripts(result);
    console.log(`logto: ${files.length} TS alterations checked (+${result.files.length - files.length} .sql); findings per rule ${JSON.stringify(perRule(files))}`);
    assert.ok(files.length >= 200, `${files.length} files`);
    assert.deepEqual(files.flatMap((f) => f.findings.filter((x) => x.rule === 'syntax-error').map((x) => `${f.path}: ${x.message}`)), []);
    const set = findMigrationSet(files[0].path, diskHost)!;
    assert.equal(set.runner, 'slonik');
    const stamps = set.files.map((f) => Number(/-(\d+)/.exec(f.name)?.[1]));
    assert.deepEqual(stamps, [...stamps].sort((a, b) => a - b));
  });
});
