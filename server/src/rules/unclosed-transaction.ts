import type { FixProposal } from '../model/intents';
import { lineBreak } from '../model/text';
import { blockEnd, removalSpan } from './support/migration';
import { defineRule } from './types';

export default defineRule({
  meta: {
    id: 'unclosed-transaction',
    category: 'migration',
    defaultSeverity: 'error',
    hurtsProduction: true,
    appliesTo: ['pg'],
    fixable: true,
    summary: 'BEGIN without COMMIT or ROLLBACK, or a BEGIN inside a transaction that is already open.',
    why:
      'A transaction left open at the end of a script keeps its locks until the connection closes, and the runner\'s own ' +
      'bookkeeping (recording the migration as applied) then runs inside it or fails. A BEGIN inside an open transaction does ' +
      'nothing but warn ("there is already a transaction in progress"), and its COMMIT then commits the outer transaction early: ' +
      'for a runner that wraps each migration in a transaction (goose, dbmate, sqlx, Diesel, Flyway...) the statements after it ' +
      'are no longer atomic with the rest.',
    fix: 'Close the transaction: append `COMMIT;` (for a missing COMMIT), or remove the inner BEGIN and its COMMIT (for a nested one).',
    examples: [
      { language: 'sql', bad: 'BEGIN;\nALTER TABLE users ADD COLUMN plan text;\n', good: 'BEGIN;\nALTER TABLE users ADD COLUMN plan text;\nCOMMIT;\n' },
    ],
  },

  checkStatements(ctx) {
    const file = ctx.file;
    const nl = lineBreak(file.text);
    if (file.unclosedBegin !== undefined) {
      const st = ctx.statements.find((s) => s.index === file.unclosedBegin)!;
      // COMMIT goes at the end of the section: before a down marker that follows, else at the end of the file.
      const down = st.direction === 'up' ? file.markers.find((m) => m.direction === 'down' && m.span.start > st.view.ref.span.end) : undefined;
      const last = [...ctx.statements].reverse().find((s) => s.direction === st.direction && (!down || s.view.ref.span.end <= down.span.start));
      const end = last ? last.view.ref.span.end : st.view.ref.span.end;
      ctx.report({
        message:
          'This BEGIN is never closed: nothing after it commits or rolls back, so the transaction stays open at the end of the script, holding its locks, ' +
          "and the migration runner's own statements run inside it. Add COMMIT; at the end.",
        at: st.view.ref,
        fixes: [{ title: 'Append COMMIT;', safe: false, preferred: true, intent: { kind: 'replace', at: { uri: file.uri, span: { start: end, end } }, newText: `${nl}COMMIT;` } }],
      });
    }
    for (const index of file.nestedBegins) {
      const st = ctx.statements.find((s) => s.index === index)!;
      const runner = st.tx.how === 'runner' || (st.tx.how === 'explicit' && file.run?.mode === 'transaction');
      const fixes: FixProposal[] = [];
      const end = blockEnd(ctx, st);
      if (runner && end) {
        fixes.push({ title: 'Remove this BEGIN and its COMMIT (the runner already opens a transaction)', safe: false, intent: { kind: 'edits', edits: [{ at: removalSpan(ctx, st), newText: '' }, { at: removalSpan(ctx, end), newText: '' }] } });
      }
      ctx.report({
        message: runner
          ? `BEGIN inside the transaction the runner already opened (${file.run?.reason ?? 'the runner wraps the migration'}): PostgreSQL ignores it with a warning, and the COMMIT that follows commits the runner's transaction early, so what comes after is no longer atomic. Remove BEGIN and COMMIT.`
          : 'BEGIN inside a transaction that is already open: PostgreSQL ignores it with a warning, and the first COMMIT ends the outer transaction. Remove the inner BEGIN or close the first transaction before it.',
        at: st.view.ref,
        fixes,
      });
    }
  },
});
