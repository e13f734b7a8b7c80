import { ruleTester } from '../helpers/rule-tester';

const on = { rules: { 'unbounded-select': 'warning' as const } };

ruleTester('unbounded-select', {
  valid: [
    { name: 'off by default', language: 'sql', file: 'queries/report.sql', code: 'SELECT id FROM users;\n' },
    { name: 'with LIMIT', language: 'sql', file: 'queries/report.sql', overrides: on, code: 'SELECT id FROM users ORDER BY id LIMIT 10;\n' },
    { name: 'one row anyway', language: 'sql', file: 'queries/report.sql', overrides: on, code: 'SELECT count(*) FROM users;\n' },
    { name: 'no table', language: 'sql', file: 'queries/report.sql', overrides: on, code: 'SELECT now();\n' },
  ],
  invalid: [
    {
      name: 'no LIMIT',
      language: 'sql',
      file: 'queries/report.sql',
      overrides: on,
      code: `
        SELECT id FROM users WHERE plan = $1;
        ^^^^^^ unbounded-select
      `,
    },
  ],
});
