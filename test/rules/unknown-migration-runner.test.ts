import { ruleTester } from '../helpers/rule-tester';

const SECOND = 'ALTER TABLE users ADD COLUMN plan text;\nUPDATE users SET plan = 1;\n';

ruleTester('unknown-migration-runner', {
  valid: [
    { name: 'not on the later migrations of the folder', language: 'sql', file: 'db/updates/0002_b.sql', files: { 'db/updates/0001_a.sql': 'CREATE TABLE users (id int);\n' }, code: SECOND },
    { name: 'psql meta-commands in a file of the folder: psql runs it', language: 'sql', file: 'db/updates/0001_a.sql', files: { 'db/updates/0002_b.sql': '\\set ON_ERROR_STOP 1\n' + SECOND }, code: 'CREATE TABLE users (id int);\n' },
    { name: 'db-design.json names the runner', language: 'sql', file: 'db/updates/0001_a.sql', config: { migrations: { runner: 'plain' } }, code: 'CREATE TABLE users (id int);\n' },
    { name: 'db-design.json says they run in a transaction', language: 'sql', file: 'db/updates/0001_a.sql', config: { migrations: { inTransaction: true } }, code: 'CREATE TABLE users (id int);\n' },
    { name: 'a runner recognised by its markers', language: 'sql', file: 'db/updates/0001_a.sql', code: '-- +goose Up\nCREATE TABLE users (id int);\n' },
    { name: 'extension update scripts run in the transaction of ALTER EXTENSION', language: 'sql', file: 'sql/updates/1.0--1.1.sql', files: { 'sql/updates/1.1--1.2.sql': SECOND }, code: 'CREATE TABLE users (id int);\n' },
    { name: 'a script outside any migration folder', language: 'sql', file: 'queries/report.sql', code: 'SELECT 1;\n' },
  ],
  invalid: [
    {
      name: 'the first migration of a folder nothing places',
      language: 'sql',
      file: 'db/updates/0001_a.sql',
      files: { 'db/updates/0002_b.sql': SECOND },
      code: `
        CREATE TABLE users (id int);
        ^^^^^^^^^^^^^^^^^^ unknown-migration-runner
      `,
    },
    {
      name: 'a migrations folder given in db-design.json without its runner',
      language: 'sql',
      file: 'sql/001.sql',
      config: { migrations: { folder: 'sql' } },
      code: `
        CREATE TABLE users (id int);
        ^^^^^^^^^^^^^^^^^^ unknown-migration-runner
      `,
    },
  ],
});
