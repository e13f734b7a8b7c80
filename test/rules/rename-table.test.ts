import { ruleTester } from '../helpers/rule-tester';

ruleTester('rename-table', {
  valid: [
    {
      name: 'set aside while a new table takes the name: queries naming it still work',
      language: 'sql',
      file: 'mysql/migrations/0002_rebuild.sql',
      files: { 'mysql/migrations/0001_init.sql': 'CREATE TABLE ciphers (uuid char(36) NOT NULL PRIMARY KEY) ENGINE=InnoDB;\n' },
      code: 'ALTER TABLE ciphers RENAME TO oldciphers;\nCREATE TABLE ciphers (uuid char(36) NOT NULL PRIMARY KEY, data text);\nINSERT INTO ciphers (uuid) SELECT uuid FROM oldciphers;\nDROP TABLE oldciphers;\n',
    },
    { name: 'table created in the same migration', language: 'sql', code: 'CREATE TABLE tmp (id bigint);\nALTER TABLE tmp RENAME TO users;\n' },
    { name: 'renaming a view breaks nothing stored', language: 'sql', code: 'ALTER VIEW v RENAME TO w;\n' },
  ],
  invalid: [
    {
      name: 'MySQL RENAME TABLE (a statement the PostgreSQL parser rejects)',
      language: 'sql',
      file: 'mysql/migrations/0002_rename.sql',
      files: { 'mysql/migrations/0001_init.sql': 'CREATE TABLE users (id int NOT NULL AUTO_INCREMENT PRIMARY KEY) ENGINE=InnoDB;\n' },
      code: `
        RENAME TABLE users TO accounts;
        ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^ rename-table
      `,
    },
    {
      name: 'SQLite',
      language: 'sql',
      file: 'sqlite/migrations/0002_rename.sql',
      files: { 'sqlite/migrations/0001_init.sql': 'CREATE TABLE users (id integer PRIMARY KEY);\n' },
      code: `
        ALTER TABLE users RENAME TO accounts;
        ^^^^^^^^^^^^^^^^^ rename-table
      `,
    },
    {
      name: 'existing table',
      language: 'sql',
      code: `
        ALTER TABLE users RENAME TO accounts;
        ^^^^^^^^^^^^^^^^^ rename-table
      `,
    },
  ],
});
