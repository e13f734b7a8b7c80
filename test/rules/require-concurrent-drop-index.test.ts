import { ruleTester } from '../helpers/rule-tester';

const init = 'CREATE TABLE t (id bigint PRIMARY KEY, x int);\nCREATE INDEX t_x_idx ON t (x);\n';

ruleTester('require-concurrent-drop-index', {
  valid: [
    { name: 'already concurrent', language: 'sql', code: 'DROP INDEX CONCURRENTLY t_x_idx;\n' },
    { name: 'index created earlier in the same file', language: 'sql', code: `${init}DROP INDEX t_x_idx;\n` },
  ],
  invalid: [
    {
      name: 'index from an earlier migration',
      language: 'sql',
      file: 'migrations/000002_drop.up.sql',
      files: { 'migrations/000001_init.up.sql': init },
      code: `
        DROP INDEX t_x_idx;
        ^^^^^^^^^^^^^^^^^^ require-concurrent-drop-index
      `,
      output: ['DROP INDEX CONCURRENTLY t_x_idx;\n'],
    },
    {
      name: 'several indexes or CASCADE: no automatic fix',
      language: 'sql',
      code: `
        DROP INDEX a_idx, b_idx CASCADE;
        ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^ require-concurrent-drop-index
      `,
      output: [],
    },
  ],
});
