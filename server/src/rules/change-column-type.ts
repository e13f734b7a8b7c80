import { alterTypeEffect } from '../model/type-change';
import { sessionSetting } from '../model/statements';
import { existing, existingWhy, headTo, isMigrationUp } from './support/migration';
import { defineRule } from './types';

export default defineRule({
  meta: {
    id: 'change-column-type',
    category: 'migration',
    defaultSeverity: 'warning',
    hurtsProduction: true,
    appliesTo: ['pg'],
    fixable: false,
    summary: 'ALTER COLUMN ... TYPE rewrites the table and its indexes under an ACCESS EXCLUSIVE lock.',
    why:
      'Changing a column\'s type rewrites every row and rebuilds every index of the table, holding an ACCESS EXCLUSIVE lock that ' +
      'blocks every read and write for the whole time, and it breaks code that still expects the old type. PostgreSQL skips the ' +
      'rewrite only for binary-compatible changes: a longer `varchar(n)`, `varchar` to `text`, a `numeric` with more precision ' +
      'and the same scale, `cidr` to `inet`. The old type is taken from the migration history, so those are not flagged.',
    fix: 'Add a new column, backfill it in batches, move readers and writers over, then drop the old column (expand/contract).',
    examples: [
      {
        language: 'sql',
        bad: 'ALTER TABLE orders ALTER COLUMN quantity TYPE bigint;\n',
        good: 'ALTER TABLE orders ALTER COLUMN note TYPE text;\n',
      },
    ],
  },

  checkStatements(ctx) {
    for (const st of ctx.statements) {
      const info = st.info;
      if (info.kind !== 'alter-table' || !isMigrationUp(ctx, st) || !existing(st, info.table.key)) continue;
      for (const a of info.actions) {
        if (a.type !== 'alter-type') continue;
        const before = st.before(info.table.key);
        const old = before?.columns.find((c) => c.name.toLowerCase() === a.column.toLowerCase());
        const timezone = sessionSetting(ctx.statements.filter((s) => s.index < st.index && s.direction === st.direction).map((s) => s.info), 'timezone');
        const effect = alterTypeEffect(a, old?.type, { pgVersion: ctx.pgVersion, timezone });
        if (effect === 'none') continue;
        // A new collation keeps the rows but rebuilds the column's indexes: worth saying only when it has some.
        const rebuilt = effect === 'reindex' ? (before?.indexes ?? []).filter((i) => i.columns.some((c) => c.toLowerCase() === a.column.toLowerCase())) : [];
        if (effect === 'reindex' && rebuilt.length === 0) continue;
        // Unknown old type and a change that is binary compatible from any likely source: not worth a warning.
        if (effect === undefined && a.newType && a.newType.name === 'text' && !a.newType.array) continue;
        const from = old ? ` from ${old.type.written || old.type.name}` : '';
        const to = a.newType ? ` to ${a.newType.written || a.newType.name}` : '';
        ctx.report({
          message:
            `Changing ${info.table.name}.${a.column}${from}${to} (${existingWhy(st, info.table.key)}) ` +
            (effect === 'reindex'
              ? `keeps the rows but rebuilds ${rebuilt.length === 1 ? 'the index' : 'the indexes'} ${rebuilt.map((i) => i.name ?? '').join(', ')} for the collation ${a.collation}`
              : effect === 'scan'
              ? 'reads every row to check the new limit'
              : effect === undefined
                ? 'rewrites the table and rebuilds its indexes unless the change is binary compatible (the history does not say the old type)'
                : 'rewrites the table and rebuilds its indexes') +
            ' while holding an ACCESS EXCLUSIVE lock, which blocks every read and write until it ends. Add a new column, backfill it, switch over, then drop the old one.',
          at: a.at ?? headTo(st, info.table),
        });
      }
    }
  },
});
