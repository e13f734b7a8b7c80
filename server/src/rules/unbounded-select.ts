import { defineRule } from './types';

export default defineRule({
  meta: {
    id: 'unbounded-select',
    category: 'query',
    defaultSeverity: 'off',
    appliesTo: ['pg', 'sqlite', 'mysql'],
    fixable: false,
    summary: 'A query that reads a table without LIMIT.',
    why:
      'A query without LIMIT returns however many rows match, and tables grow: what returns ten rows in development returns a ' +
      'million in production, all read, sent and held in memory at once. Off by default, since reports and exports mean to read ' +
      'everything; turn it on for query files that serve an application. Aggregates without GROUP BY (one row) are not flagged.',
    fix: 'Add LIMIT (with ORDER BY, so the page is well defined), or page through the results with keyset pagination.',
    examples: [
      { language: 'sql', file: 'queries/report.sql', bad: 'SELECT id, email FROM users WHERE plan = $1;\n', good: 'SELECT id, email FROM users WHERE plan = $1 ORDER BY id LIMIT 100;\n' },
    ],
  },

  checkStatements(ctx) {
    if (ctx.file.role !== 'script') return;
    for (const st of ctx.statements) {
      const info = st.info;
      if (info.kind !== 'select' || info.into || !info.select.hasFrom || info.select.limited || info.select.singleRow) continue;
      ctx.report({
        message: 'This SELECT has no LIMIT: it returns every matching row, however many the table grows to. Add ORDER BY ... LIMIT, or page with a keyset.',
        at: st.view.head(1),
      });
    }
  },
});
