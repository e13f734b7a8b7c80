import { ruleTester } from '../helpers/rule-tester';

ruleTester('select-star', {
  valid: [
    { name: 'count(*)', language: 'sql', file: 'queries/report.sql', code: 'SELECT count(*) FROM users;\n' },
    { name: 'EXISTS (SELECT * ...)', language: 'sql', file: 'queries/report.sql', code: 'SELECT id FROM users u WHERE EXISTS (SELECT * FROM posts p WHERE p.user_id = u.id);\n' },
    { name: 'not in migrations', language: 'sql', code: 'CREATE VIEW v AS SELECT * FROM users;\n' },
  ],
  invalid: [
    {
      name: 'table known from the same file: columns written out',
      language: 'sql',
      file: 'queries/report.sql',
      code: `
        CREATE TABLE users (id bigint PRIMARY KEY, email text);
        SELECT * FROM users;
               ^ select-star
      `,
      output: ['CREATE TABLE users (id bigint PRIMARY KEY, email text);\nSELECT id, email FROM users;\n'],
    },
    {
      name: 'the columns the table has at that statement, not those a later ALTER adds or drops',
      language: 'sql',
      file: 'queries/report.sql',
      code: `
        CREATE TABLE users (id bigint PRIMARY KEY, email text);
        SELECT * FROM users;
               ^ select-star
        ALTER TABLE users ADD COLUMN name text;
        ALTER TABLE users DROP COLUMN email;
      `,
      output: ['CREATE TABLE users (id bigint PRIMARY KEY, email text);\nSELECT id, email FROM users;\nALTER TABLE users ADD COLUMN name text;\nALTER TABLE users DROP COLUMN email;\n'],
    },
    {
      name: 'reserved words, upper case and embedded quotes in the column list are quoted',
      language: 'sql',
      file: 'queries/report.sql',
      code: `
        CREATE TABLE accounts (id bigint PRIMARY KEY, "user" text, "Name" text, "a""b" int, "order" int);
        SELECT a.* FROM accounts a;
               ^^^ select-star
      `,
      output: ['CREATE TABLE accounts (id bigint PRIMARY KEY, "user" text, "Name" text, "a""b" int, "order" int);\nSELECT a.id, a."user", a."Name", a."a""b", a."order" FROM accounts a;\n'],
    },
    {
      name: 'MySQL: quoted with backticks, and only where MySQL needs it',
      language: 'sql',
      file: 'mysql/queries/report.sql',
      code: `
        CREATE TABLE accounts (id bigint PRIMARY KEY, \`user\` text, Name text, \`order\` int);
        SELECT * FROM accounts;
               ^ select-star
      `,
      output: ['CREATE TABLE accounts (id bigint PRIMARY KEY, \`user\` text, Name text, \`order\` int);\nSELECT id, user, Name, \`order\` FROM accounts;\n'],
    },
    {
      name: 'qualified star of an unknown table: no fix',
      language: 'sql',
      file: 'queries/report.sql',
      code: `
        SELECT u.* FROM users u JOIN posts p ON p.user_id = u.id;
               ^^^ select-star
      `,
      output: [],
    },
  ],
});
