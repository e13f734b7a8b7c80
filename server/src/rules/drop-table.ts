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
      'table the same migration rebuilds (SQLite changes a table by copying it into a new one, dropping the old and renaming the new).',
    fix: 'Make sure nothing uses the table any more (one release earlier), and keep a backup (or rename it aside) before dropping it.',
    examples: [{ language: 'sql', bad: 'DROP TABLE audit_log;\n', good: 'DROP VIEW audit_summary;\n' }],
  },

  checkStatements(ctx) {
    ctx.statements.forEach((st, k) => {
      const info = st.info;
      if (info.kind !== 'drop-table' || info.objectType !== 'table' || !isMigrationUp(ctx, st)) return;
      for (const t of info.tables) {
        if (!existing(st, t.key) || rebuiltLater(ctx.statements.slice(k + 1), t.key)) continue;
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

/**
 * The same migration gives the name back to a table it filled (SQLite's table rebuild, as Prisma and
 * drizzle-kit write it: `CREATE TABLE new_t ...; INSERT INTO new_t SELECT ... FROM t; DROP TABLE t;
 * ALTER TABLE new_t RENAME TO t;`): the rows live on under the old name.
 */
function rebuiltLater(later: readonly SqlStatement[], key: string): boolean {
  return later.some((st) => {
    const info = st.info;
    return info.kind === 'rename-table' && info.newName.toLowerCase() === key.split('.').pop();
  });
}
