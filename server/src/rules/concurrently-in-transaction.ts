import { cannotRunInTransaction, isConcurrent } from '../model/statements';
import type { FixProposal } from '../model/intents';
import { lineBreak } from '../model/text';
import { blockEnd, headTo, moveToOwnMigration, removalSpan, statementSql, transactionReason } from './support/migration';
import type { SqlStatement } from '../model/migration-file';
import { defineRule, type StatementContext } from './types';

/** What the statement is, when PostgreSQL refuses to run it in a transaction block because of CONCURRENTLY. */
export function concurrentKind(st: SqlStatement): string | undefined {
  // The version only matters for statements without CONCURRENTLY (ALTER TYPE ... ADD VALUE), filtered out here.
  return isConcurrent(st.info) ? cannotRunInTransaction(st.info, Number.MAX_SAFE_INTEGER) : undefined;
}

/** The fixes that take a non-transactional statement out of its transaction. */
function fixesFor(ctx: StatementContext, st: SqlStatement): FixProposal[] {
  const fixes: FixProposal[] = [];
  if (st.tx.how === 'explicit') {
    const end = blockEnd(ctx, st);
    if (end?.info.kind === 'transaction' && end.info.op === 'commit') {
      const nl = lineBreak(ctx.file.text);
      const at = end.view.ref.span.end;
      fixes.push({
        title: 'Move it after COMMIT',
        safe: false,
        preferred: true,
        intent: { kind: 'edits', edits: [{ at: removalSpan(ctx, st), newText: '' }, { at: { uri: ctx.file.uri, span: { start: at, end: at } }, newText: `${nl}${statementSql(st)}` }] },
      });
    }
    return fixes;
  }
  const changes = ctx.statements.filter((s) => s.direction === st.direction && s.info.kind !== 'transaction' && s.info.kind !== 'set' && s.info.kind !== 'unparsed');
  const onlyConcurrent = changes.every((s) => concurrentKind(s));
  const optOut = ctx.file.optOut;
  if (onlyConcurrent && optOut && (!optOut.onlyAlone || changes.length === 1)) {
    fixes.push({ title: optOut.title, safe: false, preferred: true, intent: { kind: 'edits', edits: optOut.edits } });
  }
  if (!onlyConcurrent || changes.length > 1) {
    const move = moveToOwnMigration(ctx, [st], 'concurrently');
    if (move) fixes.push(move);
  }
  return fixes;
}

/** What to do with this project's runner, in one sentence (the hover shows it). */
function adviceFor(ctx: StatementContext, st: SqlStatement): string {
  if (st.tx.how === 'explicit') return 'Move the statement after COMMIT.';
  const runner = ctx.file.runner;
  if (!runner) return 'Run the statement outside any transaction: in a file of its own, or after COMMIT.';
  const alone = ctx.statements.filter((s) => s.direction === st.direction && s.info.kind !== 'transaction' && s.info.kind !== 'set' && s.info.kind !== 'unparsed').length === 1;
  if (runner.outsideTransaction) return runner.outsideTransaction;
  if (runner.optOut) return alone ? `${runner.name}: ${runner.optOut}.` : `Move the statement to a migration of its own and there ${runner.optOut}.`;
  return 'Move the statement to a migration of its own.';
}

export default defineRule({
  meta: {
    id: 'concurrently-in-transaction',
    category: 'migration',
    defaultSeverity: 'error',
    hurtsProduction: true,
    appliesTo: ['pg'],
    fixable: true,
    summary: 'A CONCURRENTLY statement inside a transaction fails at run time.',
    why:
      '`CREATE INDEX CONCURRENTLY`, `DROP INDEX CONCURRENTLY`, `REINDEX CONCURRENTLY` and `DETACH PARTITION CONCURRENTLY` ' +
      'commit several transactions of their own, so PostgreSQL refuses them inside a transaction block: between BEGIN and ' +
      'COMMIT, in a migration the runner wraps in a transaction, or in a file sent as one multi-statement query string (which ' +
      'PostgreSQL runs as one implicit transaction). What each runner does: Prisma Migrate up to 7.3 sends migration.sql as one ' +
      'query string (7.4 and later send statements one at a time); golang-migrate sends each file as one query string unless ' +
      '`x-multi-statement=true`; goose, dbmate, sql-migrate, sqlx, Diesel, pop and Flyway run each migration in a transaction ' +
      'unless told otherwise (`-- +goose NO TRANSACTION`, `transaction:false`, `notransaction`, `-- no-transaction`, ' +
      '`run_in_transaction = false`, `executeInTransaction=false`); dbmate with `transaction:false` still sends the section as one ' +
      'query string; Flyway runs a migration made only of such statements outside a transaction and rejects one that mixes ' +
      'them with others; Drizzle and node-pg-migrate run all pending migrations in one transaction. `migrations.inTransaction` ' +
      'in db-design.json overrides this.',
    fix:
      'Between BEGIN and COMMIT: move the statement after COMMIT. In a runner\'s transaction: when the file holds nothing else, ' +
      'mark it to run without one (goose, sqlx, dbmate, sql-migrate); otherwise move the statement to a new migration of its own, ' +
      'named and marked the way the runner expects.',
    examples: [
      {
        language: 'sql',
        bad: 'BEGIN;\nALTER TABLE orders ADD COLUMN note text;\nCREATE INDEX CONCURRENTLY orders_note_idx ON orders (note);\nCOMMIT;\n',
        good: 'BEGIN;\nALTER TABLE orders ADD COLUMN note text;\nCOMMIT;\nCREATE INDEX CONCURRENTLY orders_note_idx ON orders (note);\n',
      },
    ],
  },

  checkStatements(ctx) {
    for (const st of ctx.statements) {
      const what = concurrentKind(st);
      if (!what || !st.tx.inTransaction) continue;
      let why = transactionReason(st, ctx.file);
      const mixed = ctx.file.runner?.mixedTransaction;
      if (mixed && st.tx.how === 'runner') why = mixed;
      if (ctx.file.runner?.allPendingInOneTransaction) {
        why += '; a migration of its own does not help, since this runner applies all pending migrations in one transaction';
      }
      const table = 'table' in st.info && st.info.table && typeof st.info.table === 'object' ? st.info.table : undefined;
      ctx.report({
        message: `${what} cannot run inside a transaction block, and this one is in a transaction: ${why}. The migration fails here.`,
        at: headTo(st, table),
        fixes: fixesFor(ctx, st),
        advice: adviceFor(ctx, st),
      });
    }
  },
});
