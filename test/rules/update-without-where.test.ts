import { ruleTester } from '../helpers/rule-tester';

ruleTester('update-without-where', {
  valid: [
    { name: 'with WHERE', language: 'sql', file: 'queries/report.sql', code: "UPDATE users SET plan = 'free' WHERE id = $1;\n" },
    { name: 'WHERE true says it is meant', language: 'sql', file: 'queries/report.sql', code: "UPDATE users SET plan = 'free' WHERE true;\n" },
    { name: 'inside a function body: not a statement of the file', language: 'sql', file: 'queries/report.sql', code: "CREATE FUNCTION f() RETURNS void LANGUAGE plpgsql AS $$ BEGIN UPDATE users SET plan = 'free'; END $$;\n" },
  ],
  invalid: [
    {
      name: 'top level',
      language: 'sql',
      file: 'queries/report.sql',
      code: `
        UPDATE users SET plan = 'free';
        ^^^^^^^^^^^^ update-without-where
      `,
    },
    {
      name: 'inside WITH',
      language: 'sql',
      file: 'queries/report.sql',
      code: `
        WITH x AS (UPDATE users SET plan = 'free' RETURNING id) SELECT count(*) FROM x;
             ^ update-without-where
      `,
    },
  ],
});
