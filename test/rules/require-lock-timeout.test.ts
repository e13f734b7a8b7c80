import { ruleTester } from '../helpers/rule-tester';

const on = { rules: { 'require-lock-timeout': 'warning' as const } };

ruleTester('require-lock-timeout', {
  valid: [
    { name: 'off by default', language: 'sql', code: 'ALTER TABLE users ADD COLUMN plan text;\n' },
    { name: 'timeout set first', language: 'sql', overrides: on, code: "SET lock_timeout = '3s';\nALTER TABLE users ADD COLUMN plan text;\n" },
    { name: 'CREATE INDEX takes SHARE, not ACCESS EXCLUSIVE', language: 'sql', overrides: on, code: 'CREATE INDEX CONCURRENTLY u_p ON users (plan);\n' },
    { name: 'table created in the same file', language: 'sql', overrides: on, code: 'CREATE TABLE t (id int);\nALTER TABLE t ADD COLUMN x int;\n' },
  ],
  invalid: [
    {
      name: 'one fix for all: SET lock_timeout before the first',
      language: 'sql',
      overrides: on,
      code: `
        ALTER TABLE users ADD COLUMN plan text;
        ^^^^^^^^^^^^^^^^^ require-lock-timeout
      `,
      output: ["SET lock_timeout = '5s';\nALTER TABLE users ADD COLUMN plan text;\n"],
    },
  ],
});
