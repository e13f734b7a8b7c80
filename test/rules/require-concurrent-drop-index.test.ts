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
      name: 'golang-migrate: moved to a migration of its own when nothing later changes the table',
      language: 'sql',
      file: 'migrations/000002_drop.up.sql',
      files: { 'migrations/000001_init.up.sql': init, 'migrations/000001_init.down.sql': '', 'migrations/000002_drop.down.sql': '' },
      code: `
        ALTER TABLE t ADD COLUMN y int;
        DROP INDEX t_x_idx;
        ^^^^^^^^^^^^^^^^^^ require-concurrent-drop-index
      `,
      output: ['ALTER TABLE t ADD COLUMN y int;\n'],
    },
    {
      name: 'golang-migrate: the same index dropped twice in the file (IF EXISTS): neither moved (the other DROP would then drop it here)',
      language: 'sql',
      file: 'migrations/000002_drop.up.sql',
      files: { 'migrations/000001_init.up.sql': init, 'migrations/000001_init.down.sql': '', 'migrations/000002_drop.down.sql': '' },
      code: `
        ALTER TABLE t ADD COLUMN y int;
        DROP INDEX IF EXISTS t_x_idx;
        ^^^^^^^^^^^^^^^^^^^^^^^^^^^^ require-concurrent-drop-index
        DROP INDEX IF EXISTS t_x_idx;
        ^^^^^^^^^^^^^^^^^^^^^^^^^^^^ require-concurrent-drop-index
      `,
      output: [],
    },
    {
      name: 'golang-migrate: not moved past a later migration that changes the index\'s table',
      language: 'sql',
      file: 'migrations/000002_drop.up.sql',
      files: {
        'migrations/000001_init.up.sql': init,
        'migrations/000001_init.down.sql': '',
        'migrations/000002_drop.down.sql': '',
        'migrations/000003_more.up.sql': 'CREATE INDEX t_y_idx ON t (y);\n',
        'migrations/000003_more.down.sql': '',
      },
      code: `
        ALTER TABLE t ADD COLUMN y int;
        DROP INDEX t_x_idx;
        ^^^^^^^^^^^^^^^^^^ require-concurrent-drop-index
      `,
      output: [],
    },
    {
      name: 'an index of an earlier migration renamed, then dropped: renaming does not create it here',
      language: 'sql',
      file: 'migrations/000002_drop.up.sql',
      files: { 'migrations/000001_init.up.sql': init },
      code: `
        ALTER INDEX t_x_idx RENAME TO t_x_old;
        DROP INDEX t_x_old;
        ^^^^^^^^^^^^^^^^^^ require-concurrent-drop-index
      `,
      output: ['ALTER INDEX t_x_idx RENAME TO t_x_old;\n'],
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
