import type { DmlFacts } from '../model/statements';
import { existing, existingWhy, headTo, isMigrationUp } from './support/migration';
import type { SqlStatement } from '../model/migration-file';
import { defineRule } from './types';

/** Does the WHERE pin the primary key (or `id`) to one value: a single-row update? */
function singleRow(st: SqlStatement, d: DmlFacts): boolean {
  if (!d.table || !d.whereEquals.length) return false;
  const pk = st.before(d.table.key)?.indexes.find((i) => i.kind === 'primary')?.columns ?? ['id'];
  return pk.every((c) => d.whereEquals.some((w) => w.toLowerCase() === c.toLowerCase()));
}

export default defineRule({
  meta: {
    id: 'update-in-migration',
    category: 'migration',
    defaultSeverity: 'info',
    hurtsProduction: true,
    appliesTo: ['pg'],
    fixable: false,
    summary: 'A single unbatched UPDATE of an existing table in a migration locks every row it touches.',
    why:
      'An UPDATE locks each row it changes until its transaction ends, writes a new version of each, and produces WAL for all of ' +
      'them at once: on a large table that is minutes of blocked writers, replication lag and bloat, all inside the migration. ' +
      'Batches (a subquery with LIMIT, run until nothing is left, or a background job) keep each transaction short. Updates of ' +
      'tables created in the same migration, and updates of one row by its primary key, are not flagged.',
    fix: 'Backfill in batches outside the schema migration (or in a loop of `UPDATE ... WHERE id IN (SELECT id ... LIMIT n)`).',
    examples: [
      {
        language: 'sql',
        bad: "UPDATE users SET plan = 'free' WHERE plan IS NULL;\n",
        good: "UPDATE users SET plan = 'free' WHERE id IN (SELECT id FROM users WHERE plan IS NULL LIMIT 1000);\n",
      },
    ],
  },

  checkStatements(ctx) {
    for (const st of ctx.statements) {
      const info = st.info;
      if (info.kind !== 'dml' || !isMigrationUp(ctx, st)) continue;
      for (const d of [info, ...info.ctes]) {
        if (d.op !== 'update' || !d.table || d.batched || !existing(st, d.table.key) || singleRow(st, d)) continue;
        ctx.report({
          message:
            `This UPDATE of ${d.table.name} (${existingWhy(st, d.table.key)}) changes ${d.hasWhere ? 'every matching row' : 'every row'} in one go under a ROW EXCLUSIVE lock: each changed row stays locked ` +
            'until the migration commits, blocking writers of those rows, and the whole change hits the WAL at once. Backfill in batches instead.',
          at: d === info ? headTo(st, d.table) : (d.at ?? headTo(st, d.table)),
        });
      }
    }
  },
});
