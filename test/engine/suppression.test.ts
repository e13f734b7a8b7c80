import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { applyEdits } from '../../server/src/engine/edits';
import { suppressionFixes } from '../../server/src/engine/suppression';
import { LineIndex } from '../../server/src/model/text';
import { prepare } from '../helpers/rule-tester';

const TABLES = 'CREATE TABLE users (id bigint PRIMARY KEY);\n';

async function lint(code: string, language: 'sql' | 'prisma' = 'sql') {
  const p = prepare({ language, code });
  return { p, a: await p.engine.analyze(p.uri, p.text, p.language) };
}

/** The rules these cases exercise; other rules' findings on the same SQL are not this test's business. */
const UNDER_TEST = new Set(['fk-missing-index', 'prefer-timestamptz', 'unused-suppression', 'syntax-error']);
const rules = (a: { findings: { rule: string }[] }) => a.findings.map((f) => f.rule).filter((r) => UNDER_TEST.has(r)).sort();

describe('suppression comments', () => {
  it('disable-next-line hides only the named rule on the next line, and a reason may follow --', async () => {
    const { a } = await lint(
      TABLES +
        'CREATE TABLE posts (\n  id bigint PRIMARY KEY,\n  -- db-design-disable-next-line fk-missing-index -- tiny table\n  author_id bigint REFERENCES users (id),\n  at timestamp\n);\n',
    );
    assert.deepEqual(rules(a), ['prefer-timestamptz']);
  });

  it('takes several ids, and disable-file covers the whole file', async () => {
    const both = await lint(
      TABLES + '-- db-design-disable-next-line fk-missing-index, prefer-timestamptz\nCREATE TABLE posts (id bigint PRIMARY KEY, author_id bigint REFERENCES users (id), at timestamp);\n',
    );
    assert.deepEqual(rules(both.a), []);
    const file = await lint('-- db-design-disable-file prefer-timestamptz\n' + TABLES + 'CREATE TABLE a (id bigint PRIMARY KEY, x timestamp);\nCREATE TABLE b (id bigint PRIMARY KEY, y timestamp);\n');
    assert.deepEqual(rules(file.a), []);
  });

  it('works with // in Prisma schemas', async () => {
    const { a } = await lint(
      'datasource db {\n  provider = "postgresql"\n}\nmodel E {\n  id Int @id\n  // db-design-disable-next-line prefer-timestamptz\n  at DateTime\n}\n',
      'prisma',
    );
    assert.deepEqual(rules(a), []);
  });

  it('reports a suppression that hides nothing, with a fix that removes it', async () => {
    const { p, a } = await lint(TABLES + '-- db-design-disable-next-line prefer-timestamptz\nCREATE TABLE t (id bigint PRIMARY KEY, at timestamptz);\n');
    const unused = a.findings.find((f) => f.rule === 'unused-suppression');
    assert.ok(unused, JSON.stringify(a.findings));
    assert.deepEqual(unused.tags, ['unnecessary']);
    const fixed = applyEdits(p.text, unused.fixes[0].edits);
    assert.equal(fixed, TABLES + 'CREATE TABLE t (id bigint PRIMARY KEY, at timestamptz);\n');
  });

  it('reports the unused id of a partly used suppression and keeps the used one', async () => {
    const { p, a } = await lint(TABLES + '-- db-design-disable-next-line prefer-timestamptz, fk-missing-index\nCREATE TABLE t (id bigint PRIMARY KEY, at timestamp);\n');
    const unused = a.findings.find((f) => f.rule === 'unused-suppression')!;
    assert.match(unused.message, /fk-missing-index/);
    assert.equal(applyEdits(p.text, unused.fixes[0].edits).split('\n')[1], '-- db-design-disable-next-line prefer-timestamptz');
  });

  it('"disable for this line" and "for this file" fixes make the finding go away and keep the file valid', async () => {
    for (const [language, code] of [
      ['sql', TABLES + 'CREATE TABLE posts (\n  id bigint PRIMARY KEY,\n  author_id bigint REFERENCES users (id)\n);\n'],
      ['prisma', 'datasource db {\n  provider = "postgresql"\n}\nmodel U {\n  id Int @id\n  ps P[]\n}\nmodel P {\n  id  Int @id\n  uId Int\n  u   U   @relation(fields: [uId], references: [id])\n}\n'],
    ] as const) {
      const { p, a } = await lint(code, language);
      const finding = a.findings.find((f) => f.rule === 'fk-missing-index')!;
      assert.ok(finding, `${language}: no finding`);
      for (const fix of suppressionFixes(finding, p.text, language, new LineIndex(p.text))) {
        const fixed = applyEdits(p.text, fix.edits);
        const after = await p.engine.analyze(p.uri, fixed, language);
        assert.deepEqual(rules(after), [], `${language} "${fix.title}" left: ${rules(after).join(', ')}`);
      }
    }
  });

  it('"disable for this line" extends a directive already on the line above', async () => {
    const { p, a } = await lint(TABLES + 'CREATE TABLE posts (\n  id bigint PRIMARY KEY,\n  -- db-design-disable-next-line prefer-timestamptz\n  author_id bigint REFERENCES users (id), at timestamp\n);\n');
    const fk = a.findings.find((f) => f.rule === 'fk-missing-index')!;
    const [line] = suppressionFixes(fk, p.text, 'sql', new LineIndex(p.text));
    const fixed = applyEdits(p.text, line.edits);
    assert.match(fixed, /-- db-design-disable-next-line prefer-timestamptz, fk-missing-index\n/);
    assert.deepEqual(rules(await p.engine.analyze(p.uri, fixed, 'sql')), []);
  });
});
