import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import type { Table } from '../../server/src/model/schema';
import { ensureSqlParser, parseStatement, splitStatements } from '../../server/src/sql';
import { StatementView } from '../../server/src/sql/statements';
import { lockEffects, strongest } from '../../server/src/model/locks';
import { typeChangeEffect } from '../../server/src/model/type-change';

before(() => ensureSqlParser());

function effects(sql: string, pgVersion = 16, before: () => Table | undefined = () => undefined, timezone?: string) {
  const split = splitStatements(sql).statements[0];
  const st = parseStatement(sql, split)[0];
  return lockEffects(new StatementView(st, 'file:///x.sql').info, { pgVersion, before, timezone });
}

describe('lock knowledge', () => {
  it('names the lock, what it blocks, and whether it scans or rewrites', () => {
    const idx = effects('CREATE INDEX i ON t (x);');
    assert.deepEqual([idx[0].mode, idx[0].scan, idx[0].rewrite], ['SHARE', true, false]);
    assert.equal(effects('CREATE INDEX CONCURRENTLY i ON t (x);')[0].mode, 'SHARE UPDATE EXCLUSIVE');
    const fk = effects('ALTER TABLE t ADD CONSTRAINT f FOREIGN KEY (p) REFERENCES p (id);');
    assert.deepEqual(fk.map((e) => [e.table, e.mode, e.scan]), [['t', 'SHARE ROW EXCLUSIVE', true], ['p', 'SHARE ROW EXCLUSIVE', false]]);
    assert.equal(effects('ALTER TABLE t ADD CONSTRAINT f FOREIGN KEY (p) REFERENCES p (id) NOT VALID;')[0].scan, false);
    assert.deepEqual(effects('ALTER TABLE t VALIDATE CONSTRAINT f;').map((e) => [e.mode, e.scan]), [['SHARE UPDATE EXCLUSIVE', true]]);
    assert.equal(strongest(effects('ALTER TABLE t ADD COLUMN a int, ALTER COLUMN b SET NOT NULL;'))?.mode, 'ACCESS EXCLUSIVE');
    assert.equal(effects('REFRESH MATERIALIZED VIEW CONCURRENTLY v;')[0].mode, 'EXCLUSIVE');
  });

  it('is PostgreSQL-version aware: constant defaults stopped rewriting in 11', () => {
    assert.equal(effects("ALTER TABLE t ADD COLUMN a text DEFAULT 'x';", 16)[0].rewrite, false);
    assert.equal(effects("ALTER TABLE t ADD COLUMN a text DEFAULT 'x';", 10)[0].rewrite, true);
    assert.equal(effects('ALTER TABLE t ADD COLUMN a uuid DEFAULT gen_random_uuid();', 16)[0].rewrite, true);
    assert.equal(effects('ALTER TABLE t ADD COLUMN a text DEFAULT my_func();', 16)[0].rewrite, true, 'user functions are VOLATILE unless declared otherwise');
  });

  it('timestamp to timestamptz in a UTC session is no rewrite on PostgreSQL 12+; a new collation rebuilds the indexes only', () => {
    const type = (name: string) => ({ name, params: [], array: false, written: name });
    const table = { key: 't', name: 't', columns: [{ name: 'at', type: type('timestamp') }, { name: 'body', type: type('text') }] } as unknown as Table;
    const tz = (zone: string | undefined, pg = 16) => effects('ALTER TABLE t ALTER COLUMN at TYPE timestamptz;', pg, () => table, zone)[0];
    assert.equal(tz('UTC').rewrite, false);
    assert.match(tz('UTC').note ?? '', /time zone is UTC/);
    assert.equal(tz('Etc/UTC').rewrite, false);
    assert.equal(tz('Europe/Paris').rewrite, true);
    assert.equal(tz(undefined).rewrite, true);
    assert.equal(tz('UTC', 11).rewrite, true);
    const coll = effects('ALTER TABLE t ALTER COLUMN body TYPE text COLLATE "C";', 16, () => table)[0];
    assert.deepEqual([coll.mode, coll.rewrite, coll.scan], ['ACCESS EXCLUSIVE', false, false]);
    assert.match(coll.note ?? '', /every index on body is rebuilt for the collation C/);
  });

  it('knows which type changes PostgreSQL makes without a rewrite', () => {
    const t = (name: string, params: number[] = []) => ({ name, params, array: false, written: name });
    assert.equal(typeChangeEffect(t('varchar', [10]), t('varchar', [20])), 'none');
    assert.equal(typeChangeEffect(t('varchar', [10]), t('text')), 'none');
    assert.equal(typeChangeEffect(t('text'), t('varchar', [20])), 'scan');
    assert.equal(typeChangeEffect(t('numeric', [10, 2]), t('numeric', [12, 2])), 'none');
    assert.equal(typeChangeEffect(t('int4'), t('int8')), 'rewrite');
    assert.equal(typeChangeEffect(undefined, t('int8')), undefined);
  });
});
