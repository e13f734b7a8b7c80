import { headTo } from './support/migration';
import { defineRule } from './types';

export default defineRule({
  meta: {
    id: 'update-without-where',
    category: 'query',
    defaultSeverity: 'error',
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
    if (ctx.file.role !== 'script') return;
    for (const st of ctx.statements) {
      const info = st.info;
      if (info.kind !== 'dml' && info.kind !== 'select') continue;
      const parts = info.kind === 'dml' ? [info, ...info.ctes] : info.ctes;
      for (const d of parts) {
        if (d.op !== 'update' || d.hasWhere || !d.table) continue;
        const table = d.table.name;
        ctx.report({
          message: `UPDATE ${table} has no WHERE clause: it changes every row of the table, and the old values are lost once it commits. Add the condition you mean (WHERE true if it really is every row).`,
          at: d === info ? headTo(st, d.table) : (d.at ?? headTo(st, d.table)),
        });
      }
    }
  },
});
