import { ruleTester } from '../helpers/rule-tester';

ruleTester('truncate-cascade', {
  valid: [
    { name: 'tables named explicitly', language: 'sql', code: 'TRUNCATE sessions, users;\n' },
    { name: 'an admin script that empties everything on purpose', language: 'sql', file: 'admin/TruncateTables.sql', code: 'TRUNCATE users CASCADE;\n' },
  ],
  invalid: [
    {
      name: 'names what the cascade reaches today',
      language: 'sql',
      file: 'migrations/0002_reset.sql',
      files: { 'migrations/0001_init.sql': 'CREATE TABLE users (id bigint PRIMARY KEY);\nCREATE TABLE posts (id bigint PRIMARY KEY, user_id bigint REFERENCES users (id));\n' },
      code: `
        TRUNCATE users CASCADE;
        ^^^^^^^^^^^^^^ truncate-cascade
      `,
    },
  ],
});
