/**
 * sql/lex.ts against the real scanner (libpg-query's `scanSync`, comments left out): the same tokens,
 * start, end and text, on statements written to reach each lexing rule, and on every statement of the
 * shared corpus that the parser accepts. Where the lexer gives up, the caller asks the real scanner: the
 * statements it must give up on are listed too.
 */
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import { before, test } from 'node:test';
import { parseSync, scanSync } from 'libpg-query';
import { lexStatement } from '../../server/src/sql/lex';
import { ensureSqlParser, splitStatements } from '../../server/src/sql';
import { corpusRoot, NO_CORPUS, walk } from '../helpers/paths';

before(() => ensureSqlParser());

function real(text: string): string[] {
  return (scanSync(text).tokens ?? []).filter((t) => t.tokenName !== 'SQL_COMMENT' && t.tokenName !== 'C_COMMENT').map((t) => `${t.start}-${t.end} ${t.text}`);
}

function lexed(text: string): string[] | undefined {
  return lexStatement(text)?.map((t) => `${t.start}-${t.end} ${t.text}`);
}

const STATEMENTS = [
  'CREATE TABLE "Order" (id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY, "a""b" text NOT NULL DEFAULT \'x\'\'y\');',
  "SELECT E'a\\'b', e'\\\\', 'it''s', $$ body; $$, $fn$ SELECT 'x'; $fn$, $1, $23 FROM t;",
  'SELECT 1, 1.5, .5, 1., 1e10, 1.5E-3, 2e+4, 0x1F, 0o17, 0b101, 0x_1f, 1_000_000, 3.141_592;',
  'SELECT a<=b, a>=b, a<>b, a!=b, a->>\'k\', a#>>\'{x}\', a @> b, a <@ b, a || b, a ~* b, a !~~* b, -1, a+-b, a*-b, a--b\n, a=-b, a-/* c */-b;',
  "SELECT x::int, y :: text, arr[1:2], f(a => 1), f(b := 2), @-1, |/ 25, ||/ 27, 5 % -2, a %- b, a ?- b, a ?-| b FROM s.t AS t2;",
  'CREATE INDEX CONCURRENTLY IF NOT EXISTS ix ON s.t USING gin (doc jsonb_path_ops) WHERE (doc ? \'k\') AND deleted_at IS NULL;',
  '/* lead /* nested */ still */ ALTER TABLE t -- trailing\n  ADD COLUMN c numeric(10, 2)[] DEFAULT 0 CHECK (c >= 0);',
  "DO $$ BEGIN RAISE NOTICE 'x'; END $$;",
  'SELECT a.b.c, t.*, count(*) FILTER (WHERE x) OVER (PARTITION BY y) FROM t WHERE a = ANY($1::int[]);',
  'INSERT INTO t (a, b) VALUES (1, \'two\'), (3, E\'\\n\') ON CONFLICT (a) DO UPDATE SET b = EXCLUDED.b RETURNING *;',
  'SELECT 1\r\n\t FROM\fx;',
];

test('the lexer gives the real scanner\'s tokens on statements that reach each rule', () => {
  for (const text of STATEMENTS) {
    parseSync(text);
    const mine = lexed(text);
    assert.ok(mine, `lexed: ${text}`);
    assert.deepEqual(mine, real(text), text);
  }
});

test('the lexer gives up where it does not follow the real scanner token for token', () => {
  for (const text of [
    "SELECT 'a'\n  'b';", // a string continued on the next line is one token
    "SELECT 'a' -- c\n'b';",
    "SELECT N'x', 1;",
    "SELECT B'101';",
    "SELECT X'1f';",
    "SELECT U&'d\\0061t';",
    'SELECT U&"d\\0061t";',
    "SELECT 'café';", // not ASCII: UTF-8 offsets differ from the text's
    'SELECT 1..2;',
    "SELECT 'unterminated;",
  ]) {
    assert.equal(lexStatement(text), undefined, text);
  }
});

test('every statement of the corpus that the parser accepts: the real scanner\'s tokens, or a give-up', (t) => {
  if (!corpusRoot) return t.skip(NO_CORPUS);
  let compared = 0;
  let gaveUp = 0;
  for (const file of walk(corpusRoot, (f) => /\.sql$/i.test(f))) {
    const text = fs.readFileSync(file, 'utf8');
    for (const s of splitStatements(text).statements) {
      const st = text.slice(s.span.start, s.span.end);
      try {
        parseSync(st);
      } catch {
        continue;
      }
      const mine = lexed(st);
      if (!mine) {
        gaveUp++;
        continue;
      }
      compared++;
      assert.deepEqual(mine, real(st), `${file}: ${st.slice(0, 200)}`);
    }
  }
  // Nearly all of them: the give-ups are the rare literals above and non-ASCII text.
  assert.ok(compared > 40_000 && gaveUp < compared / 100, `${compared} compared, ${gaveUp} left to the real scanner`);
});
