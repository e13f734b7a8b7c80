import { ruleTester } from '../helpers/rule-tester';

ruleTester('volatile-default', {
  valid: [
    { name: 'constant default (PostgreSQL 11+)', language: 'sql', code: "ALTER TABLE t ADD COLUMN plan text DEFAULT 'free';\n" },
    { name: 'now() is stable, not volatile', language: 'sql', code: 'ALTER TABLE t ADD COLUMN at timestamptz DEFAULT now();\n' },
    { name: 'table created in the same file', language: 'sql', code: 'CREATE TABLE t (id bigint);\nALTER TABLE t ADD COLUMN token uuid DEFAULT gen_random_uuid();\n' },
  ],
  invalid: [
    {
      name: 'gen_random_uuid()',
      language: 'sql',
      code: `
        ALTER TABLE t ADD COLUMN token uuid DEFAULT gen_random_uuid();
                                                    ^^^^^^^^^^^^^^^^^ volatile-default
      `,
    },
    {
      name: 'any default before PostgreSQL 11',
      language: 'sql',
      config: { postgresVersion: 10 },
      code: `
        ALTER TABLE t ADD COLUMN plan text DEFAULT 'free';
                                                   ^^^^^^ volatile-default
      `,
    },
    {
      name: 'serial column',
      language: 'sql',
      code: `
        ALTER TABLE t ADD COLUMN n serial;
                      ^^^^^^^^^^^^^^^^^^^ volatile-default
      `,
    },
  ],
});
