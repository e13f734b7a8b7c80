/**
 * A keystroke inside a plain comment, or spaces between tokens, of a SQL file that is no migration is answered
 * by moving the last analysis (engine/shifted.ts). What it reports must be what a fresh engine reports for the same text:
 * findings, related places, fixes (less those that rewrite text around the edited comment) and hovers. And
 * it must refuse every edit that could change a finding: comments that are suppressions or runner markers,
 * line breaks, code, spaces inside a token, a string or a quoted name, migrations.
 */
import assert from 'node:assert/strict';
import { isDeepStrictEqual } from 'node:util';
import { before, describe, it } from 'node:test';
import { Engine, uriToPath, type FileAnalysis } from '../../server/src/engine/analyze';
import { hoverAt } from '../../server/src/engine/hover';
import { afterTriviaEdit } from '../../server/src/engine/shifted';
import type { Finding } from '../../server/src/model/findings';
import type { Span } from '../../server/src/model/text';
import { ensureSqlParser } from '../../server/src/sql';
import type { SqlUnit } from '../../server/src/workspace/unit';
import { prepare } from '../helpers/rule-tester';
import { random } from '../helpers/random';

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

/** Does a fix change text at or around [from, to] (an insertion exactly there included)? */
function touches(edits: readonly { span: Span }[], from: number, to: number): boolean {
  return edits.some((e) => e.span.start <= to && e.span.end >= from);
}

function chain(a: FileAnalysis): number {
  return a.shifted ? 1 + chain(a.shifted.base) : 0;
}

