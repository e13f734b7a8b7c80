import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import { loadModule, scanSync } from 'libpg-query';
import { MYSQL_RESERVED, POSTGRES_RESERVED, quoteIdent, quoteQualified, SQLITE_KEYWORDS } from '../../server/src/model/identifiers';
import { lineBreak } from '../../server/src/model/text';

describe('quoteIdent', () => {
  before(() => loadModule());

  it("PostgreSQL's reserved words are exactly the ones its scanner calls reserved (checked over every listed keyword)", () => {
    const candidates = new Set([...POSTGRES_RESERVED, ...MYSQL_RESERVED, ...SQLITE_KEYWORDS, 'name', 'key', 'between', 'index', 'action', 'email']);
    for (const word of candidates) {
      const kind = scanSync(word).tokens?.[0]?.keywordName;
      const reserved = kind === 'RESERVED_KEYWORD' || kind === 'TYPE_FUNC_NAME_KEYWORD';
      assert.equal(POSTGRES_RESERVED.has(word), reserved, `${word}: scanner says ${kind}`);
    }
  });

  it('PostgreSQL: reserved words, upper case and odd characters get double quotes, embedded quotes doubled', () => {
    assert.equal(quoteIdent('email'), 'email');
    assert.equal(quoteIdent('order'), '"order"');
    assert.equal(quoteIdent('user'), '"user"');
    assert.equal(quoteIdent('Email'), '"Email"');
    assert.equal(quoteIdent('a"b'), '"a""b"');
    assert.equal(quoteIdent('1st'), '"1st"');
    assert.equal(quoteIdent('name'), 'name', 'an unreserved keyword needs no quotes');
    assert.equal(quoteIdent('Order', 'cockroachdb'), '"Order"');
    assert.equal(quoteQualified('Billing', 'user'), '"Billing"."user"');
  });

  it('MySQL: backticks, case kept as written, reserved words of MySQL only', () => {
    assert.equal(quoteIdent('Email', 'mysql'), 'Email');
    assert.equal(quoteIdent('order', 'mysql'), '`order`');
    assert.equal(quoteIdent('KEY', 'mysql'), '`KEY`');
    assert.equal(quoteIdent('user', 'mysql'), 'user', 'not reserved in MySQL');
    assert.equal(quoteIdent('a`b', 'mysql'), '`a``b`');
    assert.equal(quoteQualified('shop', 'select', 'mysql'), 'shop.`select`');
  });

  it("SQLite: double quotes for its keywords and odd characters", () => {
    assert.equal(quoteIdent('Email', 'sqlite'), 'Email');
    assert.equal(quoteIdent('group', 'sqlite'), '"group"');
    assert.equal(quoteIdent('index', 'sqlite'), '"index"');
    assert.equal(quoteIdent('my col', 'sqlite'), '"my col"');
  });
});

describe('lineBreak', () => {
  it('is the first line break of the file', () => {
    assert.equal(lineBreak('a\r\nb\n'), '\r\n');
    assert.equal(lineBreak('a\nb\r\n'), '\n');
    assert.equal(lineBreak('one line'), '\n');
  });
});
