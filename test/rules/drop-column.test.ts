import { ruleTester } from '../helpers/rule-tester';

ruleTester('drop-column', {
  valid: [
    { name: 'table created in the same migration', language: 'sql', code: 'CREATE TABLE t (id bigint, x int);\nALTER TABLE t DROP COLUMN x;\n' },
    { name: 'down migration', language: 'sql', file: 'db/2_x.down.sql', files: { 'db/2_x.up.sql': 'ALTER TABLE t ADD COLUMN x int;\n' }, code: 'ALTER TABLE t DROP COLUMN x;\n' },
  ],
  invalid: [
    {
      name: 'existing table, one finding per dropped column',
      language: 'sql',
      code: `
        ALTER TABLE t DROP COLUMN a, DROP COLUMN b;
                      ^^^^^^^^^^^^^ drop-column
                                     ^^^^^^^^^^^^^ drop-column
      `,
    },
  ],
});
