/**
 * Migrations written in TypeScript/JavaScript through the whole engine: found as migration sets by their
 * tool, ordered as the tool orders them, replayed like `.sql` files, findings inside the SQL strings, fixes
 * only where they are safe edits of a string.
 */
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { collectFiles } from '../../server/src/cli/check';
import { Engine, languageOf, pathToUri } from '../../server/src/engine/analyze';
import { applyEdits } from '../../server/src/engine/edits';
import { hoverAt } from '../../server/src/engine/hover';
import { suppressionFixes } from '../../server/src/engine/suppression';
import { LineIndex } from '../../server/src/model/text';
import { reportInput } from '../../server/src/report/scope';
import { findMigrationSet } from '../../server/src/workspace/migrations';
import type { SqlUnit } from '../../server/src/workspace/unit';
import { MemoryHost } from '../helpers/rule-tester';

const ROOT = path.resolve('/db-design-scripts');

function project(files: Record<string, string>): { host: MemoryHost; engine: Engine } {
  const host = new MemoryHost();
  host.files.set(path.join(ROOT, 'package.json'), JSON.stringify({ dependencies: { pg: '8.0.0' } }));
  for (const [rel, text] of Object.entries(files)) host.files.set(path.join(ROOT, rel), text);
  return { host, engine: new Engine(host) };
}

async function analyse(p: { host: MemoryHost; engine: Engine }, rel: string) {
  const file = path.join(ROOT, rel);
  const text = p.host.files.get(file)!;
  const language = languageOf(file, text);
  assert.equal(language, 'sql', `${rel} is read as a migration`);
  return { text, uri: pathToUri(file), analysis: await p.engine.analyze(pathToUri(file), text, language) };
}

const typeorm = (cls: string, up: string, down = '') =>
  `import { MigrationInterface, QueryRunner } from 'typeorm'\n\nexport class ${cls} implements MigrationInterface {\n  public async up(queryRunner: QueryRunner): Promise<void> {\n${up}\n  }\n\n  public async down(queryRunner: QueryRunner): Promise<void> {\n${down}\n  }\n}\n`;

