/**
 * An edit replays a file from the last state kept before its first changed statement (workspace/file-replay
 * resumeReplay), and keeps the parsed statements that did not move. What it reports must be exactly what
 * a fresh engine reports for the same text: findings, their fixes, and hovers. Also counted (not timed):
 * an edit near the end of a long file replays a few statements, not the file.
 */
import assert from 'node:assert/strict';
import * as path from 'node:path';
import { before, describe, it } from 'node:test';
import { Engine, pathToUri, type FileAnalysis } from '../../server/src/engine/analyze';
import { hoverAt } from '../../server/src/engine/hover';
import { ensureSqlParser } from '../../server/src/sql';
import { replayWork } from '../../server/src/workspace/file-replay';
import { MemoryHost } from '../helpers/memory-host';

before(() => ensureSqlParser());

/** A file of `n` tables, each changed by later statements: renames, drops, indexes, FKs to the one before. */
function dump(n: number): string {
  const out: string[] = ['SET lock_timeout = 0;'];
  for (let i = 0; i < n; i++) {
    out.push(
      `CREATE TABLE t${i} (id serial PRIMARY KEY, parent_id integer${i ? ` REFERENCES t${i - 1}` : ''}, code char(4), name text NOT NULL);`,
      `CREATE INDEX t${i}_name_idx ON t${i} (name);`,
      `ALTER TABLE t${i} ADD COLUMN note varchar(20), ALTER COLUMN code TYPE text;`,
      i % 3 === 0 ? `ALTER TABLE t${i} RENAME COLUMN note TO remark;` : `ALTER INDEX t${i}_name_idx RENAME TO t${i}_by_name;`,
      i % 5 === 4 ? `DROP TABLE t${i - 2} CASCADE;` : `COMMENT ON TABLE t${i} IS 'table ${i}';`,
      `DO $$ BEGIN CREATE TYPE mood${i} AS ENUM ('a'); EXCEPTION WHEN duplicate_object THEN null; END $$;`,
    );
  }
  return out.join('\n') + '\n';
}

/** Findings as plain data, fixes rendered. */
function plain(a: FileAnalysis): string {
  return JSON.stringify(a.findings.map((f) => ({ rule: f.rule, severity: f.severity, message: f.message, span: f.span, fixes: f.fixes })));
}

const edits: { name: string; edit: (text: string) => string }[] = [
  { name: 'a comment typed near the end', edit: (t) => t.replace(/(COMMENT ON TABLE t38 IS 'table 38';)/, '$1 -- note') },
  { name: 'a column renamed in the middle', edit: (t) => t.replace('CREATE TABLE t20 (id serial PRIMARY KEY, parent_id integer REFERENCES t19, code', 'CREATE TABLE t20 (id serial PRIMARY KEY, parent_id integer REFERENCES t19, kode') },
  { name: 'a statement broken half-typed', edit: (t) => t.replace('CREATE INDEX t25_name_idx ON t25 (name);', 'CREATE INDEX t25_name_idx ON t25 (nam') },
  { name: 'a table dropped early', edit: (t) => t.replace("COMMENT ON TABLE t2 IS 'table 2';", 'DROP TABLE t1 CASCADE;') },
  { name: 'a character replaced in place (nothing moves)', edit: (t) => t.replace("IS 'table 30'", "IS 'table 3X'") },
  { name: 'a new statement inserted at the start', edit: (t) => 'CREATE TABLE first (id bigint PRIMARY KEY);\n' + t },
  { name: 'everything after the middle deleted', edit: (t) => t.slice(0, t.indexOf('CREATE TABLE t21 ')) },
];

