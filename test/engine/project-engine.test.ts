/**
 * The engine of a project, from the project's own files, decided before any per-file guess and shown
 * with its reason; content marks for files nothing else places; no PostgreSQL syntax errors when
 * nothing names the engine, but one notice per project.
 */
import assert from 'node:assert/strict';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { Engine, pathToUri } from '../../server/src/engine/analyze';
import { MemoryHost } from '../helpers/rule-tester';

let n = 0;
function project(files: Record<string, string>) {
  const root = path.resolve('/engine-cases', `p${++n}`);
  const host = new MemoryHost();
  for (const [rel, text] of Object.entries(files)) host.files.set(path.join(root, rel), text);
  const engine = new Engine(host);
  return {
    root,
    engine,
    async analyze(rel: string) {
      const p = path.join(root, rel);
      return engine.analyze(pathToUri(p), host.files.get(p)!, 'sql');
    },
  };
}

const BACKTICKS = 'CREATE TABLE `users` (`id` integer PRIMARY KEY NOT NULL);\n--> statement-breakpoint\nCREATE TABLE `posts` (`id` integer PRIMARY KEY NOT NULL, `user_id` integer REFERENCES `users`(`id`));\n';
const MYSQL_DUMP = '# phpMyAdmin dump\nSET @OLD_FK = @@FOREIGN_KEY_CHECKS;\nCREATE TABLE `ipaddresses` (`id` int(11) NOT NULL);\nINSERT IGNORE INTO `settings` VALUES (1);\n';
const SYNTAX_ERROR = 'CREATE TABLE t (id int;\n';

