/** SQLite and MySQL DDL into the model, with exact spans (the PostgreSQL parser rejects most of it). */
import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import type { Dialect, Table } from '../../server/src/model/schema';
import type { SourceRef } from '../../server/src/model/text';
import { ensureSqlParser, loadSql } from '../../server/src/sql';

before(() => ensureSqlParser());

function load(text: string, dialect: Dialect) {
  return loadSql({ uri: 'file:///x.sql', text }, { dialect });
}
function at(text: string, ref: SourceRef | undefined) {
  assert.ok(ref);
  return text.slice(ref.span.start, ref.span.end);
}
function table(r: ReturnType<typeof load>, key: string): Table {
  const t = r.schema.tables.get(key);
  assert.ok(t, `no ${key} in ${[...r.schema.tables.keys()]}`);
  return t;
}

describe('SQLite', () => {
  it('AUTOINCREMENT, WITHOUT ROWID, bracket and backtick quoting, table constraints; exact spans after non-ASCII text', () => {
    const text =
      "-- données 🎉\nCREATE TABLE IF NOT EXISTS `user` (\n  [id] INTEGER PRIMARY KEY AUTOINCREMENT,\n  \"email\" TEXT NOT NULL UNIQUE,\n  team_id INTEGER REFERENCES team(id) ON DELETE CASCADE,\n  score REAL DEFAULT 0.5,\n  CHECK (score >= 0)\n) WITHOUT ROWID, STRICT;\nCREATE UNIQUE INDEX user_team ON `user` (team_id, email) WHERE team_id IS NOT NULL;\n";
    const r = load(text, 'sqlite');
    const u = table(r, 'user');
    assert.equal(at(text, u.source), '`user`');
    assert.deepEqual(u.columns.map((c) => [c.name, c.type.name, c.nullable, at(text, c.type.source)]), [
      ['id', 'int8', false, 'INTEGER'],
      ['email', 'text', false, 'TEXT'],
      ['team_id', 'int8', true, 'INTEGER'],
      ['score', 'float8', true, 'REAL'],
    ]);
    assert.equal(u.columns[0].default?.generated, 'autoincrement');
    assert.equal(at(text, u.columns[1].source), '"email"');
    assert.equal(at(text, u.columns[1].declaration), '"email" TEXT NOT NULL UNIQUE');
    assert.deepEqual(u.indexes.map((i) => [i.kind, i.columns.join(','), i.where ?? '']), [
      ['primary', 'id', ''],
      ['unique', 'email', ''],
      ['unique', 'team_id,email', 'team_id IS NOT NULL'],
    ]);
    assert.deepEqual(u.foreignKeys.map((f) => [f.columns[0], f.refTable, f.refColumns[0], f.onDelete, at(text, f.source)]), [
      ['team_id', 'team', 'id', 'cascade', 'REFERENCES team(id) ON DELETE CASCADE'],
    ]);
    assert.deepEqual(u.checks?.map((c) => [c.expression, c.columns]), [['score >= 0', ['score']]]);
    assert.deepEqual(r.problems, [], 'never a PostgreSQL syntax error on SQLite');
  });

  it('ALTER TABLE ADD COLUMN / RENAME / DROP COLUMN, DROP INDEX, DROP TABLE', () => {
    const text = 'CREATE TABLE a (id INTEGER PRIMARY KEY, x TEXT);\nCREATE INDEX a_x ON a (x);\nALTER TABLE a ADD COLUMN y INTEGER NOT NULL DEFAULT 1;\nALTER TABLE a RENAME COLUMN x TO z;\nALTER TABLE a RENAME TO b;\nDROP INDEX a_x;\nALTER TABLE b DROP COLUMN y;\nCREATE TABLE gone (id INTEGER);\nDROP TABLE IF EXISTS gone;\n';
    const r = load(text, 'sqlite');
    assert.deepEqual([...r.schema.tables.keys()], ['b']);
    const b = table(r, 'b');
    assert.deepEqual(b.columns.map((c) => c.name), ['id', 'z']);
    assert.deepEqual(b.indexes.map((i) => i.kind), ['primary']);
  });
});

