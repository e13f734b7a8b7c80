/** The snippet expander against the VS Code snippet syntax it claims to support. */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { expandSnippet, SnippetSyntaxError } from './expand';

describe('expandSnippet', () => {
  it('tabstops take their placeholder default; later mentions mirror it; $0 is empty', () => {
    assert.equal(expandSnippet('CREATE TABLE ${1:t} (id int); CREATE INDEX ON $1 (id);$0'), 'CREATE TABLE t (id int); CREATE INDEX ON t (id);');
    assert.equal(expandSnippet('${1} and ${1:late default}'), 'late default and late default');
  });

  it('nested placeholders and choices (the first choice wins)', () => {
    assert.equal(expandSnippet('${1:a ${2:b} c} / $2'), 'a b c / b');
    assert.equal(expandSnippet('ON DELETE ${1|RESTRICT,CASCADE,SET NULL|}; $1'), 'ON DELETE RESTRICT; RESTRICT');
    assert.equal(expandSnippet('${1|a\\,b,c|}'), 'a,b');
  });

  it('variables: given values, defaults, else the name', () => {
    const variables = { TM_FILENAME_BASE: 'users' };
    assert.equal(expandSnippet('$TM_FILENAME_BASE ${TM_FILENAME_BASE} ${TM_SELECTED_TEXT:none} $UNKNOWN', { variables }), 'users users none UNKNOWN');
  });

  it('escapes and lone dollars stay text; bodies given as lines join with \\n', () => {
    assert.equal(expandSnippet('\\$1 costs \\} $ and $$ tags'), '$1 costs } $ and $$ tags');
    assert.equal(expandSnippet(['BEGIN;', '$0', 'COMMIT;']), 'BEGIN;\n\nCOMMIT;');
    assert.equal(expandSnippet('${1:a \\} b}'), 'a } b');
  });

  it('unsupported or broken syntax throws instead of expanding to something else', () => {
    assert.throws(() => expandSnippet('${1/(.*)/${1:/upcase}/}'), SnippetSyntaxError);
    assert.throws(() => expandSnippet('${1:unclosed'), SnippetSyntaxError);
    assert.throws(() => expandSnippet('${1|a,b'), SnippetSyntaxError);
  });
});
