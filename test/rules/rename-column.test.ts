import { ruleTester } from '../helpers/rule-tester';

ruleTester('rename-column', {
  valid: [
    { name: 'table created in the same migration', language: 'sql', code: 'CREATE TABLE users (id bigint, name text);\nALTER TABLE users RENAME COLUMN name TO full_name;\n' },
    { name: 'a down migration may rename back', language: 'sql', file: 'db/2_r.down.sql', files: { 'db/2_r.up.sql': 'SELECT 1;\n' }, code: 'ALTER TABLE users RENAME COLUMN full_name TO name;\n' },
  ],
  invalid: [
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
