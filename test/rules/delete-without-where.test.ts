import { ruleTester } from '../helpers/rule-tester';

ruleTester('delete-without-where', {
  valid: [
    { name: 'with WHERE', language: 'sql', file: 'queries/report.sql', code: 'DELETE FROM sessions WHERE expires_at < now();\n' },
    { name: 'SQLite file', language: 'sql', file: 'sqlite/queries/clean.sql', code: 'DELETE FROM sessions WHERE expires_at < 0;\n' },
  ],
  invalid: [
    {
      name: 'no WHERE',
      language: 'sql',
      file: 'queries/report.sql',
      code: `
        DELETE FROM sessions;
        ^^^^^^^^^^^^^^^^^^^^ delete-without-where
      `,
    },
  ],
});
