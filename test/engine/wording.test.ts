/**
 * Small wording defects a user reported, each pinned: articles before names, a self-referencing
 * foreign key's lock, several locks in one hover.
 */
import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import { article } from '../../server/src/model/text';
import { ensureSqlParser, parseStatement, splitStatements } from '../../server/src/sql';
import { StatementView } from '../../server/src/sql/statements';
import { lockEffects, lockMarkdown } from '../../server/src/model/locks';
import { prepare } from '../helpers/rule-tester';

before(() => ensureSqlParser());

async function messages(c: Parameters<typeof prepare>[0], rule: string): Promise<string[]> {
  const p = prepare(c);
  const a = await p.engine.analyze(p.uri, p.text, p.language);
  return a.findings.filter((f) => f.rule === rule).map((f) => f.message);
}

describe('wording', () => {
  it('a or an, as the word is read', () => {
    assert.deepEqual(['Author', 'User', 'order', 'user', 'unique', 'Item', 'ACCESS EXCLUSIVE', 'SHARE', 'EXCLUSIVE', 'ROW EXCLUSIVE', 'hour', 'uuid'].map(article), [
      'an', 'a', 'an', 'a', 'a', 'an', 'an', 'a', 'an', 'a', 'an', 'a',
    ]);
  });

  it('fk-on-delete says "deleting an Author row"', async () => {
    const ms = await messages(
      {
        language: 'prisma',
        code: 'datasource db {\n  provider = "postgresql"\n  url = env("DATABASE_URL")\n}\n\nmodel Author {\n  id Int @id\n  books Book[]\n}\n\nmodel Book {\n  id Int @id\n  authorId Int\n  author Author @relation(fields: [authorId], references: [id])\n\n  @@index([authorId])\n}\n',
      },
      'fk-on-delete',
    );
    assert.ok(ms.length);
    assert.ok(ms.every((m) => !/\ba Author\b/.test(m)), ms.join('\n'));
    assert.match(ms[0], /an Author row/);
  });

  it('a self-referencing foreign key locks its table once, not "t and t"', async () => {
    const ms = await messages(
      {
        language: 'sql',
        file: 'db/2_fk.up.sql',
        files: { 'db/1_init.up.sql': 'CREATE TABLE team (id bigint PRIMARY KEY, parent_id bigint);\n' },
        code: 'ALTER TABLE team ADD CONSTRAINT team_parent_fk FOREIGN KEY (parent_id) REFERENCES team (id);\n',
      },
      'constraint-missing-not-valid',
    );
    assert.equal(ms.length, 1);
    assert.doesNotMatch(ms[0], /team and team/);
    assert.match(ms[0], /lock on team, which blocks writes to it/);
  });

  it('two locks in one hover are two lines, not one run-on paragraph', () => {
    const sql = 'ALTER TABLE t ADD CONSTRAINT f FOREIGN KEY (p) REFERENCES p (id);';
    const st = parseStatement(sql, splitStatements(sql).statements[0])[0];
    const md = lockMarkdown(lockEffects(new StatementView(st, 'file:///x.sql').info, { pgVersion: 16, before: () => undefined }));
    const lockLines = md.split('\n').filter((l) => /^- `SHARE ROW EXCLUSIVE` on/.test(l));
    assert.equal(lockLines.length, 2, md);
    assert.doesNotMatch(md, /\*\*Lock:\*\*[^\n]*\n\*\*Lock:\*\*/);
  });
});
