/**
 * `npm run new:runner -- <id>` scaffolds a runner module, its cases and its registry line. Run here into a
 * temporary copy of the registry (nothing is left in the repository); the scaffolded module is compiled
 * and loaded next to the compiled runner modules, and detects, orders and names migrations.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { after, describe, it } from 'node:test';
import ts from 'typescript';
import { repoRoot } from '../helpers/paths';
import { MemoryHost } from '../helpers/rule-tester';

const script = path.join(repoRoot, 'scripts/new-runner.mjs');
const RUNNERS = 'server/src/workspace/runners';
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'new-runner-'));
after(() => fs.rmSync(tmp, { recursive: true, force: true }));

function run(...args: string[]) {
  return spawnSync(process.execPath, [script, ...args, '--root', tmp], { encoding: 'utf8' });
}

describe('npm run new:runner', () => {
  fs.mkdirSync(path.join(tmp, RUNNERS), { recursive: true });
  fs.copyFileSync(path.join(repoRoot, RUNNERS, 'index.ts'), path.join(tmp, RUNNERS, 'index.ts'));
  const registry = () => fs.readFileSync(path.join(tmp, RUNNERS, 'index.ts'), 'utf8');

  it('refuses ids that are not runner ids, and writes nothing on a dry run', () => {
    assert.notEqual(run('Not_An_Id').status, 0);
    // Without --root it would write into the repository: a dry run there writes nothing either.
    const inRepo = spawnSync(process.execPath, [script, 'knex-sql', '--dry-run'], { encoding: 'utf8' });
    assert.equal(inRepo.status, 0, inRepo.stderr);
    assert.equal(fs.existsSync(path.join(repoRoot, RUNNERS, 'knex-sql.ts')), false);
    const before = registry();
    const dry = run('knex-sql', '--dry-run');
    assert.equal(dry.status, 0, dry.stderr);
    assert.match(dry.stdout, /would write server\/src\/workspace\/runners\/knex-sql\.ts/);
    assert.equal(registry(), before);
    assert.equal(fs.existsSync(path.join(tmp, RUNNERS, 'knex-sql.ts')), false);
  });

  it('writes the module and its cases, and lists it in the registry before the generic layouts', () => {
    const r = run('knex-sql');
    assert.equal(r.status, 0, r.stderr);
    const index = registry();
    assert.match(index, /^import knexSql from '\.\/knex-sql';$/m);
    const order = index.slice(index.indexOf('const MODULES'));
    assert.ok(order.indexOf('  knexSql,') > 0 && order.indexOf('  knexSql,') < order.indexOf('  versionFolders,'));
    for (const f of [`${RUNNERS}/knex-sql.ts`, 'test/workspace/runners/knex-sql.test.ts', `${RUNNERS}/index.ts`]) {
      const out = ts.transpileModule(fs.readFileSync(path.join(tmp, f), 'utf8'), { reportDiagnostics: true, fileName: f });
      assert.deepEqual(out.diagnostics?.map((d) => d.messageText), [], f);
    }
    assert.notEqual(run('knex-sql').status, 0, 'a second run does not overwrite the module');
  });

  it('scaffolds a module that detects, orders and names migrations', () => {
    // Compiled next to the compiled runner modules (in a copy), so its imports resolve.
    const compiled = path.join(repoRoot, 'out', RUNNERS);
    const outDir = path.join(tmp, 'out', RUNNERS);
    fs.cpSync(path.join(repoRoot, 'out/server'), path.join(tmp, 'out/server'), { recursive: true });
    const js = ts.transpileModule(fs.readFileSync(path.join(tmp, RUNNERS, 'knex-sql.ts'), 'utf8'), {
      compilerOptions: { module: ts.ModuleKind.CommonJS, target: ts.ScriptTarget.ES2022, esModuleInterop: true },
    }).outputText;
    assert.ok(fs.existsSync(path.join(compiled, 'layout.js')));
    fs.writeFileSync(path.join(outDir, 'knex-sql.js'), js);
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const mod = require(path.join(outDir, 'knex-sql.js')).default;
    const host = new MemoryHost();
    const root = path.resolve('/ws/db');
    for (const n of ['1_a.knex_sql.sql', '10_c.knex_sql.sql', '2_b.knex_sql.sql', 'notes.sql']) host.files.set(path.join(root, n), 'SELECT 1;\n');
    const fsPath = path.join(root, '2_b.knex_sql.sql');
    const set = mod.detect({ fsPath, dir: root, dirName: 'db', parent: path.dirname(root), base: '2_b.knex_sql.sql', head: 'SELECT 1;', host });
    assert.equal(set.runner, 'knex-sql');
    assert.deepEqual(set.files.map((f: { name: string }) => f.name), ['1_a.knex_sql.sql', '2_b.knex_sql.sql', '10_c.knex_sql.sql']);
    assert.equal(mod.newMigration({ set, entry: set.files[2], suffix: 'concurrently', standalone: true }).name, '11_concurrently.knex_sql.sql');
    assert.equal(mod.fileMode({ text: '', name: '1_a.knex_sql.sql', statementCount: 1, allNonTransactional: false, direction: 'up', set }).mode, 'transaction');
  });
});
