import { existing, existingWhy, headTo, isMigrationUp } from './support/migration';
import { defineRule } from './types';

export default defineRule({
  meta: {
    id: 'volatile-default',
    category: 'migration',
    defaultSeverity: 'warning',
    hurtsProduction: true,
    appliesTo: ['pg'],
    fixable: false,
    summary: 'ADD COLUMN with a volatile default rewrites the whole table.',
    why:
      'Since PostgreSQL 11 a constant (or stable) default on a new column is stored once in the catalog and costs nothing. A ' +
      'volatile default (`random()`, `gen_random_uuid()`, `clock_timestamp()`, `uuid_generate_v4()`, a serial or identity column, ' +
      'a stored generated column, and any function of your own not declared STABLE or IMMUTABLE) needs its own value in every ' +
      'row, so PostgreSQL rewrites the table while holding an ACCESS ' +
      'EXCLUSIVE lock that blocks every read and write. Before PostgreSQL 11 (`postgresVersion` below 11) any non-null default ' +
      'rewrites the table.',
    fix: 'Add the column without the default, set the default for new rows with ALTER COLUMN ... SET DEFAULT, and backfill old rows in batches.',
    examples: [
      {
        language: 'sql',
        bad: 'ALTER TABLE orders ADD COLUMN token uuid DEFAULT gen_random_uuid();\n',
        good: 'ALTER TABLE orders ADD COLUMN token uuid;\nALTER TABLE orders ALTER COLUMN token SET DEFAULT gen_random_uuid();\n',
      },
    ],
  },

  checkStatements(ctx) {
    for (const st of ctx.statements) {
      const info = st.info;
      if (info.kind !== 'alter-table' || !isMigrationUp(ctx, st) || !existing(st, info.table.key)) continue;
      // One rewrite per statement, however many columns cause it.
      const causes: { column: string; why: string; at: NonNullable<typeof info.actions[number]['at']> | undefined }[] = [];
      for (const a of info.actions) {
        if (a.type !== 'add-column') continue;
        let why: string | undefined;
        if (a.generated === 'serial') why = 'a serial column takes a new sequence value in every existing row';
        else if (a.generated === 'identity') why = 'an identity column takes a new value in every existing row';
        else if (a.generated === 'stored') why = 'a stored generated column is computed for every existing row';
        else if (a.default?.volatile && a.default.volatileAssumed) {
          why = `the default calls ${a.default.volatile}(), which PostgreSQL treats as volatile unless it was declared STABLE or IMMUTABLE`;
        } else if (a.default?.volatile) why = `the default calls ${a.default.volatile}(), which gives every row its own value`;
        else if (a.default && !a.default.isNull && ctx.pgVersion < 11) why = `before PostgreSQL 11 (postgresVersion is ${ctx.pgVersion}) every default is written into each row`;
        if (why) causes.push({ column: a.column, why, at: a.default?.at ?? a.at });
      }
      if (!causes.length) continue;
      const columns = causes.map((c) => c.column);
      const list = columns.length > 3 ? `${columns.slice(0, 3).join(', ')} and ${columns.length - 3} more` : columns.join(', ');
      ctx.report({
        message:
          `ADD COLUMN ${list} on ${info.table.name} (${existingWhy(st, info.table.key)}) rewrites the whole table: ${causes[0].why}. The rewrite holds an ACCESS EXCLUSIVE ` +
          'lock, which blocks every read and write until it ends. Add the column without it, set the default for new rows, and backfill in batches.',
        at: causes[0].at ?? headTo(st, info.table),
      });
    }
  },
});
