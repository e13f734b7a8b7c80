import { ruleTester } from '../helpers/rule-tester';

const init = 'CREATE TABLE t (id bigint PRIMARY KEY, name varchar(50), n integer, amount numeric(10,2), body text, at timestamp, tag text);\nCREATE INDEX t_body_idx ON t (body);\n';
const later = (code: string) => ({ language: 'sql' as const, file: 'migrations/0002_change.sql', files: { 'migrations/0001_init.sql': init }, code });

ruleTester('change-column-type', {
  valid: [
    { name: 'longer varchar: binary compatible', ...later('ALTER TABLE t ALTER COLUMN name TYPE varchar(100);\n') },
    { name: 'varchar to text', ...later('ALTER TABLE t ALTER COLUMN name TYPE text;\n') },
    { name: 'more numeric precision, same scale', ...later('ALTER TABLE t ALTER COLUMN amount TYPE numeric(14,2);\n') },
    { name: 'timestamp to timestamptz with the session in UTC: no rewrite on PostgreSQL 12+', ...later("SET timezone = 'UTC';\nALTER TABLE t ALTER COLUMN at TYPE timestamptz;\n") },
    { name: 'SET TIME ZONE spelling', ...later("SET TIME ZONE 'UTC';\nALTER TABLE t ALTER COLUMN at TYPE timestamptz;\n") },
    { name: 'a new collation on a column without indexes keeps the rows', ...later('ALTER TABLE t ALTER COLUMN tag TYPE text COLLATE "C";\n') },
    { name: 'table created in the same file', language: 'sql', code: `${init}ALTER TABLE t ALTER COLUMN n TYPE bigint;\n` },
  ],
  invalid: [
    {
      name: 'timestamp to timestamptz rewrites when the session time zone is not UTC',
      ...later(`
        SET timezone = 'Europe/Paris';
        ALTER TABLE t ALTER COLUMN at TYPE timestamptz;
                      ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^ change-column-type
      `),
    },
    {
      name: 'timestamp to timestamptz in UTC still rewrites before PostgreSQL 12',
      config: { postgresVersion: 11 },
      ...later(`
        SET timezone = 'UTC';
        ALTER TABLE t ALTER COLUMN at TYPE timestamptz;
                      ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^ change-column-type
      `),
    },
    {
      name: 'a new collation rebuilds the indexes on the column',
      ...later(`
        ALTER TABLE t ALTER COLUMN body TYPE text COLLATE "C";
                      ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^ change-column-type
      `),
    },
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
