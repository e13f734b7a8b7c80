import { existing, existingWhy, headTo, isMigrationUp } from './support/migration';
import { defineRule } from './types';

export default defineRule({
  meta: {
    id: 'drop-table',
    category: 'migration',
    defaultSeverity: 'warning',
    appliesTo: ['pg'],
    fixable: false,
    summary: 'Dropping a table loses its data for good.',
    why:
      'DROP TABLE takes an ACCESS EXCLUSIVE lock and deletes the table with all its rows; a down migration can recreate the ' +
      'table but not the data, and code still reading it fails. Tables created earlier in the same migration are not flagged.',
    fix: 'Make sure nothing uses the table any more (one release earlier), and keep a backup (or rename it aside) before dropping it.',
    examples: [{ language: 'sql', bad: 'DROP TABLE audit_log;\n', good: 'DROP VIEW audit_summary;\n' }],
  },

  checkStatements(ctx) {
    for (const st of ctx.statements) {
      const info = st.info;
      if (info.kind !== 'drop-table' || info.objectType !== 'table' || !isMigrationUp(ctx, st)) continue;
      for (const t of info.tables) {
        if (!existing(st, t.key)) continue;
        ctx.report({
          message:
            `DROP TABLE ${t.name} (${existingWhy(st, t.key)}) takes an ACCESS EXCLUSIVE lock, which blocks every read and write on it, and deletes the table with every row; a down migration cannot bring the data back, ` +
            'and code still using it fails. Stop using it first and keep a backup.',
          at: headTo(st, t),
        });
      }
    }
  },
});
