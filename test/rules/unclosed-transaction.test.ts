import { ruleTester } from '../helpers/rule-tester';

ruleTester('unclosed-transaction', {
  valid: [
    { name: 'closed', language: 'sql', code: 'BEGIN;\nALTER TABLE t ADD COLUMN x int;\nCOMMIT;\n' },
    { name: 'rolled back', language: 'sql', file: 'queries/try.sql', code: 'BEGIN;\nDELETE FROM t WHERE id = 1;\nROLLBACK;\n' },
    {
      name: 'runner not known: its transaction may close it',
      language: 'sql',
      file: 'db/updates/0002_b.sql',
      files: { 'db/updates/0001_a.sql': 'CREATE TABLE t (id bigint PRIMARY KEY);\n' },
      code: 'BEGIN;\nALTER TABLE t ADD COLUMN x int;\n',
    },
  ],
  invalid: [
    {
      name: 'never committed',
      language: 'sql',
      code: `
        BEGIN;
        ^^^^^^ unclosed-transaction
        ALTER TABLE t ADD COLUMN x int;
      `,
      output: ['BEGIN;\nALTER TABLE t ADD COLUMN x int;\nCOMMIT;\n'],
    },
    {
      name: 'goose Up section: COMMIT goes before the Down marker',
      language: 'sql',
      file: 'db/00001_a.sql',
      code: `
        -- +goose NO TRANSACTION
        -- +goose Up
        BEGIN;
        ^^^^^^ unclosed-transaction
        ALTER TABLE t ADD COLUMN x int;
        -- +goose Down
        ALTER TABLE t DROP COLUMN x;
      `,
      output: ['-- +goose NO TRANSACTION\n-- +goose Up\nBEGIN;\nALTER TABLE t ADD COLUMN x int;\nCOMMIT;\n-- +goose Down\nALTER TABLE t DROP COLUMN x;\n'],
    },
    {
      name: 'BEGIN inside the transaction dbmate already opened',
      language: 'sql',
      file: 'db/migrations/20240101000000_a.sql',
      code: `
        -- migrate:up
        BEGIN;
        ^^^^^^ unclosed-transaction
        ALTER TABLE t ADD COLUMN x int;
        COMMIT;
      `,
      output: ['-- migrate:up\nALTER TABLE t ADD COLUMN x int;\n'],
    },
  ],
});
