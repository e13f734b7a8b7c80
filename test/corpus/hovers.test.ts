/**
 * Hovers on real projects read at a glance: every finding's hover in a sample of ../shared/corpus
 * (whole Prisma schemas and the latest migrations of SQL projects with different runners) stays
 * within the word limit the rule cases are held to.
 */
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { Engine, languageOf, pathToUri } from '../../server/src/engine/analyze';
import { HOVER_WORD_LIMIT, hoverWords } from '../../server/src/engine/finding-hover';
import { hoverAt } from '../../server/src/engine/hover';
import { corpusRoot, NO_CORPUS, walk } from '../helpers/paths';
import { disk } from '../helpers/prisma-corpus';

/** Projects of the sample: Prisma schemas whole, SQL projects by their latest migrations. */
const PRISMA = ['taxonomy', 'epic-stack', 'rallly', 'documenso', 'formbricks'];
const SQL = ['lemmy', 'atuin', 'hatchet', 'logto', 'authelia', 'vaultwarden', 'unleash'];
const LATEST = 6;

function sample(): string[] {
  const files: string[] = [];
  for (const p of PRISMA) {
    const dir = path.join(corpusRoot!, 'prisma', p);
    if (fs.existsSync(dir)) files.push(...walk(dir, (f) => f.endsWith('.prisma')));
  }
  for (const p of SQL) {
    const dir = path.join(corpusRoot!, 'sql', p);
    if (fs.existsSync(dir)) files.push(...walk(dir, (f) => languageOf(f) === 'sql' && !/down\.sql$/.test(f)).slice(-LATEST));
  }
  return files;
}

describe('hovers on a corpus sample', () => {
  it(`every finding's hover has at most ${HOVER_WORD_LIMIT} words`, async (t) => {
    if (!corpusRoot) return t.skip(NO_CORPUS);
    const engine = new Engine(disk);
    const long: string[] = [];
    let hovers = 0;
    for (const file of sample()) {
      const text = fs.readFileSync(file, 'utf8');
      const a = await engine.analyze(pathToUri(file), text, languageOf(file)!);
      for (const f of a.findings) {
        const h = hoverAt(a, f.span.start);
        assert.ok(h, `no hover on ${f.rule} in ${file}`);
        hovers++;
        const n = hoverWords(h.markdown);
        if (n > HOVER_WORD_LIMIT) long.push(`${path.relative(corpusRoot!, file)} ${f.rule}: ${n} words\n${h.markdown}`);
      }
    }
    assert.ok(hovers > 50, `only ${hovers} hovers in the sample`);
    assert.deepEqual(long, []);
  });
});
