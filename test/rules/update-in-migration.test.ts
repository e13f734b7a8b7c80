import { ruleTester } from '../helpers/rule-tester';

ruleTester('update-in-migration', {
  valid: [
    { name: 'batched with a LIMIT subquery', language: 'sql', code: "UPDATE users SET plan = 'free' WHERE id IN (SELECT id FROM users WHERE plan IS NULL LIMIT 1000);\n" },
    { name: 'one row by primary key', language: 'sql', code: "UPDATE settings SET value = 'x' WHERE id = 1;\n" },
    { name: 'table created in the same migration', language: 'sql', code: "CREATE TABLE t (id int, x int);\nINSERT INTO t VALUES (1, 1);\nUPDATE t SET x = 2;\n" },
  ],
  invalid: [
    {
      name: 'backfill of an existing table',
      language: 'sql',
      code: `
        UPDATE users SET plan = 'free' WHERE plan IS NULL;
        ^^^^^^^^^^^^ update-in-migration
      `,
    },
  ],
});
