import { ruleTester } from '../helpers/rule-tester';

const view = 'CREATE MATERIALIZED VIEW totals AS SELECT day, sum(amount) AS total FROM payments GROUP BY day;\n';

ruleTester('refresh-concurrently-needs-unique-index', {
  valid: [
    { name: 'unique index on plain columns', language: 'sql', code: `${view}CREATE UNIQUE INDEX totals_day ON totals (day);\nREFRESH MATERIALIZED VIEW CONCURRENTLY totals;\n` },
    { name: 'a view the history does not create is not judged', language: 'sql', code: 'REFRESH MATERIALIZED VIEW CONCURRENTLY elsewhere;\n' },
  ],
  invalid: [
    {
      name: 'only a partial unique index',
      language: 'sql',
      code: `
        ${view.trim()}
        CREATE UNIQUE INDEX totals_day ON totals (day) WHERE total > 0;
        REFRESH MATERIALIZED VIEW CONCURRENTLY totals;
        ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^ refresh-concurrently-needs-unique-index
      `,
    },
  ],
});
