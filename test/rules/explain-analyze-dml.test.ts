import { ruleTester } from '../helpers/rule-tester';

ruleTester('explain-analyze-dml', {
  valid: [
    { name: 'plain EXPLAIN', language: 'sql', file: 'queries/report.sql', code: 'EXPLAIN DELETE FROM sessions;\n' },
    { name: 'EXPLAIN ANALYZE of a SELECT', language: 'sql', file: 'queries/report.sql', code: 'EXPLAIN ANALYZE SELECT id FROM sessions;\n' },
    { name: 'rolled back', language: 'sql', file: 'queries/report.sql', code: 'BEGIN;\nEXPLAIN (ANALYZE, BUFFERS) DELETE FROM sessions WHERE id = 1;\nROLLBACK;\n' },
    { name: 'ANALYZE false', language: 'sql', file: 'queries/report.sql', code: 'EXPLAIN (ANALYZE false) DELETE FROM sessions WHERE id = 1;\n' },
  ],
  invalid: [
    {
      name: 'runs the UPDATE for real',
      language: 'sql',
      file: 'queries/report.sql',
      code: `
        EXPLAIN ANALYZE UPDATE users SET plan = 'x' WHERE id = 1;
        ^^^^^^^^^^^^^^^ explain-analyze-dml
      `,
      output: ["BEGIN;\nEXPLAIN ANALYZE UPDATE users SET plan = 'x' WHERE id = 1;\nROLLBACK;\n"],
    },
  ],
});