describe('an edit that changes no statement moves the last analysis', () => {
  it('reports, fixes and hovers what a fresh analysis reports, over random comment and space edits', async () => {
    const next = random(7);
    let text = dump(12);
    const file = standalone(text);
    let previous = await file.analysis(text);
    assert.equal((previous.unit as SqlUnit).set, undefined, 'a file on its own');
    assert.ok(previous.findings.some((f) => f.fixes.length), 'findings with fixes');
    const comments = () => [...text.matchAll(/-- [^\n]*/g)].map((m) => ({ start: m.index, end: m.index + m[0].length }));
    // Places between tokens with a space or line break beside them: line ends, before a `(`, after a `,`.
    const gaps = () => [...text.matchAll(/(?<=[,;)(]|\w)(?=\n)|(?<= )(?=\()|(?<=,)(?= )/g)].map((m) => m.index).filter((i) => !comments().some((c) => c.start <= i && i <= c.end));
    let moved = 0;
    /** The places edited since the last full analysis, in the current text. */
    let regions: { start: number; end: number }[] = [];
    for (let round = 0; round < 60; round++) {
      let edited: string;
      let at: number;
      let added: string;
      if (round % 2) {
        const list = comments();
        const c = list[Math.floor(next() * list.length)];
        // Half the time typed at the comment's end, as when writing it.
        at = next() < 0.5 ? c.end : c.start + 3 + Math.floor(next() * (c.end - c.start - 2));
        const removed = next() < 0.3 ? Math.min(c.end - at, 1 + Math.floor(next() * 3)) : 0;
        added = removed && next() < 0.5 ? '' : 'xy z;('.slice(0, 1 + Math.floor(next() * 5));
        edited = text.slice(0, at) + added + text.slice(at + removed);
      } else {
        const list = gaps();
        at = list[Math.floor(next() * list.length)];
        added = ' \t  '.slice(0, 1 + Math.floor(next() * 3));
        edited = text.slice(0, at) + added + text.slice(at);
      }
      const expected = await file.analysis(edited);
      const shifted = afterTriviaEdit(previous, edited);
      const delta = edited.length - text.length;
      if (!shifted) {
        // Moves from place to place chain; a long chain ends in a full analysis.
        assert.ok(chain(previous) >= 8, `round ${round}: an edit at ${at} (${JSON.stringify(text.slice(at - 10, at + 10))}) is answered by moving`);
        text = edited;
        previous = expected;
        regions = [];
        continue;
      }
      moved++;
      assert.deepEqual(shifted.findings.map(shape), expected.findings.map(shape), `round ${round}: findings`);
      // Fixes at or around any edit since the last full analysis are left out until the next one; every other is kept.
      regions = regions.map((r) => ({ start: r.start >= at ? r.start + delta : r.start, end: r.end >= at ? r.end + delta : r.end }));
      regions.push({ start: at, end: at + added.length });
      shifted.findings.forEach((f, i) => {
        const fresh = expected.findings[i].fixes;
        const where = `round ${round}: fixes of ${f.rule} at ${f.span.start}`;
        for (const fix of f.fixes) assert.ok(fresh.some((x) => isDeepStrictEqual(x, fix)), `${where}: ${fix.title} is a fix a fresh analysis offers`);
        for (const fix of fresh.filter((x) => !regions.some((r) => touches(x.edits, r.start, r.end)))) {
          assert.ok(f.fixes.some((x) => isDeepStrictEqual(x, fix)), `${where}: ${fix.title} is kept`);
        }
      });
      for (const word of ['t3 ', 't7_code_idx', 'char(4)', 'REFERENCES t10']) {
        const offset = edited.indexOf(word) + 1;
        assert.deepEqual(hoverAt(shifted, offset), hoverAt(expected, offset), `round ${round}: hover at ${word}`);
      }
      text = edited;
      previous = shifted;
    }
    assert.ok(moved >= 54, `${moved} of 60 edits moved`);
  });

  it('a space typed and taken back gives back the analysis it started from', async () => {
    const text = dump(3);
    const before = await standalone(text).analysis(text);
    const at = text.indexOf('(code);') + '(code);'.length;
    const typed = afterTriviaEdit(before, text.slice(0, at) + ' ' + text.slice(at));
    assert.ok(typed?.shifted);
    assert.equal(afterTriviaEdit(typed, text), before);
  });

  const refused: { name: string; edit: (t: string) => string }[] = [
    { name: 'a suppression typed into a comment', edit: (t) => t.replace('-- the key', '-- db-design-disable-line the key') },
    { name: 'a line break typed into a comment', edit: (t) => t.replace('-- by code', '-- by\ncode') },
    { name: 'a runner marker typed into a comment', edit: (t) => t.replace('-- table 3: its rows', '-- +goose Up') },
    { name: 'the comment marker itself changed', edit: (t) => t.replace('-- table 3: its rows', '--xtable 3: its rows') },
    { name: 'code edited', edit: (t) => t.replace('code char(4)', 'code char(5)') },
    { name: 'a comment and code edited at once', edit: (t) => t.replace('-- table 3: its rows\nCREATE TABLE t3', '-- table 3\nCREATE TABLE t33') },
    { name: 'a space that splits a word', edit: (t) => t.replace('code char(4)', 'code ch ar(4)') },
    { name: 'a space that splits an operator', edit: (t) => t.replace('CREATE TABLE t1 (', "CREATE TABLE t1 (\n  flag boolean DEFAULT 1 < = 2,") },
    { name: 'a space deleted between two words', edit: (t) => t.replace('code char(4)', 'codechar(4)') },
    { name: 'a space typed inside a string', edit: (t) => t.replace("'table 2 '", "'table  2 '") },
    { name: 'a space typed inside a quoted name', edit: (t) => t.replace('"Mixed Case"', '"Mixed  Case"') },
    { name: 'a space typed in a statement the parser rejects', edit: (t) => t.replace('SELECT * FROM FROM t2;', 'SELECT * FROM FROM  t2;') },
    { name: 'a space typed in a psql command', edit: (t) => t.replace('\\set ON_ERROR_STOP on', '\\set ON_ERROR_STOP  on') },
    { name: 'a space typed in a block comment', edit: (t) => t.replace('/* a block */', '/* a  block */') },
  ];
  for (const r of refused) {
    it(`refuses ${r.name}`, async () => {
      const text = `\\set ON_ERROR_STOP on\n${dump(4)}COMMENT ON TABLE t2 IS 'table 2 ';\nCREATE TABLE "Mixed Case" (id bigint PRIMARY KEY);\n/* a block */\nSELECT * FROM FROM t2;\n`;
      const previous = await standalone(text).analysis(text);
      const edited = r.edit(text);
      assert.notEqual(edited, text);
      assert.equal(afterTriviaEdit(previous, edited), undefined);
    });
  }

  it('refuses an edit in a comment that is a suppression', async () => {
    const text = dump(3).replace('-- the key', '-- db-design-disable-line prefer-identity');
    const previous = await standalone(text).analysis(text);
    assert.equal(afterTriviaEdit(previous, text.replace('prefer-identity', 'prefer-identit')), undefined);
  });

  it('refuses a migration: its runner may read the comment', async () => {
    const p = prepare({ language: 'sql', code: dump(2), file: 'migrations/0001_init.sql', files: { 'migrations/0002_more.sql': 'CREATE TABLE more (id bigint PRIMARY KEY);\n' } });
    const previous = await p.engine.analyze(p.uri, p.text, 'sql');
    assert.ok((previous.unit as SqlUnit).set, 'in a migration set');
    assert.equal(afterTriviaEdit(previous, p.text.replace('-- the key', '-- the keys')), undefined);
  });
});
