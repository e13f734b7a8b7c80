import { ruleTester } from '../helpers/rule-tester';

ruleTester('rls-enabled-no-policy', {
  valid: [
    { name: 'with a policy', language: 'sql', code: 'CREATE TABLE n (id bigint PRIMARY KEY);\nALTER TABLE n ENABLE ROW LEVEL SECURITY;\nCREATE POLICY p ON n USING (true);\n' },
    { name: 'RLS off', language: 'sql', code: 'CREATE TABLE n (id bigint PRIMARY KEY);\n' },
    { name: 'a table created elsewhere (partial) is not judged', language: 'sql', code: 'ALTER TABLE n ENABLE ROW LEVEL SECURITY;\n' },
  ],
  invalid: [
    {
      name: 'enabled, no policy',
      language: 'sql',
      code: `
        CREATE TABLE notes (id bigint PRIMARY KEY);
                     ^^^^^ rls-enabled-no-policy
        ALTER TABLE notes ENABLE ROW LEVEL SECURITY;
      `,
    },
    {
      name: 'the only policy dropped again',
      language: 'sql',
      code: `
        CREATE TABLE notes (id bigint PRIMARY KEY);
                     ^^^^^ rls-enabled-no-policy
        ALTER TABLE notes ENABLE ROW LEVEL SECURITY;
        CREATE POLICY p ON notes USING (true);
        DROP POLICY p ON notes;
      `,
    },
  ],
});
