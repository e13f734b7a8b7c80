import { ruleTester } from '../helpers/rule-tester';

const init = 'CREATE TABLE t (id bigint PRIMARY KEY, name varchar(50), n integer, amount numeric(10,2), body text);\n';
const later = (code: string) => ({ language: 'sql' as const, file: 'migrations/0002_change.sql', files: { 'migrations/0001_init.sql': init }, code });

ruleTester('change-column-type', {
  valid: [
    { name: 'longer varchar: binary compatible', ...later('ALTER TABLE t ALTER COLUMN name TYPE varchar(100);\n') },
    { name: 'varchar to text', ...later('ALTER TABLE t ALTER COLUMN name TYPE text;\n') },
    { name: 'more numeric precision, same scale', ...later('ALTER TABLE t ALTER COLUMN amount TYPE numeric(14,2);\n') },
    { name: 'table created in the same file', language: 'sql', code: `${init}ALTER TABLE t ALTER COLUMN n TYPE bigint;\n` },
  ],
  invalid: [
    {
      name: 'int to bigint rewrites',
      ...later(`
        ALTER TABLE t ALTER COLUMN n TYPE bigint;
                      ^^^^^^^^^^^^^^^^^^^^^^^^^^ change-column-type
      `),
    },
    {
      name: 'text to a bounded varchar scans',
      ...later(`
        ALTER TABLE t ALTER COLUMN body TYPE varchar(20);
                      ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^ change-column-type
      `),
    },
  ],
});
