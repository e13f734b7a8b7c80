import { unfilteredDml } from './support/migration';
import { defineRule } from './types';

export default defineRule({
  meta: {
    id: 'delete-without-where',
    category: 'query',
    defaultSeverity: 'error',
    hurtsProduction: true,
    appliesTo: ['pg', 'sqlite', 'mysql'],
    fixable: false,
    summary: 'DELETE without WHERE removes every row of the table.',
    why:
      'A DELETE without WHERE removes every row of the table. In a script or query file that is almost always a missing ' +
      'condition, and the rows are gone once it commits. (To empty a table on purpose, TRUNCATE says so and is faster.)',
    fix: 'Add the WHERE clause that selects the rows you mean, or use TRUNCATE when emptying the table is the point.',
    examples: [{ language: 'sql', file: 'queries/report.sql', bad: 'DELETE FROM sessions;\n', good: 'DELETE FROM sessions WHERE expires_at < now();\n' }],
  },

  checkStatements(ctx) {
    for (const { table, at } of unfilteredDml(ctx, 'delete')) {
      ctx.report({
        message: `DELETE FROM ${table} has no WHERE clause: it removes every row of the table. Add the condition you mean, or use TRUNCATE if emptying it is the point.`,
        at,
      });
    }
  },
});
