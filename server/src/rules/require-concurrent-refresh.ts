import type { Table } from '../model/schema';
import type { FixProposal } from '../model/intents';
import { headTo } from './support/migration';
import { defineRule } from './types';

/** A unique index REFRESH ... CONCURRENTLY can use: plain columns only, no predicate. */
export function refreshKey(t: Table | undefined): boolean {
  return !!t?.indexes.some((i) => (i.kind === 'unique' || i.kind === 'primary') && !i.where && i.columns.every((c) => !c.startsWith('(')));
}

export default defineRule({
  meta: {
    id: 'require-concurrent-refresh',
    category: 'migration',
    defaultSeverity: 'info',
    appliesTo: ['pg'],
    fixable: true,
    summary: 'Refresh materialized views with REFRESH MATERIALIZED VIEW CONCURRENTLY.',
    why:
      'A plain `REFRESH MATERIALIZED VIEW` takes an ACCESS EXCLUSIVE lock on the view and recomputes it from scratch: every ' +
      'query that reads the view waits for the whole recomputation. `CONCURRENTLY` computes the new contents beside the old ' +
      'ones and swaps the differences in, so readers carry on (it needs a unique index on the view, and takes longer).',
    fix:
      'Insert `CONCURRENTLY`, offered only when the migration history gives the view a unique index on plain columns without ' +
      'a WHERE clause; otherwise create such an index first.',
    examples: [
      {
        language: 'sql',
        bad: 'REFRESH MATERIALIZED VIEW daily_totals;\n',
        good: 'REFRESH MATERIALIZED VIEW CONCURRENTLY daily_totals;\n',
      },
    ],
  },

  checkStatements(ctx) {
    for (const st of ctx.statements) {
      const info = st.info;
      if (info.kind !== 'refresh' || info.concurrently || info.withNoData) continue;
      if (ctx.file.role === 'down' || st.direction !== 'up' || st.createdInFile(info.view.key)) continue;
      const view = st.before(info.view.key);
      const fixes: FixProposal[] = [];
      const kw = st.view.keyword('view');
      if (refreshKey(view) && kw) {
        fixes.push({ title: 'Use REFRESH MATERIALIZED VIEW CONCURRENTLY', safe: false, preferred: true, intent: { kind: 'replace', at: st.view.after(kw.index), newText: ' CONCURRENTLY' } });
      }
      const hint = refreshKey(view)
        ? 'Use REFRESH MATERIALIZED VIEW CONCURRENTLY.'
        : 'Give the view a unique index on plain columns, then use REFRESH MATERIALIZED VIEW CONCURRENTLY.';
      ctx.report({
        message: `REFRESH MATERIALIZED VIEW ${info.view.name} takes an ACCESS EXCLUSIVE lock on the view, which blocks every read of it until the recomputation ends. ${hint}`,
        at: headTo(st, info.view),
        fixes,
      });
    }
  },
});