describe('MySQL', () => {
  it('ALTER TABLE t RENAME new_name (no TO) renames the table, as MySQL reads it', () => {
    const text = 'CREATE TABLE devices (id int PRIMARY KEY);\nALTER TABLE devices\n    RENAME _bkp_devices;\nCREATE TABLE devices (id int PRIMARY KEY, kid text);\n';
    const r = load(text, 'mysql');
    assert.deepEqual([...r.schema.tables.keys()].sort(), ['_bkp_devices', 'devices']);
    assert.deepEqual(table(r, 'devices').columns.map((c) => c.name), ['id', 'kid']);
  });
  it('ENGINE=, AUTO_INCREMENT, UNSIGNED, inline KEY / UNIQUE KEY / FULLTEXT, named foreign keys', () => {
    const text =
      'CREATE TABLE `orders` (\n  `id` int(10) unsigned NOT NULL AUTO_INCREMENT,\n  `customer_id` int unsigned NOT NULL,\n  `status` enum(\'new\',\'paid\') NOT NULL DEFAULT \'new\',\n  `total` decimal(12,2) NOT NULL,\n  `note` text,\n  `updated` timestamp NOT NULL DEFAULT CURRENT_TIMESTAMP ON UPDATE CURRENT_TIMESTAMP,\n  PRIMARY KEY (`id`),\n  UNIQUE KEY `orders_ref` (`customer_id`,`status`),\n  KEY `orders_status` (`status`),\n  FULLTEXT KEY `orders_note` (`note`),\n  CONSTRAINT `orders_customer_fk` FOREIGN KEY (`customer_id`) REFERENCES `customers` (`id`) ON DELETE RESTRICT\n) ENGINE=InnoDB AUTO_INCREMENT=5 DEFAULT CHARSET=utf8mb4;\n';
    const r = load(text, 'mysql');
    const o = table(r, 'orders');
    assert.deepEqual(o.columns.map((c) => [c.name, c.type.name, at(text, c.type.source)]), [
      ['id', 'int4', 'int(10) unsigned'],
      ['customer_id', 'int4', 'int unsigned'],
      ['status', 'enum', "enum('new','paid')"],
      ['total', 'numeric', 'decimal(12,2)'],
      ['note', 'text', 'text'],
      ['updated', 'timestamp', 'timestamp'],
    ]);
    assert.equal(o.columns[0].default?.generated, 'autoincrement');
    assert.equal(o.columns[2].type.isEnum, true);
    assert.equal(o.columns[5].updatedAt, true);
    assert.deepEqual(o.indexes.map((i) => [i.kind, i.name, i.columns.join(','), i.method ?? '']), [
      ['primary', 'PRIMARY', 'id', ''],
      ['unique', 'orders_ref', 'customer_id,status', ''],
      ['index', 'orders_status', 'status', ''],
      ['index', 'orders_note', 'note', 'fulltext'],
    ]);
    assert.equal(at(text, o.indexes[2].source), 'KEY `orders_status` (`status`)');
    assert.deepEqual(o.foreignKeys.map((f) => [f.name, f.refTable, f.onDelete]), [['orders_customer_fk', 'customers', 'restrict']]);
    assert.deepEqual(r.problems, []);
  });

  it('ALTER TABLE with several actions, MODIFY, CHANGE, DROP FOREIGN KEY, RENAME TABLE', () => {
    const text =
      'CREATE TABLE t (id int NOT NULL, a varchar(10), b int, KEY t_b (b));\n' +
      'ALTER TABLE t ADD COLUMN c int NOT NULL AFTER a, ADD INDEX t_c (c), MODIFY a varchar(50) NOT NULL, CHANGE b bb bigint, ADD CONSTRAINT t_fk FOREIGN KEY (c) REFERENCES u (id);\n' +
      'ALTER TABLE t DROP FOREIGN KEY t_fk, DROP INDEX t_c;\n' +
      'RENAME TABLE t TO t2;\n';
    const r = load(text, 'mysql');
    const t = table(r, 't2');
    assert.deepEqual(t.columns.map((c) => [c.name, c.type.name, c.type.params.join(','), c.nullable]), [
      ['id', 'int4', '', false],
      ['a', 'varchar', '50', false],
      ['bb', 'int8', '', true],
      ['c', 'int4', '', false],
    ]);
    assert.deepEqual(t.indexes.map((i) => `${i.name}:${i.columns}`), ['t_b:bb']);
    assert.deepEqual(t.foreignKeys, []);
  });
});

describe('dropping and renaming, the way each engine does', () => {
  const create = (q: string) =>
    `CREATE TABLE teams (id INTEGER PRIMARY KEY, code TEXT, CONSTRAINT teams_code UNIQUE (code));\nCREATE TABLE users (id INTEGER PRIMARY KEY, team_code TEXT, CONSTRAINT users_team FOREIGN KEY (team_code) REFERENCES teams (code));\nALTER TABLE teams DROP COLUMN ${q};\n`;

  for (const [dialect, name] of [['sqlite', 'Code'], ['mysql', '`CODE`']] as const) {
    it(`${dialect}: DROP COLUMN (any case) removes the column, its keys and other tables' foreign keys to it`, () => {
      const r = load(create(name), dialect);
      assert.deepEqual(table(r, 'teams').columns.map((c) => c.name), ['id']);
      assert.deepEqual(table(r, 'teams').indexes.map((i) => i.kind), ['primary']);
      assert.deepEqual(table(r, 'users').foreignKeys, [], 'the foreign key to the dropped column goes with it');
    });
  }

  it('postgresql: names compare exactly, so "Code" is not the column code', () => {
    const r = load(create('"Code"'), 'postgresql');
    assert.deepEqual(table(r, 'teams').columns.map((c) => c.name), ['id', 'code']);
    assert.equal(table(r, 'users').foreignKeys.length, 1);
    const dropped = load(create('code'), 'postgresql');
    assert.deepEqual(table(dropped, 'users').foreignKeys, []);
  });

  it('mysql: DROP INDEX and RENAME INDEX find the index whatever the case', () => {
    const text = 'CREATE TABLE t (id int PRIMARY KEY, a int, b int, KEY t_a (a), KEY t_b (b));\nALTER TABLE t RENAME INDEX T_A TO t_a2;\nDROP INDEX T_B ON t;\n';
    const r = load(text, 'mysql');
    assert.deepEqual(table(r, 't').indexes.filter((i) => i.kind !== 'primary').map((i) => i.name), ['t_a2']);
  });
});
