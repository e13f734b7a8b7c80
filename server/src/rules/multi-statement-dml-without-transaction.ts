import type { FixProposal } from '../model/intents';
import { lineBreak } from '../model/text';
import { headTo, lineStartOf } from './support/migration';
import { defineRule } from './types';

export default defineRule({
  meta: {
    id: 'multi-statement-dml-without-transaction',
    category: 'query',
    defaultSeverity: 'warning',
    hurtsProduction: true,
    appliesTo: ['pg', 'sqlite', 'mysql'],
    fixable: true,
    summary: 'Several INSERT/UPDATE/DELETE statements in a script with no transaction around them.',
    why:
      'Statements that belong together (take money from one account, add it to another) must succeed or fail together. Run one by ' +
      'one, as psql and most clients do, each commits on its own: a failure in the middle leaves half the change in the database. ' +
      'This is for scripts (data fixes, sample-data loads and query files); migrations have wrap-in-transaction.',
    fix: 'Wrap the statements in `BEGIN;` ... `COMMIT;`.',
    examples: [
      {
        language: 'sql',
        file: 'queries/report.sql',
        bad: 'UPDATE accounts SET balance = balance - 100 WHERE id = 1;\nUPDATE accounts SET balance = balance + 100 WHERE id = 2;\n',
        good: 'BEGIN;\nUPDATE accounts SET balance = balance - 100 WHERE id = 1;\nUPDATE accounts SET balance = balance + 100 WHERE id = 2;\nCOMMIT;\n',
      },
    ],
  },

  checkStatements(ctx) {
    if (ctx.file.role !== 'script') return;
    const loose = ctx.statements.filter((s) => s.info.kind === 'dml' && !s.tx.inTransaction);
    if (loose.length < 2) return;
    const first = loose[0];
    const last = loose[loose.length - 1];
    const between = ctx.statements.filter((s) => s.index >= first.index && s.index <= last.index);
    const fixes: FixProposal[] = [];
    if (!between.some((s) => s.tx.inTransaction || s.info.kind === 'transaction')) {
      const nl = lineBreak(ctx.file.text);
      fixes.push({
        title: 'Wrap them in BEGIN; ... COMMIT;',
        safe: false,
        preferred: true,
        intent: {
          kind: 'edits',
          edits: [
            { at: lineStartOf(ctx, first), newText: `BEGIN;${nl}` },
            { at: { uri: ctx.file.uri, span: { start: last.view.ref.span.end, end: last.view.ref.span.end } }, newText: `${nl}COMMIT;` },
          ],
        },
      });
    }
    const info = first.info;
    ctx.report({
      message:
        `${loose.length} data changes run here without a transaction: each commits on its own, so a failure part-way leaves some applied and ` +
        'the rest not. Wrap them in BEGIN; ... COMMIT;.',
      at: headTo(first, info.kind === 'dml' ? info.table : undefined),
      fixes,
    });
  },
});
