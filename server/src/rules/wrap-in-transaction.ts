import { isChange, type StatementInfo } from '../model/statements';
import { concurrentKind } from './concurrently-in-transaction';
import type { FixProposal } from '../model/intents';
import { lineBreak } from '../model/text';
import { headTo, lineStartOf, moveToOwnMigration } from './support/migration';
import type { SqlStatement } from '../model/migration-file';
import { defineRule } from './types';

export default defineRule({
  meta: {
    id: 'wrap-in-transaction',
    category: 'migration',
    defaultSeverity: 'warning',
    hurtsProduction: true,
    appliesTo: ['pg'],
    fixable: true,
    summary: 'A migration with several changes that no transaction holds together.',
    why:
      'PostgreSQL can change the schema inside a transaction, so a migration that fails half-way can leave nothing behind. That ' +
      'only happens if something opens the transaction. What each runner does is known (see concurrently-in-transaction for the ' +
      'list): goose, dbmate, sql-migrate, sqlx, Diesel, pop, Flyway, Drizzle and node-pg-migrate use one unless the file opts ' +
      'out; golang-migrate and Prisma Migrate up to 7.3 send the file as one query string, which PostgreSQL runs as one implicit ' +
      'transaction; Prisma Migrate 7.4+ and plain SQL files run by psql commit every statement on its own. In those, a failure in ' +
      'the third statement leaves the first two applied: the schema is half-migrated and the migration cannot simply be re-run. ' +
      'CONCURRENTLY statements cannot be in a transaction and are left out, and a file that adds a constraint NOT VALID and ' +
      'validates it is split into separate transactions on purpose, so it is not flagged. A folder of SQL files whose runner is not ' +
      'known (see unknown-migration-runner) is not judged: BEGIN/COMMIT there could land inside the runner\'s own transaction.',
    fix:
      'Wrap the statements in `BEGIN;` ... `COMMIT;`. CONCURRENTLY statements are never wrapped: when they sit between the others, ' +
      'the fix moves them to a migration of their own, where the runner allows it.',
    examples: [
      {
        language: 'sql',
        bad: 'ALTER TABLE users ADD COLUMN plan text;\nUPDATE users SET plan = \'free\';\n',
        good: "BEGIN;\nALTER TABLE users ADD COLUMN plan text;\nUPDATE users SET plan = 'free';\nCOMMIT;\n",
      },
    ],
  },

  checkStatements(ctx) {
    if (ctx.file.role !== 'migration') return;
    // Whether anything wraps the file is not known: BEGIN/COMMIT might land inside the runner's own transaction.
    if (ctx.file.run?.mode === 'unknown') return;
    const ups = ctx.statements.filter((s) => s.direction === 'up');
    // A constraint added NOT VALID and validated in the same file is a deliberate split into separate
    // transactions (see validate-in-same-transaction): wrapping the file would undo it.
    if (splitValidation(ups)) return;
    const loose = ups.filter((s) => !s.tx.inTransaction && isChange(s.info) && !concurrentKind(s) && !onlyValidates(s.info));
    if (loose.length < 2) return;
    const first = loose[0];
    const last = loose[loose.length - 1];
    const between = ups.filter((s) => s.index > first.index && s.index < last.index);
    const fixes: FixProposal[] = [];
    const nl = lineBreak(ctx.file.text);
    const blocked = between.some((s) => s.tx.inTransaction || s.info.kind === 'transaction');
    if (!blocked) {
      const concurrent = between.filter((s) => concurrentKind(s));
      const wrap = [
        { at: lineStartOf(ctx, first), newText: `BEGIN;${nl}` },
        { at: { uri: ctx.file.uri, span: { start: last.view.ref.span.end, end: last.view.ref.span.end } }, newText: `${nl}COMMIT;` },
      ];
      if (concurrent.length === 0) fixes.push({ title: 'Wrap the migration in BEGIN; ... COMMIT;', safe: false, preferred: true, intent: { kind: 'edits', edits: wrap } });
      else {
        const move = moveToOwnMigration(ctx, concurrent, 'concurrently');
        if (move && move.intent.kind === 'edits') {
          fixes.push({ title: `Wrap in BEGIN; ... COMMIT; and ${move.title.replace(/^Move/, 'move the CONCURRENTLY statements')}`, safe: false, preferred: true, intent: { kind: 'edits', edits: [...wrap, ...move.intent.edits] } });
        }
      }
    }
    const how = ctx.file.run?.reason ?? 'nothing wraps this file in a transaction';
    ctx.report({
      message:
        `This migration makes ${loose.length} changes outside any transaction (${how}): if one fails, the ones before it stay applied and the schema is left ` +
        'half-migrated. Wrap them in BEGIN; ... COMMIT;.',
      at: headOf(first),
      fixes,
    });
  },
});

function splitValidation(sts: SqlStatement[]): boolean {
  const notValid = new Set<string>();
  for (const st of sts) {
    if (st.info.kind !== 'alter-table') continue;
    for (const a of st.info.actions) {
      if (a.type === 'add-constraint' && a.constraint.notValid && a.constraint.name) notValid.add(a.constraint.name);
      if (a.type === 'validate-constraint' && notValid.has(a.name)) return true;
    }
  }
  return false;
}

function headOf(st: SqlStatement) {
  const info = st.info;
  const rel = 'table' in info && info.table && typeof info.table === 'object' && 'at' in info.table ? info.table : undefined;
  return headTo(st, rel);
}

/**
 * `VALIDATE CONSTRAINT` checks rows and changes nothing else: when it fails, the constraint stays NOT VALID
 * and nothing is half-done (and it must not share a transaction with the NOT VALID step; see
 * validate-in-same-transaction).
 */
function onlyValidates(info: StatementInfo): boolean {
  return info.kind === 'alter-table' && info.actions.length > 0 && info.actions.every((a) => a.type === 'validate-constraint');
}