describe('an edit resumes the replay and reports what a fresh analysis reports', () => {
  for (const mode of ['a file on its own', 'a migration of a history'] as const) {
    it(mode, async () => {
      const host = new MemoryHost() as MemoryHost & { revision(): number };
      let rev = 0;
      host.revision = () => rev;
      const root = path.resolve('/resume', mode === 'a file on its own' ? 'plain' : 'history');
      const file =
        mode === 'a file on its own' ? path.join(root, 'dump.sql') : path.join(root, 'prisma', 'migrations', '20240102000000_big', 'migration.sql');
      if (mode === 'a migration of a history') {
        host.files.set(path.join(root, 'prisma', 'migrations', 'migration_lock.toml'), 'provider = "postgresql"\n');
        host.files.set(path.join(root, 'prisma', 'migrations', '20240101000000_init', 'migration.sql'), 'CREATE TABLE base (id bigint PRIMARY KEY);\n');
        host.files.set(path.join(root, 'prisma', 'migrations', '20240103000000_after', 'migration.sql'), 'ALTER TABLE t39 ADD COLUMN later text;\n');
      }
      const original = dump(40);
      host.files.set(file, original);
      const uri = pathToUri(file);
      const editing = new Engine(host);
      await editing.analyze(uri, original, 'sql');
      for (const e of edits) {
        const text = e.edit(original);
        assert.notEqual(text, original, e.name);
        // The editor's engine saw the original text last: this analysis resumes from it.
        const resumed = await editing.analyze(uri, text, 'sql');
        const fresh = await new Engine(host).analyze(uri, text, 'sql');
        assert.equal(plain(resumed), plain(fresh), e.name);
        for (const word of ['t19', 't30', 'remark', 'CREATE INDEX t33', 'ALTER TABLE t37']) {
          const at = text.lastIndexOf(word) + 1;
          assert.deepEqual(hoverAt(resumed, at), hoverAt(fresh, at), `${e.name}: hover on ${word}`);
        }
        // Back to the original before the next edit, resumed too.
        assert.equal(plain(await editing.analyze(uri, original, 'sql')), plain(await new Engine(host).analyze(uri, original, 'sql')), `${e.name}, undone`);
        rev++;
      }
    });
  }

  it('random edits, one after another (the same random sequence every run): each resumed analysis reports and hovers what a fresh one does', async () => {
    let state = 20261207;
    const rnd = () => ((state = (state * 1103515245 + 12345) & 0x7fffffff) / 0x7fffffff);
    const pieces = [';', "'", '$$', '--', ' ', '\n', 'x', 'CREATE TABLE zz (id int);\n', '/*', '*/', '(', ')', 'DROP TABLE ', 'ALTER TABLE t3 '];
    const host = new MemoryHost();
    const file = path.resolve('/resume/random/dump.sql');
    let text = dump(60);
    host.files.set(file, text);
    const uri = pathToUri(file);
    const editing = new Engine(host);
    await editing.analyze(uri, text, 'sql');
    for (let i = 0; i < 80; i++) {
      const at = Math.floor(rnd() * text.length);
      text = rnd() < 0.3 ? text.slice(0, at) + text.slice(at + Math.floor(rnd() * 40)) : text.slice(0, at) + pieces[Math.floor(rnd() * pieces.length)] + text.slice(at);
      const resumed = await editing.analyze(uri, text, 'sql');
      const fresh = await new Engine(host).analyze(uri, text, 'sql');
      assert.equal(plain(resumed), plain(fresh), `edit ${i}`);
      const where = Math.floor(rnd() * text.length);
      assert.deepEqual(hoverAt(resumed, where), hoverAt(fresh, where), `edit ${i}: hover at ${where}`);
    }
  });

  it('an edit near the end of a long file replays the statements after the last kept state, not the file', async () => {
    const host = new MemoryHost();
    const file = path.resolve('/resume/count/dump.sql');
    const text = dump(400);
    host.files.set(file, text);
    const uri = pathToUri(file);
    const engine = new Engine(host);
    const before = replayWork.statementsApplied;
    await engine.analyze(uri, text, 'sql');
    const whole = replayWork.statementsApplied - before;
    const edited = text.replace("COMMENT ON TABLE t398 IS 'table 398';", "COMMENT ON TABLE t398 IS 'table 398, edited';");
    const mid = replayWork.statementsApplied;
    await engine.analyze(uri, edited, 'sql');
    const again = replayWork.statementsApplied - mid;
    assert.ok(whole > 2000, `${whole} statements in the whole file`);
    assert.ok(again <= whole / 16, `the edit replayed ${again} of ${whole} statements`);
  });
});
