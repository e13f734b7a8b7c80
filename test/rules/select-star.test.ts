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
