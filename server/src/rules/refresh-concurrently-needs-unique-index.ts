import { headTo } from './support/migration';
import { defineRule } from './types';

export default defineRule({
  meta: {
    id: 'refresh-concurrently-needs-unique-index',
    category: 'migration',
    defaultSeverity: 'error',
    hurtsProduction: true,
    appliesTo: ['pg'],
    fixable: false,
    summary: 'REFRESH MATERIALIZED VIEW CONCURRENTLY needs a unique index on the view.',
    why:
      'To refresh concurrently, PostgreSQL matches old and new rows by a unique index that covers every row: plain columns, ' +
      'no WHERE clause. Without one the statement fails ("cannot refresh materialized view concurrently"). Judged from the ' +
      'migration history: only views it creates are checked.',
    fix: 'Create a unique index on the view (for example on its key columns) before refreshing it concurrently.',
    examples: [
      {
        language: 'sql',
        bad:
          'CREATE MATERIALIZED VIEW daily_totals AS SELECT day, sum(amount) AS total FROM payments GROUP BY day;\n' +
          'REFRESH MATERIALIZED VIEW CONCURRENTLY daily_totals;\n',
        good:
          'CREATE MATERIALIZED VIEW daily_totals AS SELECT day, sum(amount) AS total FROM payments GROUP BY day;\n' +
          'CREATE UNIQUE INDEX daily_totals_day_key ON daily_totals (day);\n' +
          'REFRESH MATERIALIZED VIEW CONCURRENTLY daily_totals;\n',
      },
    ],
  },

  checkStatements(ctx) {
    for (const st of ctx.statements) {
      const info = st.info;
      if (info.kind !== 'refresh' || !info.concurrently || st.direction !== 'up' || ctx.file.role === 'down') continue;
      const view = st.before(info.view.key);
      if (!view || view.partial || view.kind !== 'materialized view') continue;
      const ok = view.indexes.some((i) => (i.kind === 'unique' || i.kind === 'primary') && !i.where && i.columns.every((c) => !c.startsWith('(')));
      if (ok) continue;
      ctx.report({
        message:
          `${view.name} has no unique index on plain columns without a WHERE clause, so REFRESH MATERIALIZED VIEW CONCURRENTLY fails. ` +
          'Create one first, for example on the columns that identify a row of the view.',
        at: headTo(st, info.view),
      });
    }
  },
});
