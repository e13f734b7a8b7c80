import { ruleTester } from '../helpers/rule-tester';

ruleTester('drop-column', {
  valid: [
    { name: 'SQLite: table created in the same migration', language: 'sql', file: 'sqlite/001.sql', code: 'CREATE TABLE t (id integer PRIMARY KEY, x int);\nALTER TABLE t DROP COLUMN x;\n' },
    { name: 'table created in the same migration', language: 'sql', code: 'CREATE TABLE t (id bigint, x int);\nALTER TABLE t DROP COLUMN x;\n' },
    { name: 'down migration', language: 'sql', file: 'db/2_x.down.sql', files: { 'db/2_x.up.sql': 'ALTER TABLE t ADD COLUMN x int;\n' }, code: 'ALTER TABLE t DROP COLUMN x;\n' },
  ],
  invalid: [
    {
      name: 'MySQL: a statement only MySQL reads (ALGORITHM=INPLACE) is described by its own reader',
      language: 'sql',
      file: 'mysql/migrations/0002_change.sql',
      files: { 'mysql/migrations/0001_init.sql': 'CREATE TABLE t (id int NOT NULL AUTO_INCREMENT PRIMARY KEY, a int) ENGINE=InnoDB;\n' },
      code: `
        ALTER TABLE t DROP COLUMN a, ALGORITHM=INPLACE, LOCK=NONE;
        ^^^^^^^^^^^^^ drop-column
      `,
    },
    {
      name: 'SQLite: the data is gone there too',
      language: 'sql',
      file: 'sqlite/migrations/0002_change.sql',
      files: { 'sqlite/migrations/0001_init.sql': 'CREATE TABLE users (id integer PRIMARY KEY, name text);\nCREATE TABLE t (id integer PRIMARY KEY, a int);\n' },
      code: `
        ALTER TABLE t DROP COLUMN a;
                      ^^^^^^^^^^^^^ drop-column
      `,
    },
    {
      name: 'existing table, one finding per dropped column',
      language: 'sql',
      code: `
        ALTER TABLE t DROP COLUMN a, DROP COLUMN b;
                      ^^^^^^^^^^^^^ drop-column
                                     ^^^^^^^^^^^^^ drop-column
      `,
    },
  ],
});
