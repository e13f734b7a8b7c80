import { existing, existingWhy, headTo, isMigrationUp } from './support/migration';
import { defineRule } from './types';

export default defineRule({
  meta: {
    id: 'rename-table',
    category: 'migration',
    defaultSeverity: 'warning',
    appliesTo: ['pg', 'sqlite', 'mysql'],
    fixable: false,
    summary: 'Renaming a table breaks the code that is running while the migration deploys.',
    why:
      'The rename is instant (on PostgreSQL a brief ACCESS EXCLUSIVE lock), but every query that names the old table fails from then on, ' +
      'including those of the application version still running during the deploy. Tables created in the same migration are not flagged.',
    fix:
      'Expand and contract: create the new table (or a view with the new name over the old table), move readers and writers, ' +
      'then drop the old name in a later release. Or keep the database name and map it in the application (Prisma `@@map`).',
    examples: [
      { language: 'sql', bad: 'ALTER TABLE users RENAME TO accounts;\n', good: 'CREATE VIEW accounts AS SELECT * FROM users;\n' },
    ],
  },

  checkStatements(ctx) {
    ctx.statements.forEach((st, k) => {
      const info = st.info;
      if (info.kind !== 'rename-table' || info.objectType !== 'table' || !isMigrationUp(ctx, st) || !existing(st, info.table.key)) return;
      // Set aside while a new table takes the name (`RENAME TO old_t; CREATE TABLE t ...`): queries naming t still work.
      if (ctx.statements.slice(k + 1).some((later) => later.info.kind === 'create-table' && later.info.table.key === info.table.key)) return;
      ctx.report({
        message:
          `Renaming ${info.table.name} to ${info.newName} (${existingWhy(st, info.table.key)}) ` +
          (ctx.dialect === 'postgresql' ? 'takes a brief ACCESS EXCLUSIVE lock (every read and write waits behind it) and ' : '') +
          `makes every query that names ${info.table.name} fail, ` +
          'including those of the application version running during the deploy. Migrate in steps (expand/contract), or keep the name and map it in the application.',
        at: headTo(st, info.table),
      });
    });
  },
});
