/**
 * The whole migration history as one schema: findings depend on earlier and later migrations, an edit
 * in one migration changes the findings of the others, and opening migration 300 of 700 re-parses
 * nothing else.
 */
import assert from 'node:assert/strict';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { Engine, pathToUri } from '../../server/src/engine/analyze';
import { hoverAt } from '../../server/src/engine/hover';
import { parseCacheSize } from '../../server/src/sql';
import { MemoryHost } from '../helpers/rule-tester';

let n = 0;
function project(files: Record<string, string>) {
  const root = path.resolve('/history', `p${++n}`);
  const host = new MemoryHost() as MemoryHost & { rev: number; revision(): number };
  host.rev = 0;
  host.revision = () => host.rev;
  for (const [p, t] of Object.entries(files)) host.files.set(path.join(root, p), t);
  const engine = new Engine(host);
  const uri = (p: string) => pathToUri(path.join(root, p));
  const analyze = (p: string) => engine.analyze(uri(p), host.files.get(path.join(root, p))!, 'sql');
  const rules = async (p: string) => (await analyze(p)).findings.map((f) => f.rule).sort();
  const edit = (p: string, text: string) => {
    host.files.set(path.join(root, p), text);
    host.rev++;
  };
  return { host, engine, uri, analyze, rules, edit, root };
}

const M = (name: string) => `prisma/migrations/${name}/migration.sql`;

