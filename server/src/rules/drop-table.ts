import { existing, existingWhy, headTo, isMigrationUp } from './support/migration';
import type { SqlStatement } from '../model/migration-file';
import { defineRule } from './types';

export default defineRule({
  meta: {
    id: 'drop-table',
    category: 'migration',
    defaultSeverity: 'warning',
    appliesTo: ['pg', 'sqlite', 'mysql'],
    fixable: false,
    summary: 'Dropping a table loses its data for good.',
    why:
      'DROP TABLE deletes the table with all its rows (on PostgreSQL under an ACCESS EXCLUSIVE lock); a down migration can recreate the ' +
      'table but not the data, and code still reading it fails. Tables created earlier in the same migration are not flagged, nor a ' +
      'table whose rows the same migration copies into a table that keeps the name (SQLite changes a table that way: create a new ' +
      'one, copy, drop the old, rename the new).',
    fix: 'Make sure nothing uses the table any more (one release earlier), and keep a backup (or rename it aside) before dropping it.',
    examples: [{ language: 'sql', bad: 'DROP TABLE audit_log;\n', good: 'DROP VIEW audit_summary;\n' }],
  },

  checkStatements(ctx) {
    ctx.statements.forEach((st, k) => {
      const info = st.info;
      if (info.kind !== 'drop-table' || info.objectType !== 'table' || !isMigrationUp(ctx, st)) return;
      for (const t of info.tables) {
        if (!existing(st, t.key) || rebuilt(ctx.statements, k, t.key)) continue;
        ctx.report({
          message:
            `DROP TABLE ${t.name} (${existingWhy(st, t.key)}) ` +
            (ctx.dialect === 'postgresql' ? 'takes an ACCESS EXCLUSIVE lock, which blocks every read and write on it, and ' : '') +
            'deletes the table with every row; a down migration cannot bring the data back, ' +
            'and code still using it fails. Stop using it first and keep a backup.',
          at: headTo(st, t),
        });
      }
    });
  },
});

const lastPart = (name: string) => name.split('.').pop()!.toLowerCase();

/** Does a statement of `list` insert rows into the table named `name`? */
function fills(list: readonly SqlStatement[], name: string): boolean {
  return list.some((st) => st.info.kind === 'dml' && st.info.op === 'insert' && !!st.info.table && lastPart(st.info.table.name) === name);
}

/**
 * The migration copies the rows into a new table that keeps (or takes) the name, so they live on:
 * - SQLite's rebuild, as Prisma and drizzle-kit write it: `CREATE TABLE new_t ...; INSERT INTO new_t
 *   SELECT ... FROM t; DROP TABLE t; ALTER TABLE new_t RENAME TO t;`
 * - the other way round: `ALTER TABLE t RENAME TO old_t; CREATE TABLE t ...; INSERT INTO t SELECT ...
 *   FROM old_t; DROP TABLE old_t;`
 */
function rebuilt(statements: readonly SqlStatement[], k: number, key: string): boolean {
  const name = lastPart(key);
  const earlier = statements.slice(0, k);
  const intoName = statements.slice(k + 1).find((st) => st.info.kind === 'rename-table' && st.info.newName.toLowerCase() === name);
  if (intoName?.info.kind === 'rename-table' && fills(earlier, lastPart(intoName.info.table.name))) return true;
  const aside = earlier.find((st) => st.info.kind === 'rename-table' && st.info.newName.toLowerCase() === name);
  return aside?.info.kind === 'rename-table' && fills(earlier, lastPart(aside.info.table.name));
}
