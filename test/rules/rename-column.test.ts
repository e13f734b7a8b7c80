import { ruleTester } from '../helpers/rule-tester';

ruleTester('rename-column', {
  valid: [
    { name: 'table created in the same migration', language: 'sql', code: 'CREATE TABLE users (id bigint, name text);\nALTER TABLE users RENAME COLUMN name TO full_name;\n' },
    { name: 'a down migration may rename back', language: 'sql', file: 'db/2_r.down.sql', files: { 'db/2_r.up.sql': 'SELECT 1;\n' }, code: 'ALTER TABLE users RENAME COLUMN full_name TO name;\n' },
  ],
  invalid: [
    {
      name: 'SQLite: running code breaks there too',
      language: 'sql',
      file: 'sqlite/migrations/0002_change.sql',
      files: { 'sqlite/migrations/0001_init.sql': 'CREATE TABLE users (id integer PRIMARY KEY, name text);\nCREATE TABLE t (id integer PRIMARY KEY, a int);\n' },
      code: `
        ALTER TABLE users RENAME COLUMN name TO full_name;
        ^^^^^^^^^^^^^^^^^ rename-column
      `,
    },
    {
      name: 'MySQL',
      language: 'sql',
      file: 'mysql/migrations/0002_change.sql',
      files: { 'mysql/migrations/0001_init.sql': 'CREATE TABLE users (id int PRIMARY KEY, name text);\n' },
      code: `
        ALTER TABLE \`users\` RENAME COLUMN \`name\` TO \`full_name\`;
        ^^^^^^^^^^^^^^^^^^^ rename-column
      `,
    },
    {
      name: 'MySQL CHANGE old new <definition> renames too (a statement the PostgreSQL parser rejects)',
      language: 'sql',
      file: 'mysql/migrations/0002_change.sql',
      files: { 'mysql/migrations/0001_init.sql': 'CREATE TABLE users (id int PRIMARY KEY, name text);\n' },
      code: `
        ALTER TABLE users CHANGE name full_name varchar(255) NOT NULL;
        ^^^^^^^^^^^^^^^^^ rename-column
      `,
    },
    {
      name: 'existing table',
      language: 'sql',
      code: `
        ALTER TABLE users RENAME COLUMN name TO full_name;
        ^^^^^^^^^^^^^^^^^ rename-column
      `,
    },
  ],
});
