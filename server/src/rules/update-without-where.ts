import { unfilteredDml } from './support/migration';
import { defineRule } from './types';

export default defineRule({
  meta: {
    id: 'update-without-where',
    category: 'query',
    defaultSeverity: 'error',
    hurtsProduction: true,
    appliesTo: ['pg', 'sqlite', 'mysql'],
    fixable: false,
    summary: 'UPDATE without WHERE changes every row of the table.',
    why:
      'An UPDATE without WHERE sets the columns in every row of the table. In a script or query file that is almost always a ' +
      'missing condition, and the old values are gone once it commits; on a big table it also locks every row until then.',
    fix: 'Add the WHERE clause that selects the rows you mean. If every row really is meant, `WHERE true` says so.',
    examples: [{ language: 'sql', file: 'queries/report.sql', bad: "UPDATE users SET plan = 'free';\n", good: "UPDATE users SET plan = 'free' WHERE plan IS NULL;\n" }],
  },

  checkStatements(ctx) {
    for (const { table, at } of unfilteredDml(ctx, 'update')) {
      ctx.report({
        message: `UPDATE ${table} has no WHERE clause: it changes every row of the table, and the old values are lost once it commits. Add the condition you mean (WHERE true if it really is every row).`,
        at,
      });
    }
  },
});