describe('the migration history as one schema', () => {
  it('an FK indexed two migrations later gives no finding; removing that index brings it back', async () => {
    const p = project({
      [M('20240101000000_init')]: 'CREATE TABLE users (id bigint PRIMARY KEY, created_at timestamptz, updated_at timestamptz);\nCREATE TABLE posts (id bigint PRIMARY KEY, author_id bigint REFERENCES users (id) ON DELETE CASCADE, created_at timestamptz, updated_at timestamptz);\n',
      [M('20240102000000_other')]: 'ALTER TABLE users ADD COLUMN name text;\n',
      [M('20240103000000_index')]: 'CREATE INDEX CONCURRENTLY posts_author_id_idx ON posts (author_id);\n',
    });
    assert.ok(!(await p.rules(M('20240101000000_init'))).includes('fk-missing-index'));
    p.edit(M('20240103000000_index'), 'SELECT 1;\n');
    assert.ok((await p.rules(M('20240101000000_init'))).includes('fk-missing-index'));
    assert.ok(p.engine.dependents(p.uri(M('20240103000000_index'))).includes(p.uri(M('20240101000000_init'))), 'the first migration depends on the third');
  });

  it('a timestamp column altered to timestamptz later gives no prefer-timestamptz finding', async () => {
    const p = project({
      [M('20240101000000_init')]: 'CREATE TABLE events (id bigint PRIMARY KEY, at timestamp);\n',
      [M('20240102000000_fix')]: 'ALTER TABLE events ALTER COLUMN at TYPE timestamptz;\n',
    });
    assert.ok(!(await p.rules(M('20240101000000_init'))).includes('prefer-timestamptz'));
    // The later migration is flagged for its own risk (a rewrite), not for the design.
    assert.ok((await p.rules(M('20240102000000_fix'))).includes('change-column-type'));
  });

  it('existing table = created in an earlier migration: CONCURRENTLY only asked for there', async () => {
    const p = project({
      [M('20240101000000_init')]: 'CREATE TABLE t (id bigint PRIMARY KEY, x int);\nCREATE INDEX t_x_idx ON t (x);\n',
      [M('20240102000000_idx')]: 'DROP INDEX t_x_idx;\n',
    });
    assert.ok(!(await p.rules(M('20240101000000_init'))).includes('require-concurrent-index'));
    assert.ok((await p.rules(M('20240102000000_idx'))).includes('require-concurrent-drop-index'));
  });

  it('down migrations are not replayed: a down file dropping a table leaves it in the history', async () => {
    const p = project({
      'db/1_init.up.sql': 'CREATE TABLE t (id bigint PRIMARY KEY, created_at timestamptz, updated_at timestamptz);\n',
      'db/1_init.down.sql': 'DROP TABLE t;\n',
      'db/2_more.up.sql': 'ALTER TABLE t ADD COLUMN at timestamp;\n',
      'db/2_more.down.sql': 'ALTER TABLE t DROP COLUMN at;\n',
    });
    const a = await p.analyze('db/2_more.up.sql');
    assert.ok(a.unit.schema.tables.get('t')?.columns.some((c) => c.name === 'at'));
    // The down file gets no design finding and no drop-column warning: reverting is its job.
    assert.deepEqual(await p.rules('db/2_more.down.sql'), []);
  });

  it('goose Down sections are not replayed', async () => {
    const p = project({ 'm/00001_a.sql': '-- +goose Up\nCREATE TABLE t (id bigint PRIMARY KEY);\n-- +goose Down\nDROP TABLE t;\n' });
    const a = await p.analyze('m/00001_a.sql');
    assert.ok(a.unit.schema.tables.has('t'));
  });

  it('hover on a table name shows it as of that statement, and where it was created', async () => {
    const p = project({
      [M('20240101000000_init')]: 'CREATE TABLE users (id bigint PRIMARY KEY);\n',
      [M('20240102000000_email')]: 'ALTER TABLE users ADD COLUMN email text;\nALTER TABLE users ADD COLUMN name text;\n',
    });
    const a = await p.analyze(M('20240102000000_email'));
    const first = hoverAt(a, a.text.indexOf('users'));
    assert.ok(first);
    assert.match(first.markdown, /email/);
    assert.doesNotMatch(first.markdown.split('Lock')[0], /\| name \|/, 'the second column is not there yet at the first statement');
    assert.match(first.markdown, /Created in `20240101000000_init\/migration\.sql` line 1/);
    assert.match(first.markdown, /ACCESS EXCLUSIVE/, 'the statement hover says which lock it takes');
    const col = hoverAt(a, a.text.indexOf('email'));
    assert.match(col?.markdown ?? '', /\*\*Column\*\* `users\.email`/);
  });

  it('in a long migration, a table hover at each statement shows the columns added up to it, in any order of hovers', async () => {
    const adds = 100;
    const lines = Array.from({ length: adds }, (_, i) => `ALTER TABLE users ADD COLUMN c${i} text;`);
    const p = project({
      [M('20240101000000_init')]: 'CREATE TABLE users (id bigint PRIMARY KEY);\n',
      [M('20240102000000_many')]: lines.join('\n') + '\n',
    });
    const a = await p.analyze(M('20240102000000_many'));
    // Far statements first, then near ones: each hover stands on its own.
    for (const i of [adds - 1, 0, 57, 31, 32, 33, 64, 1, 98, 63]) {
      const h = hoverAt(a, lines.slice(0, i).join('\n').length + (i > 0 ? 1 : 0) + 'ALTER TABLE '.length);
      const table = (h?.markdown ?? '').split('\n\n---\n\n')[0];
      assert.match(table, new RegExp(`\\bc${i}\\b`), `statement ${i} sees its own column`);
      if (i + 1 < adds) assert.doesNotMatch(table, new RegExp(`\\bc${i + 1}\\b`), `statement ${i} does not see the next column`);
    }
  });

  it('opening migration 300 of 400 re-parses nothing but that file, on every keystroke', async () => {
    const files: Record<string, string> = {};
    for (let i = 0; i < 400; i++) files[M(`2024${String(i).padStart(10, '0')}_m${i}`)] = `CREATE TABLE t${i} (id bigint PRIMARY KEY, ref bigint REFERENCES t${Math.max(0, i - 1)} (id));\nCREATE INDEX t${i}_ref_idx ON t${i} (ref);\n`;
    const p = project(files);
    const target = M(`2024${String(300).padStart(10, '0')}_m300`);
    await p.analyze(target);
    const before = parseCacheSize();
    for (let k = 0; k < 5; k++) {
      p.edit(target, `${files[target]}-- edit ${k}\nALTER TABLE t300 ADD COLUMN c${k} int;\n`);
      await p.analyze(target);
    }
    // A work counter, not a clock (keystroke time is measured by `npm run bench`): one new parse per edit.
    assert.ok(parseCacheSize() - before <= 5, `parsed ${parseCacheSize() - before} new statements`);
  });
});
