/**
 * `db-design check` over several projects runs them in worker threads (cli/parallel.ts): the output must be
 * exactly what one thread gives, in the order the files are listed, with each project's once-per-project
 * notice on the same file. Run through the bundled command (dist/cli.js), as users run it.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { check } from '../../server/src/cli/check';
import { repoRoot } from '../helpers/paths';

const cli = path.join(repoRoot, 'bin', 'db-design.js');

/** Three projects: a Prisma history, golang-migrate files, and SQL whose engine nothing names (one notice). */
function writeProjects(root: string): void {
  const write = (rel: string, text: string) => {
    fs.mkdirSync(path.dirname(path.join(root, rel)), { recursive: true });
    fs.writeFileSync(path.join(root, rel), text);
  };
  write('a/package.json', '{"name":"a"}');
  write('a/prisma/migrations/migration_lock.toml', 'provider = "postgresql"\n');
  for (let i = 0; i < 40; i++) {
    write(`a/prisma/migrations/2024010100${String(i).padStart(4, '0')}_m${i}/migration.sql`, i % 2 ? `CREATE INDEX t${i - 1}_x ON t${i - 1} (x);\n` : `CREATE TABLE t${i} (id serial PRIMARY KEY, x int REFERENCES t0 (id), at timestamp);\n`);
  }
  write('b/go.mod', 'module b\n');
  for (let i = 1; i <= 30; i++) {
    write(`b/migrations/${String(i).padStart(6, '0')}_s${i}.up.sql`, `ALTER TABLE users ADD COLUMN c${i} text NOT NULL;\nUPDATE users SET c${i} = 'x';\n`);
    write(`b/migrations/${String(i).padStart(6, '0')}_s${i}.down.sql`, `ALTER TABLE users DROP COLUMN c${i};\n`);
  }
  write('c/package.json', '{"name":"c"}');
  for (let i = 0; i < 10; i++) write(`c/sql/q${i}.sql`, `SELECT * FROM t${i};\nCREATE TABLE \`m${i}\` (id int AUTO_INCREMENT PRIMARY KEY) ENGINE=InnoDB;\n`);
}

describe('check across worker threads', () => {
  let root: string;
  before(() => {
    root = fs.mkdtempSync(path.join(os.tmpdir(), 'db-design-parallel-'));
    writeProjects(root);
  });
  after(() => fs.rmSync(root, { recursive: true, force: true }));

  it('uses worker threads for several projects (two here), and the calling thread for one', async () => {
    const saved = process.env.DB_DESIGN_WORKERS;
    process.env.DB_DESIGN_WORKERS = '2';
    try {
      const several = await check([root], {}, false);
      assert.equal(several.workers, 2);
      const one = await check([path.join(root, 'b')], {}, false);
      assert.equal(one.workers, undefined, 'one project: no workers');
      assert.ok(one.files.length === 60);
    } finally {
      if (saved === undefined) delete process.env.DB_DESIGN_WORKERS;
      else process.env.DB_DESIGN_WORKERS = saved;
    }
  });

  it('gives exactly what one thread gives, for text and JSON output', () => {
    for (const format of ['json', 'text']) {
      const run = (workers: string) => spawnSync(process.execPath, [cli, 'check', '--format', format, '.'], { cwd: root, encoding: 'utf8', env: { ...process.env, DB_DESIGN_WORKERS: workers, NO_COLOR: '1' } });
      const one = run('1');
      const two = run('2');
      assert.equal(one.status, two.status);
      assert.equal(two.stderr, one.stderr);
      assert.equal(two.stdout, one.stdout, format);
      if (format === 'json') {
        const files = new Set((JSON.parse(one.stdout) as { diagnostics: { file: string }[] }).diagnostics.map((d) => d.file.split('/')[0]));
        assert.deepEqual([...files].sort(), ['a', 'b', 'c'], 'all three projects have findings');
      }
    }
  });
});
