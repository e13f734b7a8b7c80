import { ruleTester } from '../helpers/rule-tester';

ruleTester('wrap-in-transaction', {
  valid: [
    { name: 'already wrapped', language: 'sql', code: 'BEGIN;\nALTER TABLE t ADD COLUMN x int;\nUPDATE t SET x = 1 WHERE id = 1;\nCOMMIT;\n' },
    { name: 'one change only', language: 'sql', code: "SET lock_timeout = '5s';\nALTER TABLE t ADD COLUMN x int;\n" },
    {
      name: 'a NOT VALID constraint and its VALIDATE: a failed VALIDATE leaves nothing half-done',
      language: 'sql',
      code: 'ALTER TABLE orders ADD CONSTRAINT orders_customer_fk FOREIGN KEY (customer_id) REFERENCES customers (id) NOT VALID;\nALTER TABLE orders VALIDATE CONSTRAINT orders_customer_fk;\n',
    },
    { name: 'goose wraps each migration itself', language: 'sql', file: 'db/00001_a.sql', code: '-- +goose Up\nALTER TABLE t ADD COLUMN x int;\nALTER TABLE t ADD COLUMN y int;\n' },
    { name: 'Prisma (up to 7.3) sends the file as one implicit transaction', language: 'sql', file: 'prisma/migrations/20240101000000_a/migration.sql', code: 'ALTER TABLE t ADD COLUMN x int;\nALTER TABLE t ADD COLUMN y int;\n' },
    {
      name: 'a constraint split into NOT VALID and VALIDATE on purpose',
      language: 'sql',
      code: 'ALTER TABLE t ADD CONSTRAINT t_x CHECK (x > 0) NOT VALID;\nALTER TABLE t VALIDATE CONSTRAINT t_x;\n',
    },
    {
      name: 'runner not known: BEGIN/COMMIT could land inside its own transaction, so nothing is said',
      language: 'sql',
      file: 'db/updates/0002_b.sql',
      files: { 'db/updates/0001_a.sql': 'CREATE TABLE t (id bigint PRIMARY KEY);\n' },
      code: 'ALTER TABLE t ADD COLUMN x int;\nUPDATE t SET x = 1;\n',
    },
  ],
  invalid: [
    {
      name: 'psql scripts (a meta-command in the folder) run statement by statement',
      language: 'sql',
      file: 'db/updates/0002_b.sql',
      files: { 'db/updates/0001_a.sql': '\\set ON_ERROR_STOP 1\nCREATE TABLE t (id bigint PRIMARY KEY);\n' },
      code: `
        ALTER TABLE t ADD COLUMN x int;
        ^^^^^^^^^^^^^ wrap-in-transaction
        UPDATE t SET x = 1;
      `,
      output: ['BEGIN;\nALTER TABLE t ADD COLUMN x int;\nUPDATE t SET x = 1;\nCOMMIT;\n'],
    },
    {
      name: 'plain migration file',
      language: 'sql',
      code: `
        ALTER TABLE t ADD COLUMN x int;
        ^^^^^^^^^^^^^ wrap-in-transaction
        UPDATE t SET x = 1;
      `,
      output: ['BEGIN;\nALTER TABLE t ADD COLUMN x int;\nUPDATE t SET x = 1;\nCOMMIT;\n'],
    },
    {
      name: 'goose NO TRANSACTION: the CONCURRENTLY statement in between moves to its own migration',
      language: 'sql',
      file: 'db/00002_a.sql',
      files: { 'db/00001_init.sql': '-- +goose Up\nCREATE TABLE t (id bigint PRIMARY KEY, x int);\n' },
      code: `
        -- +goose NO TRANSACTION
        -- +goose Up
        ALTER TABLE t ADD COLUMN y int;
        ^^^^^^^^^^^^^ wrap-in-transaction
        CREATE INDEX CONCURRENTLY t_x ON t (x);
        ALTER TABLE t ADD COLUMN z int;
      `,
      output: ['-- +goose NO TRANSACTION\n-- +goose Up\nBEGIN;\nALTER TABLE t ADD COLUMN y int;\nALTER TABLE t ADD COLUMN z int;\nCOMMIT;\n'],
    },
  ],
});
