/** The SQL inside TS/JS migrations: which calls carry it, where it sits in the file, up or down, escapes and `${...}`. */
import assert from 'node:assert/strict';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { Engine, languageOf, pathToUri } from '../../server/src/engine/analyze';
import { mentionsScriptSql, migrationClassName, readScriptSql } from '../../server/src/ts/migration-sql';
import { MemoryHost } from '../helpers/memory-host';

/** The regions' SQL as the view holds it, with their direction. */
function sqlOf(file: string, text: string): { direction: string; sql: string; source: string }[] {
  const s = readScriptSql(file, text);
  assert.equal(s.sqlView.length, text.length, 'the view keeps the file length');
  return s.regions.map((r) => ({ direction: r.direction, sql: s.sqlView.slice(r.span.start, r.span.end), source: text.slice(r.span.start, r.span.end) }));
}

describe('SQL inside TS/JS migrations', () => {
  it('TypeORM: queryRunner.query in up() and down(), spans after non-ASCII text, escapes read as what they stand for', () => {
    const text = [
      "import { MigrationInterface, QueryRunner } from 'typeorm'",
      '// Créé à la main — ünïcödé 😀 before the SQL',
      'export class AddUser1700000000000 implements MigrationInterface {',
      '  public async up(queryRunner: QueryRunner): Promise<void> {',
      '    await queryRunner.query(`CREATE TABLE "user" ("id" uuid PRIMARY KEY)`)',
      '    await queryRunner.query("ALTER TABLE \\"user\\" ADD \\"name\\" varchar(10)")',
      '  }',
      '  public async down(queryRunner: QueryRunner): Promise<void> {',
      "    await queryRunner.query('DROP TABLE \"user\"')",
      '  }',
      '}',
    ].join('\n');
    const got = sqlOf('m.ts', text);
    assert.deepEqual(
      got.map((g) => [g.direction, g.sql]),
      [
        ['up', 'CREATE TABLE "user" ("id" uuid PRIMARY KEY)'],
        // Each escape's padding sits outside the name it opens or closes.
        ['up', 'ALTER TABLE  "user"  ADD  "name"  varchar(10)'],
        ['down', 'DROP TABLE "user"'],
      ],
    );
    // Offsets are UTF-16 units of the file: the region is exactly the literal's content.
    assert.equal(got[0].source, 'CREATE TABLE "user" ("id" uuid PRIMARY KEY)');
    const s = readScriptSql('m.ts', text);
    assert.equal(text.slice(s.regions[0].span.start - 1, s.regions[0].span.start), '`');
    assert.deepEqual(
      s.regions[1].opaque.map((o) => text.slice(o.start, o.end)),
      ['\\"', '\\"', '\\"', '\\"'],
    );
    assert.equal(migrationClassName('m.ts', text), 'AddUser1700000000000');
  });

  it('MySQL backtick escapes in a template literal read as quoted names', () => {
    const text = 'export class X1 { async up(queryRunner) { await queryRunner.query(`CREATE TABLE \\`t\\` (\\`id\\` int)`) } }';
    assert.deepEqual(sqlOf('m.ts', text)[0].sql, 'CREATE TABLE  `t`  ( `id`  int)');
  });

  it('template substitutions become parameters in one view and quoted names in the other, and are opaque', () => {
    const text = 'exports.up = function (db) { return db.runSql(`UPDATE t SET a = ${value} WHERE b = 1; ALTER TABLE ${table} ADD c int;`); };';
    const s = readScriptSql('m.js', text);
    const r = s.regions[0];
    assert.equal(r.direction, 'up');
    assert.deepEqual(r.placeholders.map((p) => text.slice(p.start, p.end)), ['${value}', '${table}']);
    assert.equal(s.sqlView.slice(r.span.start, r.span.end), 'UPDATE t SET a = $1       WHERE b = 1; ALTER TABLE $2       ADD c int;');
    assert.equal(s.nameView.slice(r.span.start, r.span.end), 'UPDATE t SET a = "______" WHERE b = 1; ALTER TABLE "______" ADD c int;');
    assert.deepEqual(r.opaque, r.placeholders);
  });

  it('Knex raw and schema.raw, with `config = { transaction: false }`', () => {
    const text = [
      'exports.config = { transaction: false };',
      'exports.up = async function (knex) {',
      "  await knex.raw('CREATE INDEX CONCURRENTLY i ON t (a)');",
      "  await knex.schema.raw('ALTER TABLE t ADD b int');",
      '};',
      'exports.down = (knex) => knex.raw(`DROP INDEX i`);',
    ].join('\n');
    assert.deepEqual(
      sqlOf('m.js', text).map((g) => [g.direction, g.sql]),
      [
        ['up', 'CREATE INDEX CONCURRENTLY i ON t (a)'],
        ['up', 'ALTER TABLE t ADD b int'],
        ['down', 'DROP INDEX i'],
      ],
    );
    assert.ok(readScriptSql('m.js', text).transactionOptOut);
  });

  it('slonik sql and sql.unsafe tags, Kysely sql templates, MikroORM addSql; sql.raw fragments and nested templates are not statements', () => {
    const slonik = [
      "import { sql } from '@silverhand/slonik';",
      'const alteration = {',
      '  up: async (pool) => {',
      '    await pool.query(sql`create table a (id int); ${sql.raw("x")}`);',
      '    await pool.query(sql.unsafe`alter table a add b int`);',
      '  },',
      '  down: async (pool) => { await pool.query(sql`drop table a`); },',
      '};',
      'export default alteration;',
    ].join('\n');
    assert.deepEqual(
      sqlOf('a.ts', slonik).map((g) => [g.direction, g.sql.trim()]),
      [
        ['up', 'create table a (id int); $1'],
        ['up', 'alter table a add b int'],
        ['down', 'drop table a'],
      ],
    );
    const kysely = "import { Kysely, sql } from 'kysely';\nexport async function up(db: Kysely<any>) { await sql`create index i on t (a)`.execute(db); }\nexport async function down(db) { await sql`drop index i`.execute(db); }";
    assert.deepEqual(sqlOf('k.ts', kysely).map((g) => g.direction), ['up', 'down']);
    const mikro = "import { Migration } from '@mikro-orm/migrations';\nexport class Migration20240101 extends Migration {\n  async up() { this.addSql('create table b (id int);'); }\n  isTransactional() { return false; }\n}";
    assert.deepEqual(sqlOf('m.ts', mikro).map((g) => g.sql), ['create table b (id int);']);
    assert.ok(readScriptSql('m.ts', mikro).transactionOptOut);
  });

  it('leaves SQL outside up/down and non-literal arguments alone', () => {
    const text = "const q = 'CREATE TABLE x (a int)';\nexport async function up(knex) { await knex.raw(q); await knex.raw('SELECT ' + 1); }\nfunction helper(knex) { return knex.raw('DROP TABLE y'); }";
    assert.deepEqual(sqlOf('m.js', text), []);
  });

  it('the cheap test sees the tools and not ordinary code', () => {
    assert.ok(mentionsScriptSql('await queryRunner.query(`x`)'));
    assert.ok(mentionsScriptSql('db.runSql("x", cb)'));
    assert.ok(mentionsScriptSql('await pool.query(sql`select 1`)'));
    assert.ok(mentionsScriptSql('this.addSql("x")'));
    assert.ok(!mentionsScriptSql('const x = await fetch(url); console.log(x.query)'));
  });

  it('a finding on a name written with escapes covers them: the whole of \\"user\\", after non-ASCII text', async () => {
    const host = new MemoryHost();
    const root = path.resolve('/escaped-names');
    host.files.set(path.join(root, 'package.json'), JSON.stringify({ dependencies: { pg: '8.0.0', typeorm: '0.3.20' } }));
    const text = [
      "import { MigrationInterface, QueryRunner } from 'typeorm'",
      '// Créé à la main 😀',
      'export class Init1700000000001 implements MigrationInterface {',
      '  public async up(queryRunner: QueryRunner): Promise<void> {',
      '    await queryRunner.query("CREATE TABLE \\"user\\" (\\"name\\" text)")',
      '  }',
      '}',
      '',
    ].join('\n');
    const file = path.join(root, 'src/migrations/1700000000001-Init.ts');
    host.files.set(file, text);
    assert.equal(languageOf(file, text), 'sql');
    const analysis = await new Engine(host).analyze(pathToUri(file), text, 'sql');
    const pk = analysis.findings.find((f) => f.rule === 'require-primary-key');
    assert.ok(pk, `findings: ${analysis.findings.map((f) => f.rule).join(', ')}`);
    assert.equal(text.slice(pk.span.start, pk.span.end), '\\"user\\"');
  });
});