describe('TS/JS migrations in the engine', () => {
  it('TypeORM: ordered by the class name timestamp, replayed, findings inside the string at exact offsets', async () => {
    const p = project({
      // The file names sort the other way round: TypeORM orders by the class name.
      'src/migrations/1000-AddPosts.ts': typeorm('AddPosts1700000000002', '    await queryRunner.query(`CREATE TABLE "post" ("id" bigint PRIMARY KEY, "authorId" bigint REFERENCES "author" ("id"), "title" varchar(20))`)'),
      'src/migrations/9000-Init.ts': typeorm(
        'Init1700000000001',
        '    // Déjà vu 😀: non-ASCII text before the SQL\n    await queryRunner.query(`CREATE TABLE "author" ("id" bigint PRIMARY KEY, "name" text NOT NULL)`)',
        '    await queryRunner.query(`DROP TABLE "author"`)',
      ),
      'src/migrations/index.ts': "export * from './9000-Init'\n",
    });
    const set = findMigrationSet(path.join(ROOT, 'src/migrations/9000-Init.ts'), p.host);
    assert.equal(set?.runner, 'typeorm');
    assert.deepEqual(set.files.map((f) => f.name), ['9000-Init.ts', '1000-AddPosts.ts']);
    const { text, uri, analysis } = await analyse(p, 'src/migrations/1000-AddPosts.ts');
    const fk = analysis.findings.find((f) => f.rule === 'fk-missing-index');
    assert.ok(fk, `findings: ${analysis.findings.map((f) => f.rule).join(', ')}`);
    assert.equal(text.slice(fk.span.start, fk.span.end).includes('REFERENCES "author"'), true);
    const varchar = analysis.findings.find((f) => f.rule === 'prefer-text-over-varchar')!;
    assert.equal(text.slice(varchar.span.start, varchar.span.end), 'varchar(20)');
    // The fix is an edit inside the template literal: the whole file stays valid TypeScript with the SQL changed.
    const fixed = applyEdits(text, varchar.fixes[0].edits, uri);
    assert.ok(fixed.includes('"title" text)`)'), fixed);
    assert.ok(!analysis.findings.some((f) => f.rule === 'syntax-error'));
  });

  it('down() statements are not replayed, and a file with a down() has its down section', async () => {
    const p = project({
      'migrations/1-a.ts': typeorm('A1', '    await queryRunner.query(`CREATE TABLE a (id bigint PRIMARY KEY)`)', '    await queryRunner.query(`DROP TABLE a`)'),
      'migrations/2-b.ts': typeorm('B2', '    await queryRunner.query(`ALTER TABLE a ADD COLUMN b int NOT NULL`)'),
    });
    const { analysis } = await analyse(p, 'migrations/2-b.ts');
    // The table exists after 1-a (its DROP is in down()): adding a NOT NULL column without a default to it is reported.
    assert.ok(analysis.findings.some((f) => f.rule === 'add-column-not-null-without-default'), analysis.findings.map((f) => f.rule).join(', '));
    const first = (await analyse(p, 'migrations/1-a.ts')).analysis.unit as SqlUnit;
    assert.equal(first.file.down, 'section');
    assert.deepEqual(first.statements.map((st) => [st.direction, st.info.kind]), [['up', 'create-table'], ['down', 'drop-table']]);
    assert.equal((analysis.unit as SqlUnit).file.down, 'not-used');
  });

  it('hovers work inside the string: the lock a statement takes, a table as the history left it', async () => {
    const p = project({
      'migrations/1-a.ts': typeorm('A1', '    await queryRunner.query(`CREATE TABLE "author" (id bigint PRIMARY KEY, name text)`)'),
      'migrations/2-b.ts': typeorm('B2', '    await queryRunner.query(`ALTER TABLE "author" ADD COLUMN bio text`)'),
    });
    const { text, analysis } = await analyse(p, 'migrations/2-b.ts');
    const lock = hoverAt(analysis, text.indexOf('ALTER TABLE'));
    assert.match(lock?.markdown ?? '', /ACCESS EXCLUSIVE/);
    const table = hoverAt(analysis, text.indexOf('"author"') + 2);
    assert.match(table?.markdown ?? '', /name/);
  });

  it('suppressions: a TypeScript comment above the call, or a SQL comment inside a template; the quick fixes write the one that fits', async () => {
    const p = project({
      'migrations/1-a.ts': typeorm(
        'A1',
        '    // db-design-disable-next-line prefer-text-over-varchar\n    await queryRunner.query(`CREATE TABLE a (id bigint PRIMARY KEY, x varchar(5))`)\n    await queryRunner.query(`\n      CREATE TABLE b (id bigint PRIMARY KEY,\n        y varchar(5))`)',
      ),
      'migrations/2-b.ts': typeorm('B2', '    await queryRunner.query(`ALTER TABLE a ADD COLUMN z int`)'),
    });
    const { text, analysis } = await analyse(p, 'migrations/1-a.ts');
    const varchars = analysis.findings.filter((f) => f.rule === 'prefer-text-over-varchar');
    assert.deepEqual(varchars.map((f) => text.slice(f.span.start, f.span.end)), ['varchar(5)']);
    assert.ok(varchars[0].span.start > text.indexOf('CREATE TABLE b'));
    const lines = new LineIndex(text);
    const [line, file] = suppressionFixes(varchars[0], text, analysis.language, lines, analysis.unit.lineCommentAt);
    // The finding's line is inside the template literal: a SQL comment there; the file directive goes above the imports.
    assert.equal(line.edits[0].newText, '        -- db-design-disable-next-line prefer-text-over-varchar\n');
    assert.equal(file.edits[0].newText, '// db-design-disable-file prefer-text-over-varchar\n');
    const suppressed = applyEdits(text, line.edits, pathToUri(path.join(ROOT, 'migrations/1-a.ts')));
    p.host.files.set(path.join(ROOT, 'migrations/1-a.ts'), suppressed);
    const again = await analyse(p, 'migrations/1-a.ts');
    assert.deepEqual(again.analysis.findings.filter((f) => f.rule === 'prefer-text-over-varchar' || f.rule === 'syntax-error'), []);
    // Changing one migration re-checks the rest of its set.
    assert.deepEqual(p.engine.dependents(pathToUri(path.join(ROOT, 'migrations/1-a.ts'))), [pathToUri(path.join(ROOT, 'migrations/2-b.ts'))]);
  });

  it('TypeORM `transaction = false` runs the migration outside a transaction; the default is the migrator\'s transaction', async () => {
    const body = '    await queryRunner.query(`CREATE TABLE t (id bigint PRIMARY KEY, a int)`)\n    await queryRunner.query(`CREATE INDEX CONCURRENTLY t_a ON t (a)`)';
    const inTx = project({ 'migrations/1-a.ts': typeorm('A1', body) });
    const a = await analyse(inTx, 'migrations/1-a.ts');
    assert.ok(a.analysis.findings.some((f) => f.rule === 'concurrently-in-transaction'), a.analysis.findings.map((f) => f.rule).join(', '));
    const out = project({ 'migrations/1-a.ts': typeorm('A1', body).replace('implements MigrationInterface {', 'implements MigrationInterface {\n  transaction = false') });
    const b = await analyse(out, 'migrations/1-a.ts');
    assert.ok(!b.analysis.findings.some((f) => f.rule === 'concurrently-in-transaction'));
    // The data source's migrationsTransactionMode: "none" runs every migration outside a transaction.
    const none = project({
      'src/migrations/1-a.ts': typeorm('A1', body),
      'src/data-source.ts': "import { DataSource } from 'typeorm'\nexport default new DataSource({ type: 'postgres', migrations: ['src/migrations/*.ts'], migrationsTransactionMode: 'none' })\n",
    });
    const c = await analyse(none, 'src/migrations/1-a.ts');
    assert.ok(!c.analysis.findings.some((f) => f.rule === 'concurrently-in-transaction'));
    assert.match((c.analysis.unit as SqlUnit).file.run?.reason ?? '', /data-source\.ts sets `migrationsTransactionMode: "none"`/);
  });

  it('db-migrate runSql with a substitution: no syntax error and no finding inside `${...}`', async () => {
    const p = project({
      'migrations/20200101000000-a.js': "'use strict';\nexports.up = function (db, cb) {\n  db.runSql('CREATE TABLE t (id bigint PRIMARY KEY, owner_id bigint REFERENCES owner (id))', cb);\n};\n",
      'migrations/20200102000000-b.js': "exports.up = function (db, cb) {\n  db.runSql(`ALTER TABLE ${table} ADD COLUMN x varchar(5); UPDATE t SET id = ${id};`, cb);\n};\n",
    });
    const set = findMigrationSet(path.join(ROOT, 'migrations/20200102000000-b.js'), p.host);
    assert.equal(set?.runner, 'db-migrate');
    const { text, analysis } = await analyse(p, 'migrations/20200102000000-b.js');
    assert.ok(!analysis.findings.some((f) => f.rule === 'syntax-error'));
    const placeholders = [...text.matchAll(/\$\{\w+\}/g)].map((m) => ({ start: m.index!, end: m.index! + m[0].length }));
    for (const f of analysis.findings) for (const ph of placeholders) assert.ok(!(f.span.start >= ph.start && f.span.end <= ph.end), `${f.rule} inside a substitution`);
  });

  it('fixes that would break the string are not offered: a new line in a quoted string, a statement added on SQLite', async () => {
    const p = project({
      'migrations/1-a.ts': typeorm('A1', "    await queryRunner.query('CREATE TABLE a (id bigint PRIMARY KEY)')"),
      'migrations/2-b.ts': typeorm('B2', "    await queryRunner.query('CREATE TABLE b (id bigint PRIMARY KEY, a_id bigint REFERENCES a (id))')"),
    });
    const { analysis } = await analyse(p, 'migrations/2-b.ts');
    const fk = analysis.findings.find((f) => f.rule === 'fk-missing-index')!;
    // The index would go after the statement on a new line: not something a '...' string can hold.
    assert.ok(fk && fk.fixes.every((f) => f.edits.every((e) => !e.newText.includes('\n'))), JSON.stringify(fk?.fixes));

    // In a template literal on PostgreSQL the index goes into the same query string, after the statement.
    const b = 'migrations/2-b.ts';
    p.host.files.set(path.join(ROOT, b), p.host.files.get(path.join(ROOT, b))!.replace(/'(CREATE TABLE b[^']*)'/, '`$1;`'));
    const pg = await analyse(p, b);
    const pgFix = pg.analysis.findings.find((f) => f.rule === 'fk-missing-index')?.fixes[0];
    assert.ok(pgFix, 'a fix inside the template literal');
    assert.match(applyEdits(pg.text, pgFix.edits, pg.uri), /REFERENCES a \(id\)\);\s*CREATE INDEX b_a_id_idx ON b \(a_id\);`\)/);

    // SQLite's drivers run one statement per call: the same fix would add a second one, so it is not offered.
    p.host.files.set(path.join(ROOT, 'db-design.json'), JSON.stringify({ dialect: 'sqlite' }));
    const lite = await analyse(p, b);
    const liteFk = lite.analysis.findings.find((f) => f.rule === 'fk-missing-index');
    assert.ok(liteFk);
    assert.deepEqual(liteFk.fixes, []);
  });

  it('the engine is read from the SQL in the strings, not from the template backticks around it', async () => {
    const host = new MemoryHost();
    const file = path.join(ROOT, 'nopkg/migrations/1-a.ts');
    host.files.set(file, typeorm('A1', '    await queryRunner.query(`CREATE TABLE "a" ("id" uuid PRIMARY KEY DEFAULT gen_random_uuid(), "at" timestamptz)`)'));
    const text = host.files.get(file)!;
    const a = await new Engine(host).analyze(pathToUri(file), text, languageOf(file, text)!);
    assert.notEqual(a.engine.name, 'mysql', JSON.stringify(a.engine));
    host.files.set(file, typeorm('A1', '    await queryRunner.query(`CREATE TABLE \\`a\\` (\\`id\\` int NOT NULL AUTO_INCREMENT, PRIMARY KEY (\\`id\\`)) ENGINE=InnoDB`)'));
    const mysqlText = host.files.get(file)!;
    const b = await new Engine(host).analyze(pathToUri(file), mysqlText, languageOf(file, mysqlText)!);
    assert.equal(b.engine.name, 'mysql', JSON.stringify(b.engine));
  });

  it('Kysely and MikroORM migrations are sets of their own; MikroORM isTransactional() false runs outside a transaction', async () => {
    const kysely = "import { Kysely, sql } from 'kysely'\nexport async function up(db: Kysely<any>) { await sql`CREATE TABLE k (id bigint PRIMARY KEY, a int)`.execute(db) }\n";
    const mikro = (body: string) => `import { Migration } from '@mikro-orm/migrations'\nexport class Migration20240101000000 extends Migration {\n  async up(): Promise<void> {\n    this.addSql('CREATE TABLE m (id bigint PRIMARY KEY, a int);');\n    this.addSql('CREATE INDEX CONCURRENTLY m_a ON m (a);');\n  }\n${body}}\n`;
    const p = project({ 'db/kysely/migrations/2024_01_01_a.ts': kysely, 'db/mikro/migrations/Migration20240101000000.ts': mikro('') });
    assert.equal(findMigrationSet(path.join(ROOT, 'db/kysely/migrations/2024_01_01_a.ts'), p.host)?.runner, 'kysely');
    assert.equal(findMigrationSet(path.join(ROOT, 'db/mikro/migrations/Migration20240101000000.ts'), p.host)?.runner, 'mikro-orm');
    const inTx = await analyse(p, 'db/mikro/migrations/Migration20240101000000.ts');
    assert.ok(inTx.analysis.findings.some((f) => f.rule === 'concurrently-in-transaction'));
    p.host.files.set(path.join(ROOT, 'db/mikro/migrations/Migration20240101000000.ts'), mikro('  isTransactional(): boolean { return false }\n'));
    const out = await analyse(p, 'db/mikro/migrations/Migration20240101000000.ts');
    assert.ok(!out.analysis.findings.some((f) => f.rule === 'concurrently-in-transaction'));
  });

  it('Knex `config = { transaction: false }`, slonik alterations ordered by their timestamp', () => {
    const host = new MemoryHost();
    host.files.set(path.join(ROOT, 'k/migrations/20240101_a.js'), "exports.config = { transaction: false };\nexports.up = function (knex) { return knex.raw('CREATE INDEX CONCURRENTLY i ON t (a)'); };\n");
    assert.equal(findMigrationSet(path.join(ROOT, 'k/migrations/20240101_a.js'), host)?.runner, 'knex');
    const alt = (n: string) => path.join(ROOT, 'packages/schemas/alterations', n);
    const body = "import { sql } from 'slonik';\nconst alteration = { up: async (pool) => { await pool.query(sql`select 1`); } };\nexport default alteration;\n";
    host.files.set(alt('1.10.0-1690000000-b.ts'), body);
    host.files.set(alt('1.9.0-1680000000-a.ts'), body);
    host.files.set(alt('next-1700000000-c.ts'), body);
    const set = findMigrationSet(alt('next-1700000000-c.ts'), host);
    assert.equal(set?.runner, 'slonik');
    assert.deepEqual(set.files.map((f) => f.name), ['1.9.0-1680000000-a.ts', '1.10.0-1690000000-b.ts', 'next-1700000000-c.ts']);
  });

  it('the report draws the schema a folder of TS migrations ends with', async () => {
    const p = project({
      'migrations/1-a.ts': typeorm('A1', '    await queryRunner.query(`CREATE TABLE a (id bigint PRIMARY KEY)`)', '    await queryRunner.query(`DROP TABLE a`)'),
      'migrations/2-b.ts': typeorm('B2', '    await queryRunner.query(`CREATE TABLE b (id bigint PRIMARY KEY, a_id bigint REFERENCES a (id))`)'),
      'migrations/index.ts': "export * from './1-a'\n",
    });
    const input = await reportInput(p.engine, p.host, [pathToUri(path.join(ROOT, 'migrations'))], { docsUrl: (id) => id });
    assert.equal(input.kind, 'sql');
    assert.deepEqual([...input.schema.tables.values()].map((t) => t.name).sort(), ['a', 'b']);
  });

  it('check collects migration scripts, not index files or other TypeScript', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'db-design-scripts-'));
    try {
      const m = path.join(dir, 'src/migrations');
      fs.mkdirSync(m, { recursive: true });
      fs.writeFileSync(path.join(m, '1700000000001-Init.ts'), typeorm('Init1700000000001', '    await queryRunner.query(`CREATE TABLE a (id int)`)'));
      fs.writeFileSync(path.join(m, 'index.ts'), "export * from './1700000000001-Init'\n");
      fs.writeFileSync(path.join(dir, 'src/app.ts'), 'await pool.query(sql`select 1`)\n');
      assert.deepEqual(collectFiles([dir]).map((f) => path.relative(dir, f)), [path.join('src', 'migrations', '1700000000001-Init.ts')]);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
