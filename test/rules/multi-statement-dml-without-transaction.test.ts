import { ruleTester } from '../helpers/rule-tester';

ruleTester('multi-statement-dml-without-transaction', {
  valid: [
    { name: 'in a transaction', language: 'sql', file: 'queries/report.sql', code: 'BEGIN;\nUPDATE a SET x = 1 WHERE id = 1;\nUPDATE a SET x = 2 WHERE id = 2;\nCOMMIT;\n' },
    { name: 'one change', language: 'sql', file: 'queries/report.sql', code: 'UPDATE a SET x = 1 WHERE id = 1;\nSELECT * FROM a;\n' },
    { name: 'migrations have wrap-in-transaction instead', language: 'sql', code: 'UPDATE a SET x = 1 WHERE id = 1;\nUPDATE a SET x = 2 WHERE id = 2;\n' },
  ],
  invalid: [
    {
      name: 'the money transfer',
      language: 'sql',
      file: 'queries/report.sql',
      code: `
        UPDATE accounts SET balance = balance - 100 WHERE id = 1;
        ^^^^^^^^^^^^^^^ multi-statement-dml-without-transaction
        INSERT INTO transfers (from_id, to_id, amount) VALUES (1, 2, 100);
      `,
      output: ['BEGIN;\nUPDATE accounts SET balance = balance - 100 WHERE id = 1;\nINSERT INTO transfers (from_id, to_id, amount) VALUES (1, 2, 100);\nCOMMIT;\n'],
    },
  ],
});
