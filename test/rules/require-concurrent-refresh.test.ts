import { ruleTester } from '../helpers/rule-tester';

const view = 'CREATE MATERIALIZED VIEW totals AS SELECT day, sum(amount) AS total FROM payments GROUP BY day;\n';

ruleTester('require-concurrent-refresh', {
  valid: [
    { name: 'already concurrent', language: 'sql', code: 'REFRESH MATERIALIZED VIEW CONCURRENTLY totals;\n' },
    { name: 'view created in the same file', language: 'sql', code: `${view}REFRESH MATERIALIZED VIEW totals;\n` },
  ],
  invalid: [
    {
      name: 'with a unique index from an earlier migration: CONCURRENTLY offered',
      language: 'sql',
      file: 'migrations/0002_refresh.sql',
      files: { 'migrations/0001_init.sql': `${view}CREATE UNIQUE INDEX totals_day_key ON totals (day);\n` },
      code: `
        REFRESH MATERIALIZED VIEW totals;
        ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^ require-concurrent-refresh
      `,
      output: ['REFRESH MATERIALIZED VIEW CONCURRENTLY totals;\n'],
    },
    {
      name: 'without a unique index: no fix (it would fail)',
      language: 'sql',
      file: 'migrations/0002_refresh.sql',
      files: { 'migrations/0001_init.sql': view },
      code: `
        REFRESH MATERIALIZED VIEW totals;
        ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^ require-concurrent-refresh
      `,
      output: [],
    },
  ],
});
