import { ruleTester } from '../helpers/rule-tester';

ruleTester('rename-table', {
  valid: [
    { name: 'table created in the same migration', language: 'sql', code: 'CREATE TABLE tmp (id bigint);\nALTER TABLE tmp RENAME TO users;\n' },
    { name: 'renaming a view breaks nothing stored', language: 'sql', code: 'ALTER VIEW v RENAME TO w;\n' },
  ],
  invalid: [
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
