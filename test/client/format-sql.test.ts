/**
 * SQL formatting (server/src/format): sql-formatter per statement, in the file's dialect, with
 * everything between statements kept as written and nothing but whitespace (and, if asked, keyword
 * case) ever changed.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { minimalReplacement } from '../../server/src/format/edit';
import { formatSql, formatSqlRange, SqlFormatError, type SqlFormatOptions } from '../../server/src/format/sql';

function formatted(text: string, opts: Partial<SqlFormatOptions> = {}): string {
  const { edit } = formatSql(text, { dialect: 'postgresql', ...opts });
  return edit ? text.slice(0, edit.span.start) + edit.newText + text.slice(edit.span.end) : text;
}

describe('formatSql', () => {
  it('formats each statement and keeps comments, blank lines and runner markers between them', () => {
    const text = [
      '-- +goose Up',
      '-- db-design-disable-next-line fk-missing-index -- small table',
      'alter table posts add column author_id bigint references users (id);',
      '',
      '',
      '/* second step */ create index concurrently posts_author_id_idx on posts (author_id); select 1;',
      '-- +goose Down',
      '',
    ].join('\n');
    assert.equal(
      formatted(text),
      [
        '-- +goose Up',
        '-- db-design-disable-next-line fk-missing-index -- small table',
        'alter table posts',
        'add column author_id bigint references users (id);',
        '',
        '/* second step */ create index concurrently posts_author_id_idx on posts (author_id);',
        'select',
        '  1;',
        '-- +goose Down',
        '',
      ].join('\n'),
    );
  });

  it('is idempotent', () => {
    const once = formatted('create table t (id bigint primary key, name text not null, created_at timestamptz not null default now());\n');
    assert.equal(formatSql(once, { dialect: 'postgresql' }).edit, undefined);
  });

  it('uses the file dialect: MySQL backticks and SQLite syntax format instead of being skipped', () => {
    assert.equal(formatted('select `id`,`name` from `users` where `id`=1;', { dialect: 'mysql' }), 'select\n  `id`,\n  `name`\nfrom\n  `users`\nwhere\n  `id` = 1;');
    const sqlite = formatSql('insert or replace into kv (k, v) values (1, 2);', { dialect: 'sqlite' });
    assert.equal(sqlite.skipped, 0);
  });

  it('keeps statements it cannot read or that use psql variables, and counts them', () => {
    const text = '\\set ON_ERROR_STOP on\nselect :limit;\nselect 1;\n';
    const res = formatSql(text, { dialect: 'postgresql' });
    assert.equal(res.skipped, 1);
    assert.equal(formatted(text), '\\set ON_ERROR_STOP on\nselect :limit;\nselect\n  1;\n');
  });

  it('refuses template files rather than breaking their placeholders', () => {
    assert.throws(() => formatSql('select * from {{ ref("users") }};', { dialect: 'postgresql' }), SqlFormatError);
  });

  it('keeps CRLF line ends, applies tab settings and keyword case', () => {
    assert.equal(formatted('select a, b from t;\r\nselect 1;\r\n'), 'select\r\n  a,\r\n  b\r\nfrom\r\n  t;\r\nselect\r\n  1;\r\n');
    assert.equal(formatted('select a from t;', { insertSpaces: false, keywordCase: 'upper' }), 'SELECT\n\ta\nFROM\n\tt;');
  });

  it('dollar-quoted function bodies are left as written', () => {
    const body = '$$ begin   return   1; end $$';
    assert.ok(formatted(`create function f() returns int language plpgsql as ${body};`).includes(body));
  });

  it('range formatting touches only the statements the range overlaps', () => {
    const text = 'select 1;\nselect 2;\nselect 3;\n';
    const at = text.indexOf('select 2') + 3;
    const { edit } = formatSqlRange(text, { start: at, end: at }, { dialect: 'postgresql' });
    assert.ok(edit);
    assert.equal(text.slice(0, edit.span.start) + edit.newText + text.slice(edit.span.end), 'select 1;\nselect\n  2;\nselect 3;\n');
  });
});

describe('minimalReplacement', () => {
  it('replaces only the changed middle, never half a surrogate pair', () => {
    assert.deepEqual(minimalReplacement('abcdef', 'abXYef'), { span: { start: 2, end: 4 }, newText: 'XY' });
    assert.equal(minimalReplacement('same', 'same'), undefined);
    // 😀 (d83d de00) and 😃 (d83d de03) share their high surrogate.
    const r = minimalReplacement('a😀b', 'a😃b')!;
    assert.deepEqual(r, { span: { start: 1, end: 3 }, newText: '😃' });
  });
});