describe('engine of a project', () => {
  it('drizzle.config.ts says sqlite: backtick migrations are SQLite, and keep their foreign-key findings', async () => {
    const p = project({
      'package.json': '{"dependencies": {"drizzle-orm": "0.30.0"}}',
      'packages/db/drizzle.config.ts': 'export default defineConfig({\n  dialect: "sqlite",\n  schema: "./schema.ts",\n});\n',
      'packages/db/drizzle/0000_init.sql': BACKTICKS,
    });
    const a = await p.analyze('packages/db/drizzle/0000_init.sql');
    assert.equal(a.engine.name, 'sqlite');
    assert.equal(a.engine.from, 'drizzle.config.ts');
    assert.equal(a.engine.detail, 'dialect: "sqlite"');
    assert.equal(a.unit.schema.dialect, 'sqlite');
    assert.ok(a.findings.some((f) => f.rule === 'fk-missing-index'), 'SQLite gets fk-missing-index; MySQL would not');
  });

  it('drizzle-kit journal decides for its migration folder', async () => {
    const p = project({
      'drizzle/meta/_journal.json': '{"version":"7","dialect":"sqlite","entries":[]}',
      'drizzle/0000_init.sql': BACKTICKS,
    });
    const a = await p.analyze('drizzle/0000_init.sql');
    assert.deepEqual([a.engine.name, a.engine.from], ['sqlite', 'meta/_journal.json']);
  });

  it('drivers: go.mod, package.json, Cargo features, docker-compose image, .env.example scheme (never .env)', async () => {
    const cases: [Record<string, string>, string, string][] = [
      [{ 'go.mod': 'module x\n\nrequire (\n\tgithub.com/go-sql-driver/mysql v1.7.0\n\tgithub.com/lib/pq v1.10.0 // indirect\n)\n' }, 'mysql', 'go.mod'],
      [{ 'package.json': '{"dependencies": {"better-sqlite3": "9.0.0", "express": "4"}}' }, 'sqlite', 'package.json'],
      [{ 'Cargo.toml': '[dependencies]\ndiesel = { version = "2", features = ["postgres", "chrono"] }\n', 'diesel.toml': '[print_schema]\n' }, 'postgresql', 'diesel.toml and Cargo.toml'],
      [{ 'docker-compose.yml': 'services:\n  db:\n    image: mariadb:11\n' }, 'mysql', 'docker-compose.yml'],
      [{ '.env.example': 'DATABASE_URL="postgresql://user:secret@localhost/db"\n', '.env': 'DATABASE_URL=mysql://root@localhost/db\n' }, 'postgresql', '.env.example'],
    ];
    for (const [files, name, from] of cases) {
      const p = project({ ...files, 'db/migrations/001_init.sql': 'CREATE TABLE a (id int PRIMARY KEY);\n' });
      const a = await p.analyze('db/migrations/001_init.sql');
      assert.deepEqual([a.engine.name, a.engine.from], [name, from], JSON.stringify(files));
      assert.ok(!JSON.stringify(a.engine).includes('secret'), 'no value of an environment file is shown');
    }
  });

  it('a project with several engines is decided per folder or file name', async () => {
    const p = project({
      'go.mod': 'module x\nrequire (\n\tgithub.com/jackc/pgx/v5 v5.5.0\n\tgithub.com/go-sql-driver/mysql v1.7.0\n)\n',
      'migrations/mysql/001_init.up.sql': 'CREATE TABLE a (id int AUTO_INCREMENT PRIMARY KEY);\n',
      'migrations/sql/0001_init.sqlite3.up.sql': 'CREATE TABLE a (id INTEGER PRIMARY KEY AUTOINCREMENT);\n',
    });
    const mysql = await p.analyze('migrations/mysql/001_init.up.sql');
    assert.deepEqual([mysql.engine.name, mysql.engine.from], ['mysql', 'folder name']);
    const sqlite = await p.analyze('migrations/sql/0001_init.sqlite3.up.sql');
    assert.deepEqual([sqlite.engine.name, sqlite.engine.from], ['sqlite', 'file name']);
  });

  it('MySQL marks (# comments, @variables, INSERT IGNORE) where nothing else says: no PostgreSQL syntax errors', async () => {
    const p = project({ 'db/install/SCHEMA.sql': MYSQL_DUMP });
    const a = await p.analyze('db/install/SCHEMA.sql');
    assert.equal(a.engine.name, 'mysql');
    assert.equal(a.engine.from, 'file content');
    assert.deepEqual(a.findings.filter((f) => f.rule === 'syntax-error'), []);
  });

  it('sqlite3 dot-commands in upgrade scripts of a set: the whole set is SQLite', async () => {
    const p = project({
      'gravity_db_upgrade/1_to_2.sql': '.timeout 30000\n\nBEGIN TRANSACTION;\nALTER TABLE a ADD COLUMN b text;\nCOMMIT;\n',
      'gravity_db_upgrade/2_to_3.sql': 'CREATE TABLE c (id integer PRIMARY KEY);\n',
      'gravity_db_upgrade/3_to_4.sql': 'CREATE TABLE d (id integer PRIMARY KEY);\n',
    });
    const a = await p.analyze('gravity_db_upgrade/1_to_2.sql');
    assert.equal(a.engine.name, 'sqlite');
    assert.equal(a.engine.detail, 'sqlite3 dot-commands');
    assert.deepEqual(a.findings.filter((f) => f.rule === 'syntax-error'), []);
    const b = await p.analyze('gravity_db_upgrade/3_to_4.sql');
    assert.equal(b.engine.name, 'sqlite', 'a file with no marks of its own takes its set\'s engine');
  });

  it('a file PostgreSQL rejects that carries MySQL marks is MySQL, even in a PostgreSQL project', async () => {
    const p = project({
      'package.json': '{"dependencies": {"pg": "8"}}',
      'db/legacy.sql': 'DELIMITER $$\nCREATE PROCEDURE p() BEGIN SELECT 1; END$$\nDELIMITER ;\n',
      'db/ok.sql': SYNTAX_ERROR,
    });
    const legacy = await p.analyze('db/legacy.sql');
    assert.equal(legacy.engine.name, 'mysql');
    assert.deepEqual(legacy.findings.filter((f) => f.rule === 'syntax-error'), []);
    const ok = await p.analyze('db/ok.sql');
    assert.deepEqual([ok.engine.name, ok.engine.from], ['postgresql', 'package.json']);
    assert.equal(ok.findings.filter((f) => f.rule === 'syntax-error' && f.severity === 'error').length, 1, 'a PostgreSQL project keeps its syntax errors');
  });

  it('nothing decides: no syntax error as an error, one info per project on how to set it', async () => {
    const p = project({ 'sql/a.sql': SYNTAX_ERROR, 'sql/b.sql': SYNTAX_ERROR, 'sql/c.sql': 'CREATE TABLE ok (id int PRIMARY KEY);\n' });
    const a = await p.analyze('sql/a.sql');
    const b = await p.analyze('sql/b.sql');
    const c = await p.analyze('sql/c.sql');
    assert.equal(a.engine.name, 'unknown');
    const syntax = [a, b, c].flatMap((x) => x.findings.filter((f) => f.rule === 'syntax-error'));
    assert.equal(syntax.length, 1);
    assert.equal(syntax[0].severity, 'info');
    assert.equal(syntax[0].uri, a.uri);
    assert.match(syntax[0].message, /"dialect" in db-design\.json/);
  });

  it('the configured dialect wins, and says where it was set', async () => {
    const p = project({ 'db-design.json': '{"dialect": "postgresql"}', 'drizzle.config.ts': 'export default { dialect: "sqlite" }', 'drizzle/0000_x.sql': SYNTAX_ERROR });
    const a = await p.analyze('drizzle/0000_x.sql');
    assert.deepEqual([a.engine.name, a.engine.from], ['postgresql', 'db-design.json']);
    assert.equal(a.findings.filter((f) => f.rule === 'syntax-error' && f.severity === 'error').length, 1);
  });
});
