/**
 * A keystroke in a statement moves the statements after it: their readings are moved, not read again
 * (model/moved.ts). Whatever the engine then reports (findings, their places, their fixes) must be what a fresh
 * engine reports for the same text, over random edits that change statements above others.
 */
import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import { Engine, uriToPath, type FileAnalysis } from '../../server/src/engine/analyze';
import type { Finding } from '../../server/src/model/findings';
import { ensureSqlParser } from '../../server/src/sql';
import { parseCacheAsts, parseWork, releaseReadAsts } from '../../server/src/sql/parse';
import { prepare } from '../helpers/rule-tester';
import { random } from '../helpers/random';

before(() => {
  releaseReadAsts(true);
  return ensureSqlParser();
});

/** Tables, keys, indexes, alters and queries that draw findings with fixes. */
function schema(n: number): string {
  const out: string[] = [];
  for (let i = 0; i < n; i++) {
    out.push(
      `CREATE TABLE app.t${i} (\n  id serial PRIMARY KEY,\n  parent_id integer${i ? ` REFERENCES app.t${i - 1} (id)` : ''},\n  code char(4),\n  name varchar(40) NOT NULL,\n  created timestamp DEFAULT now()\n);`,
      `CREATE INDEX t${i}_code_idx ON app.t${i} (code);`,
      `ALTER TABLE app.t${i} ADD COLUMN flag boolean NOT NULL, ADD CONSTRAINT t${i}_name_len CHECK (char_length(name) > 0);`,
      `UPDATE app.t${i} SET flag = true;`,
      `SELECT * FROM app.t${i};`,
    );
  }
  return out.join('\n') + '\n';
}

function plain(f: Finding) {
  return { rule: f.rule, severity: f.severity, message: f.message, span: f.span, related: f.related, fixes: f.fixes.map((x) => ({ title: x.title, edits: x.edits })) };
}

describe('statements moved by an edit above them', () => {
  it('report what a fresh analysis reports, over random edits inside statements', async () => {
    const next = random(11);
    let text = schema(8);
    const p = prepare({ language: 'sql', code: text, file: 'schema.sql' });
    const path = uriToPath(p.uri)!;
    const engine = new Engine(p.host);
    const analyse = (e: Engine, t: string): Promise<FileAnalysis> => {
      p.host.files.set(path, t);
      return e.analyze(p.uri, t, 'sql');
    };
    await analyse(engine, text);
    let compared = 0;
    const inserts = ['x', '_id', ' integer', ',\n  extra text', ';\nSELECT 1;\n', ''];
    for (let k = 0; k < 24; k++) {
      // Somewhere in the first half: most statements come after the edit and move.
      const at = Math.floor(next() * (text.length / 2));
      const typed = inserts[Math.floor(next() * inserts.length)];
      text = typed ? text.slice(0, at) + typed + text.slice(at) : text.slice(0, at) + text.slice(at + 3);
      const kept = await analyse(engine, text);
      // A file of its own (the parse of a file is kept by its name): nothing of it was read before.
      const other = prepare({ language: 'sql', code: text, file: 'schema.sql' });
      const fresh = await new Engine(other.host).analyze(other.uri, other.text, 'sql');
      assert.equal(other.text, text);
      const json = (a: FileAnalysis, uri: string) => JSON.stringify(a.findings.map(plain)).split(uri).join('URI');
      assert.equal(json(kept, p.uri), json(fresh, other.uri), `after edit ${k} at ${at}: ${JSON.stringify(typed)}`);
      compared += kept.findings.length;
    }
    assert.ok(compared > 24 * 20, `${compared} findings compared`);
  });

  it('are not parsed again, and keep no AST', async () => {
    let text = schema(40);
    const p = prepare({ language: 'sql', code: text, file: 'asts.sql' });
    const engine = new Engine(p.host);
    await engine.analyze(p.uri, text, 'sql');
    const asts = parseCacheAsts();
    const { statements, reparsed } = parseWork;
    for (let k = 0; k < 5; k++) {
      const at = text.indexOf('  name varchar', text.length / 4) + '  name'.length;
      text = text.slice(0, at) + 'x' + text.slice(at);
      await engine.analyze(p.uri, text, 'sql');
    }
    // The statement typed in, once per keystroke: nothing else is parsed, the first time or again.
    assert.equal(parseWork.statements, statements + 5);
    assert.equal(parseWork.reparsed, reparsed);
    assert.ok(parseCacheAsts() <= asts, `${parseCacheAsts() - asts} more ASTs kept`);
  });
});
