import { ruleTester } from '../helpers/rule-tester';

ruleTester('offset-pagination', {
  valid: [
    { name: 'keyset', language: 'sql', file: 'queries/report.sql', code: 'SELECT id FROM posts WHERE id > $1 ORDER BY id LIMIT 20;\n' },
    { name: 'OFFSET 0', language: 'sql', file: 'queries/report.sql', code: 'SELECT id FROM posts ORDER BY id LIMIT 20 OFFSET 0;\n' },
  ],
  invalid: [
    {
      name: 'OFFSET parameter',
      language: 'sql',
      file: 'queries/report.sql',
      code: `
        SELECT id FROM posts ORDER BY id LIMIT 20 OFFSET $1;
                                                  ^^^^^^^^^ offset-pagination
      `,
    },
  ],
});
