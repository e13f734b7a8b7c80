/**
 * The hover on a finding: what and why, what to do with this project's runner, a link to the rule's
 * page; short (the rule cases bound every finding's hover, see the rule tester).
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { firstSentence, HOVER_WORD_LIMIT, hoverWords } from '../../server/src/engine/finding-hover';
import { hoverAt } from '../../server/src/engine/hover';
import { prepare } from '../helpers/rule-tester';

async function hoverOn(c: Parameters<typeof prepare>[0], rule: string) {
  const p = prepare(c);
  const analysis = await p.engine.analyze(p.uri, p.text, p.language);
  const f = analysis.findings.find((x) => x.rule === rule);
  assert.ok(f, `no ${rule} finding: ${analysis.findings.map((x) => x.rule).join(', ')}`);
  const h = hoverAt(analysis, f.span.start + 1);
  assert.ok(h);
  return h.markdown;
}

describe('finding hovers', () => {
  it('on a Diesel project, CONCURRENTLY in a migration names metadata.toml, not the other runners', async () => {
    const md = await hoverOn(
      {
        language: 'sql',
        file: 'migrations/2024-01-02-000000_idx/up.sql',
        files: {
          'migrations/2024-01-01-000000_init/up.sql': 'CREATE TABLE t (id bigint PRIMARY KEY, x int);\n',
          'migrations/2024-01-01-000000_init/down.sql': 'DROP TABLE t;\n',
          'migrations/2024-01-02-000000_idx/down.sql': 'DROP INDEX t_x;\n',
        },
        code: 'CREATE INDEX CONCURRENTLY t_x ON t (x);\n',
      },
      'concurrently-in-transaction',
    );
    assert.match(md, /metadata\.toml/);
    assert.match(md, /run_in_transaction = false/);
    assert.doesNotMatch(md, /goose|dbmate|Flyway|golang-migrate|Drizzle/);
    assert.ok(hoverWords(md) <= HOVER_WORD_LIMIT);
  });

  it('on a Prisma finding: no table summary, no list of related rules, a link to the rule page', async () => {
    const md = await hoverOn(
      {
        language: 'prisma',
        code: 'datasource db {\n  provider = "postgresql"\n  url = env("DATABASE_URL")\n}\n\nmodel Post {\n  id Int @id\n  authorId Int\n  author User @relation(fields: [authorId], references: [id])\n}\n\nmodel User {\n  id Int @id\n  posts Post[]\n}\n',
      },
      'fk-missing-index',
    );
    assert.match(md, /\[fk-missing-index\]\([^)]*fk-missing-index\.md\)/);
    assert.doesNotMatch(md, /\| column \| type \|/);
    assert.doesNotMatch(md, /^Rules:/m);
    assert.ok(hoverWords(md) <= HOVER_WORD_LIMIT, md);
  });

  it('counts words outside code blocks and link targets', () => {
    assert.equal(hoverWords('Two words\n```sql\nCREATE INDEX a ON b (c);\n```\n[link](https://x.y/z w)'), 3);
  });

  it('cuts the first sentence outside code and abbreviations', () => {
    assert.equal(firstSentence('Wrap it in `BEGIN; ... COMMIT;`. Then more.'), 'Wrap it in `BEGIN; ... COMMIT;`.');
    assert.equal(firstSentence('Use a partial one, e.g. `WHERE x`. Then.'), 'Use a partial one, e.g. `WHERE x`.');
    assert.equal(firstSentence('No stop at all'), 'No stop at all');
  });
});
