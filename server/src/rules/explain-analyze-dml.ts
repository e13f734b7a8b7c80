import type { FixProposal } from '../model/intents';
import { lineBreak } from '../model/text';
import { blockEnd, lineStartOf, surelyOutsideTransaction } from './support/migration';
import { defineRule } from './types';

export default defineRule({
  meta: {
    id: 'explain-analyze-dml',
    category: 'query',
    defaultSeverity: 'warning',
    hurtsProduction: true,
    appliesTo: ['pg'],
    fixable: true,
    summary: 'EXPLAIN ANALYZE on INSERT, UPDATE or DELETE really runs the statement.',
    why:
      '`EXPLAIN ANALYZE` executes the statement to measure it. For a SELECT that only costs time; for INSERT, UPDATE, DELETE or ' +
      'MERGE the rows really change (and stay changed once committed), with the locks and triggers that go with it.',
    fix: 'Run it inside a transaction that is rolled back: `BEGIN;` ... `ROLLBACK;`. Plain EXPLAIN (without ANALYZE) shows the plan without running it.',
    examples: [
      {
        language: 'sql',
        file: 'queries/report.sql',
        bad: "EXPLAIN ANALYZE DELETE FROM sessions WHERE expires_at < now();\n",
        good: "BEGIN;\nEXPLAIN ANALYZE DELETE FROM sessions WHERE expires_at < now();\nROLLBACK;\n",
      },
    ],
  },

  checkStatements(ctx) {
    for (const st of ctx.statements) {
      const info = st.info;
      if (info.kind !== 'explain' || !info.analyze || info.inner.kind !== 'dml' || ctx.file.role === 'down') continue;
      const end = st.tx.how === 'explicit' ? blockEnd(ctx, st) : undefined;
      if (end?.info.kind === 'transaction' && end.info.op === 'rollback') continue;
      const fixes: FixProposal[] = [];
      if (surelyOutsideTransaction(st)) {
        const nl = lineBreak(ctx.file.text);
        fixes.push({
          title: 'Run it in BEGIN; ... ROLLBACK;',
          safe: false,
          preferred: true,
          intent: {
            kind: 'edits',
            edits: [
              { at: lineStartOf(ctx, st), newText: `BEGIN;${nl}` },
              { at: { uri: ctx.file.uri, span: { start: st.view.ref.span.end, end: st.view.ref.span.end } }, newText: `${nl}ROLLBACK;` },
            ],
          },
        });
      }
      ctx.report({
        message: `EXPLAIN ANALYZE runs the ${info.inner.op.toUpperCase()} for real: its changes stay once committed. Run it between BEGIN and ROLLBACK, or use EXPLAIN without ANALYZE.`,
        at: st.view.head(2),
        fixes,
      });
    }
  },
});
