/**
 * A keystroke inside a plain comment of a SQL file that is no migration is answered by moving the last
 * analysis (engine/shifted.ts). What it reports must be what a fresh engine reports for the same text:
 * findings, related places, fixes (less those that rewrite text around the edited comment) and hovers. And
 * it must refuse every edit that could change a finding: comments that are suppressions or runner markers,
 * line breaks, code, migrations.
 */
import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import { Engine, uriToPath, type FileAnalysis } from '../../server/src/engine/analyze';
import { hoverAt } from '../../server/src/engine/hover';
import { afterCommentEdit } from '../../server/src/engine/shifted';
import type { Finding } from '../../server/src/model/findings';
import type { Span } from '../../server/src/model/text';
import { ensureSqlParser } from '../../server/src/sql';
import type { SqlUnit } from '../../server/src/workspace/unit';
import { prepare } from '../helpers/rule-tester';

before(() => ensureSqlParser());

/** A dump with comments between statements, inside them and after code on a line; findings with fixes on every table. */
function dump(n: number): string {
  const out: string[] = ['-- a dump of the app schema', ''];
  for (let i = 0; i < n; i++) {
    out.push(
      `-- table ${i}: its rows`,
      `CREATE TABLE t${i} (`,
      `  id serial PRIMARY KEY, -- the key`,
      `  -- a column comment, inside the statement`,
      `  parent_id integer${i ? ` REFERENCES t${i - 1} (id)` : ''},`,
      `  code char(4),`,
      `  created timestamp`,
      `);`,
      `CREATE INDEX t${i}_code_idx ON t${i} (code); -- by code`,
      `SELECT * FROM t${i};`,
    );
  }
  return out.join('\n') + '\n';
}

/** The file in its own folder; `analysis(text)` is what a fresh engine reports for that text of it. */
function standalone(text: string) {
  const p = prepare({ language: 'sql', code: text, file: 'dump.sql' });
  return {
    analysis: (t: string): Promise<FileAnalysis> => {
      p.host.files.set(uriToPath(p.uri)!, t);
      return new Engine(p.host).analyze(p.uri, t, 'sql');
    },
  };
}

/** A finding as plain data, without its fixes. */
function shape(f: Finding) {
  return { rule: f.rule, severity: f.severity, message: f.message, span: f.span, related: f.related, advice: f.advice };
}

function touches(edits: readonly { span: Span }[], from: number, to: number): boolean {
  return edits.some((e) => e.span.start < to && e.span.end > from) || edits.some((e) => e.span.start > from && e.span.start < to);
}

function chain(a: FileAnalysis): number {
  return a.shifted ? 1 + chain(a.shifted.base) : 0;
}

/** A small deterministic generator, so a failure can be replayed. */
function random(seed: number): () => number {
  let s = seed;
  return () => ((s = (s * 1103515245 + 12345) % 2147483648) / 2147483648);
}

describe('an edit inside a plain comment moves the last analysis', () => {
  it('reports, fixes and hovers what a fresh analysis reports, over random comment edits', async () => {
    const next = random(7);
    let text = dump(12);
    const file = standalone(text);
    let previous = await file.analysis(text);
    assert.equal((previous.unit as SqlUnit).set, undefined, 'a file on its own');
    assert.ok(previous.findings.some((f) => f.fixes.length), 'findings with fixes');
    const comments = () => [...text.matchAll(/-- [^\n]*/g)].map((m) => ({ start: m.index, end: m.index + m[0].length }));
    let moved = 0;
    for (let round = 0; round < 40; round++) {
      const list = comments();
      const c = list[Math.floor(next() * list.length)];
      // Half the time typed at the comment's end, as when writing it.
      const at = next() < 0.5 ? c.end : c.start + 3 + Math.floor(next() * (c.end - c.start - 2));
      const removed = next() < 0.3 ? Math.min(c.end - at, 1 + Math.floor(next() * 3)) : 0;
      const added = removed && next() < 0.5 ? '' : 'xy z;('.slice(0, 1 + Math.floor(next() * 5));
      const edited = text.slice(0, at) + added + text.slice(at + removed);
      const expected = await file.analysis(edited);
      const shifted = afterCommentEdit(previous, edited);
      if (!shifted) {
        // Moves from comment to comment chain; a long chain ends in a full analysis.
        assert.ok(chain(previous) >= 8, `round ${round}: an edit at ${at} inside a comment is answered by moving`);
        text = edited;
        previous = expected;
        continue;
      }
      moved++;
      assert.deepEqual(shifted.findings.map(shape), expected.findings.map(shape), `round ${round}: findings`);
      const from = at;
      const to = at + added.length;
      shifted.findings.forEach((f, i) => {
        const kept = expected.findings[i].fixes.filter((x) => !touches(x.edits, from, to));
        assert.deepEqual(f.fixes, kept, `round ${round}: fixes of ${f.rule} at ${f.span.start}`);
      });
      for (const word of ['t3 ', 't7_code_idx', 'char(4)', 'REFERENCES t10']) {
        const offset = edited.indexOf(word) + 1;
        assert.deepEqual(hoverAt(shifted, offset), hoverAt(expected, offset), `round ${round}: hover at ${word}`);
      }
      text = edited;
      previous = shifted;
    }
    assert.ok(moved >= 36, `${moved} of 40 edits moved`);
  });

  const refused: { name: string; edit: (t: string) => string }[] = [
    { name: 'a suppression typed into a comment', edit: (t) => t.replace('-- the key', '-- db-design-disable-line the key') },
    { name: 'a line break typed into a comment', edit: (t) => t.replace('-- by code', '-- by\ncode') },
    { name: 'a runner marker typed into a comment', edit: (t) => t.replace('-- table 3: its rows', '-- +goose Up') },
    { name: 'the comment marker itself changed', edit: (t) => t.replace('-- table 3: its rows', '--xtable 3: its rows') },
    { name: 'code edited', edit: (t) => t.replace('code char(4)', 'code char(5)') },
    { name: 'a comment and code edited at once', edit: (t) => t.replace('-- table 3: its rows\nCREATE TABLE t3', '-- table 3\nCREATE TABLE t33') },
  ];
  for (const r of refused) {
    it(`refuses ${r.name}`, async () => {
      const text = dump(4);
      const previous = await standalone(text).analysis(text);
      const edited = r.edit(text);
      assert.notEqual(edited, text);
      assert.equal(afterCommentEdit(previous, edited), undefined);
    });
  }

  it('refuses an edit in a comment that is a suppression', async () => {
    const text = dump(3).replace('-- the key', '-- db-design-disable-line prefer-identity');
    const previous = await standalone(text).analysis(text);
    assert.equal(afterCommentEdit(previous, text.replace('prefer-identity', 'prefer-identit')), undefined);
  });

  it('refuses a migration: its runner may read the comment', async () => {
    const p = prepare({ language: 'sql', code: dump(2), file: 'migrations/0001_init.sql', files: { 'migrations/0002_more.sql': 'CREATE TABLE more (id bigint PRIMARY KEY);\n' } });
    const previous = await p.engine.analyze(p.uri, p.text, 'sql');
    assert.ok((previous.unit as SqlUnit).set, 'in a migration set');
    assert.equal(afterCommentEdit(previous, p.text.replace('-- the key', '-- the keys')), undefined);
  });
});
