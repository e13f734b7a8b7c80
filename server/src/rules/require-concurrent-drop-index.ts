import type { FixProposal } from '../model/intents';
import { headTo, isMigrationUp, moveToOwnMigration, surelyOutsideTransaction, statementSql, transactionReason, UNKNOWN_RUNNER_CONCURRENTLY } from './support/migration';
import { defineRule } from './types';

export default defineRule({
  meta: {
    id: 'require-concurrent-drop-index',
    category: 'migration',
    defaultSeverity: 'warning',
    hurtsProduction: true,
    appliesTo: ['pg'],
    fixable: true,
    summary: 'Drop indexes of existing tables with DROP INDEX CONCURRENTLY.',
    why:
      'A plain `DROP INDEX` takes an ACCESS EXCLUSIVE lock on the index\'s table. Dropping is quick, but the lock has to wait ' +
      'for every running query on the table, and while it waits every new query, reads included, queues behind it. ' +
      '`DROP INDEX CONCURRENTLY` waits for those queries without blocking anyone. Indexes created earlier in the same ' +
      'migration file, or on tables created there, are not flagged.',
    fix:
      'Insert `CONCURRENTLY` (one index per statement, no CASCADE). Outside a transaction only: when the migration runs in one, ' +
      'the fix moves the statement to a migration of its own instead.',
    examples: [
      { language: 'sql', bad: 'DROP INDEX orders_status_idx;\n', good: 'DROP INDEX CONCURRENTLY orders_status_idx;\n' },
    ],
  },

  checkStatements(ctx) {
    for (const st of ctx.statements) {
      const info = st.info;
      if (info.kind !== 'drop-index' || info.concurrently || !isMigrationUp(ctx, st)) continue;
      // Only indexes on data that already exists: not created in this file, nor on a table created here.
      if (info.indexes.every((ix) => st.indexCreatedInFile(ix.name))) continue;
      const owners = [...new Set(info.indexes.map((ix) => st.indexTable(ix.name)?.key).filter((k): k is string => !!k))];
      if (owners.length && owners.every((k) => st.createdInFile(k))) continue;
      const fixes: FixProposal[] = [];
      const kw = st.view.keyword('index');
      const simple = info.indexes.length === 1 && !info.cascade;
      let tail = '';
      if (st.tx.runnerUnknown) tail = UNKNOWN_RUNNER_CONCURRENTLY;
      else if (simple && kw && surelyOutsideTransaction(st)) {
        fixes.push({ title: 'Use DROP INDEX CONCURRENTLY', safe: false, preferred: true, intent: { kind: 'replace', at: st.view.after(kw.index), newText: ' CONCURRENTLY' } });
      } else if (simple && kw) {
        // The same index dropped twice in the file (IF EXISTS): moved out, one would leave the other to drop it here.
        const again = ctx.statements.some((s) => s !== st && s.direction === st.direction && s.info.kind === 'drop-index' && s.info.indexes.some((ix) => ix.name.toLowerCase() === info.indexes[0].name.toLowerCase()));
        const move = again ? undefined : moveToOwnMigration(ctx, [st], 'concurrently', statementSql(st).replace(/^(\s*drop\s+index)/i, '$1 CONCURRENTLY'));
        if (move) fixes.push({ ...move, title: `${move.title} with CONCURRENTLY` });
        tail = ` CONCURRENTLY cannot run in a transaction, and this statement is in one (${transactionReason(st, ctx.file)}): give it a migration of its own.`;
      }
      const names = info.indexes.map((i) => i.name).join(', ');
      const owner = owners.length ? (st.before(owners[0])?.name ?? owners[0]) : 'its table';
      ctx.report({
        message:
          `DROP INDEX ${names} takes an ACCESS EXCLUSIVE lock on ${owner}, which blocks every read and write; while it waits for running ` +
          `queries, all new ones queue behind it. Use DROP INDEX CONCURRENTLY.${tail}`,
        at: headTo(st, info.indexes[info.indexes.length - 1]),
        fixes,
      });
    }
  },
});

