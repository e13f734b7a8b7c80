/**
 * sql/code-patterns.ts reads a file's code chunk by chunk; the answer must be the one a reading of the whole text
 * gives (comments and literals cut out of the whole file, each pattern tested on all of it). Held to that whole
 * reading on texts written to put a chunk's end inside each thing that stays open across lines, on every SQL file
 * of the corpus, and on the same files after random edits (the memo then serves the chunks no edit touched).
 */
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import { test } from 'node:test';
import { codeOnly, CodePatterns } from '../../server/src/sql/code-patterns';
import { engineMarks } from '../../server/src/sql/dialect';
import { corpusRoot, NO_CORPUS, walk } from '../helpers/paths';
import { random } from '../helpers/random';

const PATTERNS = [/\bAUTO_INCREMENT\b/i, /^\s*PRAGMA\b/im, /::\s*(?:text|int)\b/i, /`[^`\r\n]+`/, /\bLANGUAGE\s+'?plpgsql\b/i, /\)\s*STRICT\s*(?:,|;|$)/im, /^[ \t]*\\(?:set|copy)\b/m, /\bsecret\b/i];

/** The whole-text reading: comments and literals of the whole file cut at once, each pattern tested once. */
function wholeMask(text: string): number {
  const code = codeOnly(text).text;
  return PATTERNS.reduce((m, re, i) => (re.test(code) ? m | (1 << i) : m), 0);
}

const CASES = [
  // A function body whose lines end with `;`: the `secret` in its string is no code.
  "CREATE FUNCTION f() RETURNS int AS $$\nBEGIN\n  PERFORM 'x';\n  RETURN 1;\nEND;\n$$ LANGUAGE plpgsql;\nSELECT 'secret';\n",
  // A block comment over several `;` lines, and a string that runs over them.
  '/* one;\n two;\n secret;\n*/ CREATE TABLE t (id int AUTO_INCREMENT);\n',
  "INSERT INTO t VALUES ('a;\nsecret;\nb');\nSELECT x::text;\n",
  // COPY data: quotes in it are data, not strings; the `secret` after it is code.
  "COPY t (a) FROM stdin;\nit's;\nx;\n\\.\nSELECT secret;\n",
  "COPY t (a) FROM stdin;\n'open;\n\\.\nSELECT 'secret';\n",
  // psql commands and a trailing chunk without a `;`.
  "\\set x 'a;'\nSELECT :'x';\n\\copy t from 'f;'\nPRAGMA foreign_keys = ON;\nCREATE TABLE s (a int) STRICT;\nSELECT secret",
  // An unclosed paren swallowing later `;` (the splitter's recovery), and dollar quotes with tags.
  "SELECT (1;\nSELECT secret;\nSELECT $t$ a;\n$$;\nsecret;\n$t$;\nSELECT `name`;\n",
  '\uFEFFSELECT 1;\r\n-- secret;\r\nSELECT 2::int;\r\n',
];

test('the chunked reading gives the whole-text answer where a chunk would end inside something open', () => {
  for (const text of CASES) {
    // A chunk may end at every `;` line end here: small texts would otherwise be one chunk.
    const chunked = new CodePatterns(PATTERNS, 1);
    assert.equal(chunked.mask(text), wholeMask(text), JSON.stringify(text));
    // Again, from the memo, and after typing at each place of the text.
    assert.equal(chunked.mask(text), wholeMask(text));
    for (let at = 0; at <= text.length; at++) {
      for (const typed of [';\n', "'", '*/', '$$', 'x']) {
        const edited = text.slice(0, at) + typed + text.slice(at);
        assert.equal(chunked.mask(edited), wholeMask(edited), JSON.stringify(edited));
      }
    }
  }
});

test('engine marks: a mark in a comment or a string is no mark; one in code after a function body is', () => {
  assert.deepEqual(engineMarks("-- AUTO_INCREMENT;\nSELECT 'ENGINE=InnoDB';\n"), []);
  const text = "CREATE FUNCTION f() RETURNS int AS $$\nBEGIN\n  RETURN 1;\nEND;\n$$ LANGUAGE plpgsql;\nCREATE TABLE t (id int AUTO_INCREMENT);\n";
  assert.deepEqual(
    engineMarks(text).map((m) => [m.engine, m.mark]),
    [
      ['mysql', 'AUTO_INCREMENT'],
      ['postgresql', 'PL/pgSQL'],
    ],
  );
});

test('corpus: every SQL file, and each after random edits, reads as the whole text does', (t) => {
  if (!corpusRoot) return t.skip(NO_CORPUS);
  const chunked = [new CodePatterns(PATTERNS), new CodePatterns(PATTERNS, 1)];
  const next = random(7);
  const pick = (n: number) => Math.floor(next() * n);
  let files = 0;
  for (const file of walk(corpusRoot, (f) => /\.sql$/i.test(f))) {
    const text = fs.readFileSync(file, 'utf8');
    for (const c of chunked) assert.equal(c.mask(text), wholeMask(text), file);
    files++;
    if (files % 10 !== 0 || text.length > 300_000) continue;
    for (let i = 0; i < 3; i++) {
      const at = pick(text.length + 1);
      const typed = ["'", '/*', '$$', ';\n', '--', 'x'][pick(6)];
      const edited = text.slice(0, at) + typed + text.slice(at);
      for (const c of chunked) assert.equal(c.mask(edited), wholeMask(edited), `${file} with ${JSON.stringify(typed)} at ${at}`);
    }
  }
  assert.ok(files > 8000, `${files} files`);
});
