/**
 * One reading, one apply: both SQL readers only read a statement into schema changes, and `applyChange`
 * is the one place the schema changes. Reading never touches the schema it reads against.
 */
import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import { applyChanges } from '../../server/src/model/apply';
import { emptySchema, type Dialect, type Schema } from '../../server/src/model/schema';
import { snapshot } from '../../server/src/model/snapshot';
import { ensureSqlParser, loadSql } from '../../server/src/sql';
import { statementChanges } from '../../server/src/sql/build';
import { parseSqlFile } from '../../server/src/sql/file';

before(() => ensureSqlParser());

/** A deep, comparable picture of a schema. */
function picture(schema: Schema): unknown {
  return JSON.parse(JSON.stringify({ tables: [...schema.tables.entries()], enums: [...schema.enums.entries()] }));
}

const HISTORY: Record<'postgresql' | 'sqlite' | 'mysql', string> = {
  postgresql:
    "CREATE TYPE mood AS ENUM ('ok');\nCREATE TABLE users (id bigint PRIMARY KEY, email text UNIQUE, mood mood);\n" +
    'CREATE TABLE posts (id bigint PRIMARY KEY, author_id bigint REFERENCES users, body text CHECK (body <> \'\'));\n',
  sqlite: 'CREATE TABLE users (id INTEGER PRIMARY KEY AUTOINCREMENT, email TEXT UNIQUE);\nCREATE TABLE posts (id INTEGER PRIMARY KEY, author_id INTEGER REFERENCES users);\n',
  mysql: 'CREATE TABLE `users` (`id` int NOT NULL AUTO_INCREMENT, `email` varchar(191), PRIMARY KEY (`id`)) ENGINE=InnoDB;\nCREATE TABLE posts (id int PRIMARY KEY, author_id int, FOREIGN KEY (author_id) REFERENCES users (id));\n',
};

const NEXT: Record<'postgresql' | 'sqlite' | 'mysql', string[]> = {
  postgresql: [
    'ALTER TABLE users ADD COLUMN name text NOT NULL DEFAULT \'\', DROP COLUMN email;',
    'CREATE INDEX ON posts (author_id);',
    'ALTER TABLE posts RENAME TO articles;',
    'DROP TABLE users CASCADE;',
    "ALTER TYPE mood ADD VALUE 'sad';",
  ],
  sqlite: ['ALTER TABLE users ADD COLUMN name TEXT;', 'CREATE INDEX posts_author ON posts (author_id);', 'ALTER TABLE users DROP COLUMN email;', 'DROP TABLE posts;'],
  mysql: ['ALTER TABLE users MODIFY email varchar(255) NOT NULL, ADD KEY email_idx (email);', 'ALTER TABLE posts CHANGE author_id writer_id int;', 'RENAME TABLE posts TO articles;'],
};

describe('schema changes: read, then applied in one place', () => {
  for (const dialect of ['postgresql', 'sqlite', 'mysql'] as Dialect[]) {
    const d = dialect as keyof typeof HISTORY;
    it(`${dialect}: reading a statement leaves the schema as it was; applying its changes gives what the replay gives`, () => {
      for (const next of NEXT[d]) {
        const { schema } = loadSql({ uri: 'file:///h.sql', text: HISTORY[d] }, { dialect });
        const file = parseSqlFile({ uri: 'file:///n.sql', text: next }, dialect);
        const st = file.statements[0];
        const before = picture(schema);
        const changes = statementChanges(st, { uri: file.uri, dialect });
        assert.ok(changes.length > 0, `${next}: read into changes`);
        assert.deepEqual(picture(schema), before, `${next}: reading changed nothing`);
        applyChanges(schema, changes);
        assert.notDeepEqual(picture(schema), before, `${next}: applying changed the schema`);
        const replayed = loadSql({ uri: 'file:///h.sql', text: HISTORY[d] + next + '\n' }, { dialect }).schema;
        // The same statement replayed in one file: the same tables and columns (spans differ by file).
        const shape = (s: Schema) => [...s.tables.values()].map((t) => [t.key, t.columns.map((c) => c.name), t.indexes.map((i) => i.name ?? i.kind), t.foreignKeys.map((f) => `${f.columns}>${f.refTable}`)]);
        assert.deepEqual(shape(schema), shape(replayed), next);
      }
    });
  }

  it('implicit names are settled against the schema when applied: a second unnamed index gets the next free name', () => {
    const text = 'CREATE TABLE t (a int);\nCREATE INDEX ON t (a);\nCREATE INDEX ON t (a);\n';
    const { schema } = loadSql({ uri: 'file:///x.sql', text }, { dialect: 'postgresql' });
    assert.deepEqual(schema.tables.get('t')?.indexes.map((i) => i.name), ['t_a_idx', 't_a_idx1']);
  });

  it('an implicit name taken by another table or its index, however that name came to be, is numbered past', () => {
    // Each way a relation gets its name: CREATE TABLE, an index, a renamed table, a renamed index, USING INDEX.
    const takers = [
      'CREATE TABLE t_a_idx (id int);',
      'CREATE TABLE o (y int); CREATE INDEX t_a_idx ON o (y);',
      'CREATE TABLE o (y int); ALTER TABLE o RENAME TO t_a_idx;',
      'CREATE TABLE o (y int); CREATE INDEX o_y ON o (y); ALTER INDEX o_y RENAME TO t_a_idx;',
      'CREATE TABLE o (y int); CREATE UNIQUE INDEX o_y ON o (y); ALTER TABLE o ADD CONSTRAINT t_a_idx UNIQUE USING INDEX o_y;',
    ];
    for (const taker of takers) {
      // The key's implicit name is settled first: names given after that must be known all the same.
      const text = `CREATE TABLE t (id int PRIMARY KEY, a int);\n${taker}\nCREATE INDEX ON t (a);\n`;
      const parse = parseSqlFile({ uri: 'file:///x.sql', text }, 'postgresql');
      const schema = emptySchema('postgresql');
      for (const st of parse.statements) {
        applyChanges(schema, statementChanges(st, { uri: 'file:///x.sql', dialect: 'postgresql' }));
        // A snapshot after each statement: the replay goes on in a schema that shares its tables.
        snapshot(schema);
      }
      assert.deepEqual(schema.tables.get('t')?.indexes.map((i) => i.name), ['t_pkey', 't_a_idx1'], taker);
    }
  });

  it('MySQL foreign keys without a name are numbered after the table\'s others, across statements', () => {
    const text = 'CREATE TABLE p (id int PRIMARY KEY);\nCREATE TABLE c (id int, a int REFERENCES p (id), b int, FOREIGN KEY (b) REFERENCES p (id));\nALTER TABLE c ADD COLUMN d int, ADD FOREIGN KEY (d) REFERENCES p (id);\n';
    const { schema } = loadSql({ uri: 'file:///x.sql', text }, { dialect: 'mysql' });
    assert.deepEqual(schema.tables.get('c')?.foreignKeys.map((f) => [f.name, f.columns[0]]), [
      ['c_ibfk_1', 'a'],
      ['c_ibfk_2', 'b'],
      ['c_ibfk_3', 'd'],
    ]);
  });
});
