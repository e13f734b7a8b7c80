import { ruleTester } from '../helpers/rule-tester';

const add = 'ALTER TABLE orders ADD CONSTRAINT orders_c_fk FOREIGN KEY (c) REFERENCES c (id) NOT VALID;\n';

ruleTester('validate-in-same-transaction', {
  valid: [
    { name: 'plain file: each statement commits on its own', language: 'sql', code: `${add}ALTER TABLE orders VALIDATE CONSTRAINT orders_c_fk;\n` },
    { name: 'validated after COMMIT', language: 'sql', code: `BEGIN;\n${add}COMMIT;\nALTER TABLE orders VALIDATE CONSTRAINT orders_c_fk;\n` },
  ],
  invalid: [
    {
      name: 'one goose migration (one transaction)',
      language: 'sql',
      file: 'db/00002_fk.sql',
      code: `
        -- +goose Up
        ${add.trim()}
        ALTER TABLE orders VALIDATE CONSTRAINT orders_c_fk;
                           ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^ validate-in-same-transaction
      `,
    },
  ],
});
