import type { FixProposal } from '../model/intents';
import { existing, existingWhy, headTo, isMigrationUp, moveToOwnMigration, surelyOutsideTransaction, statementSql, transactionReason, UNKNOWN_RUNNER_CONCURRENTLY } from './support/migration';
import { defineRule } from './types';

export default defineRule({
  meta: {
    id: 'require-concurrent-index',
    category: 'migration',
    defaultSeverity: 'warning',
    hurtsProduction: true,
    appliesTo: ['pg'],
    fixable: true,
    summary: 'Build indexes on existing tables with CREATE INDEX CONCURRENTLY.',
    why:
      'A plain `CREATE INDEX` holds a SHARE lock on the table for the whole build. Reads continue, but every INSERT, UPDATE ' +
      'and DELETE waits until the index is complete, which on a large table takes minutes. `CREATE INDEX CONCURRENTLY` builds ' +
      'the index in passes under a SHARE UPDATE EXCLUSIVE lock, which blocks neither reads nor writes. A table created earlier ' +
      'in the same migration file is still empty, so it is not flagged; which tables already exist is judged from the whole ' +
      'migration history, not from the file alone.',
    fix:
      'Insert `CONCURRENTLY`. It cannot run inside a transaction block, so when the migration runs in one (the runner wraps it, or ' +
      'the file has BEGIN ... COMMIT) the fix instead moves the statement to a new migration of its own, named the way the runner ' +
      'expects and marked to run outside a transaction where the runner needs that; a statement alone in its migration stays, and ' +
      'the migration gets the runner\'s own marker or side file (goose `-- +goose NO TRANSACTION`, Diesel `metadata.toml`). Migration fixes are never applied on save: ' +
      'an applied migration must not change.',
    principle: 'Schema changes on live tables must not stop the application from writing.',
    examples: [
      {
        language: 'sql',
        bad: 'CREATE INDEX orders_customer_id_idx ON orders (customer_id);\n',
        good: 'CREATE INDEX CONCURRENTLY orders_customer_id_idx ON orders (customer_id);\n',
      },
    ],
  },

  checkStatements(ctx) {
    for (const st of ctx.statements) {
      const info = st.info;
      if (info.kind !== 'create-index' || info.concurrently || !isMigrationUp(ctx, st) || !existing(st, info.table.key)) continue;
      const fixes: FixProposal[] = [];
      const kw = st.view.keyword('index');
      let tail = '';
      if (st.tx.runnerUnknown) tail = UNKNOWN_RUNNER_CONCURRENTLY;
      else if (surelyOutsideTransaction(st) && kw) {
        fixes.push({ title: 'Use CREATE INDEX CONCURRENTLY', safe: false, preferred: true, intent: { kind: 'replace', at: st.view.after(kw.index), newText: ' CONCURRENTLY' } });
      } else if (kw) {
        const optOut = ctx.file.optOut;
        const alone = ctx.statements.filter((s) => s.direction === 'up' && !['transaction', 'set', 'unparsed'].includes(s.info.kind)).length === 1;
        // Alone in a migration the runner wraps: the runner's own marker (or side file) takes it out, no move.
        if (alone && st.tx.how === 'runner' && optOut) {
          const title = `Use CREATE INDEX CONCURRENTLY; ${optOut.title[0].toLowerCase()}${optOut.title.slice(1)}`;
          fixes.push({ title, safe: false, preferred: true, intent: { kind: 'edits', edits: [...optOut.edits, { at: st.view.after(kw.index), newText: ' CONCURRENTLY' }] } });
          tail = ` CONCURRENTLY cannot run in a transaction, and this statement is in one (${transactionReason(st, ctx.file)}): ${ctx.file.runner?.optOut ?? 'run this migration outside one'}.`;
        } else {
          const sql = statementSql(st).replace(/^(\s*create\s+(?:unique\s+)?index)/i, '$1 CONCURRENTLY');
          const move = moveToOwnMigration(ctx, [st], 'concurrently', sql);
          if (move) fixes.push({ ...move, title: `${move.title} with CONCURRENTLY` });
          tail = ` CONCURRENTLY cannot run in a transaction, and this statement is in one (${transactionReason(st, ctx.file)}): give it a migration of its own.`;
        }
      }
      ctx.report({
        message:
          `CREATE INDEX on ${info.table.name} (${existingWhy(st, info.table.key)}) holds a SHARE lock for the whole build, which blocks ` +
          `writes (INSERT, UPDATE, DELETE) until the index is done; reads continue. Use CREATE INDEX CONCURRENTLY.${tail}`,
        at: headTo(st, info.table),
        fixes,
      });
    }
  },
});
