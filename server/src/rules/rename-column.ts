import { existing, existingWhy, headTo, isMigrationUp } from './support/migration';
import { defineRule } from './types';

export default defineRule({
  meta: {
    id: 'rename-column',
    category: 'migration',
    defaultSeverity: 'warning',
    appliesTo: ['pg', 'sqlite', 'mysql'],
    fixable: false,
    summary: 'Renaming a column breaks the code that is running while the migration deploys.',
    why:
      'The rename itself is instant (a brief ACCESS EXCLUSIVE lock), but from that moment every query that uses the old name ' +
      'fails, and during a deploy the old version of the application is still running. Renaming a column of a table created in ' +
      'the same migration is fine.',
    fix:
      'Expand and contract: add the new column, write to both, backfill, switch reads, stop writing the old one, drop it in a ' +
      'later release. Or keep the old name in the database and rename in the application layer (Prisma `@map`).',
    examples: [
      { language: 'sql', bad: 'ALTER TABLE users RENAME COLUMN name TO full_name;\n', good: 'ALTER TABLE users ADD COLUMN full_name text;\n' },
    ],
  },

  checkStatements(ctx) {
    for (const st of ctx.statements) {
      const info = st.info;
      if (info.kind !== 'rename-column' || !isMigrationUp(ctx, st) || !existing(st, info.table.key)) continue;
      ctx.report({
        message:
          `Renaming ${info.table.name}.${info.column} to ${info.newName} (${existingWhy(st, info.table.key)}) ` +
          (ctx.dialect === 'postgresql' ? 'takes a brief ACCESS EXCLUSIVE lock (every read and write waits behind it) and ' : '') +
          'makes every query that still uses ' +
          `${info.column} fail, including those of the application version running during the deploy. Add the new column and migrate in steps (expand/contract).`,
        at: headTo(st, info.table),
      });
    }
  },
});
