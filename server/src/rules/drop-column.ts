import { existing, existingWhy, headTo, isMigrationUp } from './support/migration';
import { defineRule } from './types';

export default defineRule({
  meta: {
    id: 'drop-column',
    category: 'migration',
    defaultSeverity: 'warning',
    appliesTo: ['pg', 'sqlite', 'mysql'],
    fixable: false,
    summary: 'Dropping a column loses its data and breaks code that still reads it.',
    why:
      'The drop is quick (a brief ACCESS EXCLUSIVE lock; the space is reclaimed later), but the data is gone for good: a down ' +
      'migration can recreate the column, not its values. Queries of the application version still running during the deploy ' +
      'fail, and indexes, constraints and views on the column go with it (views only with CASCADE).',
    fix: 'Stop reading and writing the column in one release, drop it in a later one, and keep a backup of the data if it matters.',
    examples: [{ language: 'sql', bad: 'ALTER TABLE users DROP COLUMN legacy_id;\n', good: 'ALTER TABLE users ALTER COLUMN legacy_id DROP NOT NULL;\n' }],
  },

  checkStatements(ctx) {
    for (const st of ctx.statements) {
      const info = st.info;
      if (info.kind !== 'alter-table' || !isMigrationUp(ctx, st) || !existing(st, info.table.key)) continue;
      for (const a of info.actions) {
        if (a.type !== 'drop-column') continue;
        ctx.report({
          message:
            `Dropping ${info.table.name}.${a.column} (${existingWhy(st, info.table.key)}) ` +
            (ctx.dialect === 'postgresql' ? 'takes an ACCESS EXCLUSIVE lock (brief, but every read and write waits behind it), ' : '') +
            'deletes the data for good and breaks queries that still use it, ' +
            'including those of the application version running during the deploy. Stop using it in one release and drop it in a later one.',
          at: a.at ?? headTo(st, info.table),
        });
      }
    }
  },
});
