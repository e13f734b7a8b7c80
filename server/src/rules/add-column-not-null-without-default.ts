import { quoteIdent } from '../model/identifiers';
import type { FixProposal } from '../model/intents';
import { lineBreak } from '../model/text';
import { afterStatement, existing, existingWhy, headTo, implicitConstraintName, isMigrationUp, tableText } from './support/migration';
import { defineRule } from './types';

export default defineRule({
  meta: {
    id: 'add-column-not-null-without-default',
    category: 'migration',
    defaultSeverity: 'error',
    hurtsProduction: true,
    appliesTo: ['pg'],
    fixable: true,
    summary: 'ADD COLUMN ... NOT NULL without a default fails on a table that has rows.',
    why:
      'Existing rows get NULL in a new column unless it has a default, so `ADD COLUMN ... NOT NULL` without one fails as soon as ' +
      'the table holds a row ("column contains null values"), after waiting for an ACCESS EXCLUSIVE lock that blocks every read ' +
      'and write. It also breaks application versions still running that insert rows without the column. Columns filled by ' +
      'themselves (identity, serial, generated) are fine, and so are tables created earlier in the same migration.',
    fix:
      'Add the column as nullable (or with a default), backfill it, then set NOT NULL in a later step. The fix removes `NOT NULL`, ' +
      'leaves a reminder to backfill, and adds `CHECK (col IS NOT NULL) NOT VALID` (instant; new rows must have the column from ' +
      'then on); a later migration validates it and sets NOT NULL, which PostgreSQL 12+ then does without a scan (see set-not-null).',
    examples: [
      {
        language: 'sql',
        bad: 'ALTER TABLE users ADD COLUMN plan text NOT NULL;\n',
        good: "ALTER TABLE users ADD COLUMN plan text NOT NULL DEFAULT 'free';\n",
      },
    ],
  },

  checkStatements(ctx) {
    for (const st of ctx.statements) {
      const info = st.info;
      if (info.kind !== 'alter-table' || !isMigrationUp(ctx, st) || !existing(st, info.table.key)) continue;
      for (const a of info.actions) {
        if (a.type !== 'add-column' || !a.notNull || a.generated) continue;
        if (a.default && !a.default.isNull) continue;
        const fixes: FixProposal[] = [];
        if (a.notNullAt && !a.constraints.some((c) => c.kind === 'primary')) {
          const text = ctx.file.text;
          let start = a.notNullAt.span.start;
          while (start > 0 && (text[start - 1] === ' ' || text[start - 1] === '\t')) start--;
          const nl = lineBreak(text);
          const table = tableText(info.table, text, ctx.dialect);
          const check = quoteIdent(implicitConstraintName(info.table.name, [a.column], 'check').replace(/_check$/, '_not_null'), ctx.dialect);
          const column = quoteIdent(a.column, ctx.dialect);
          fixes.push({
            title: 'Add it nullable with a NOT VALID check; backfill, validate and SET NOT NULL later',
            safe: false,
            preferred: true,
            intent: {
              kind: 'edits',
              edits: [
                { at: { uri: ctx.file.uri, span: { start, end: a.notNullAt.span.end } }, newText: '' },
                {
                  at: afterStatement(ctx, st),
                  newText:
                    `${nl}-- Backfill ${info.table.name}.${a.column} here (in batches on a big table). New rows must have it from now on:${nl}` +
                    `ALTER TABLE ${table} ADD CONSTRAINT ${check} CHECK (${column} IS NOT NULL) NOT VALID;${nl}` +
                    `-- Then, in a later migration: VALIDATE CONSTRAINT ${check}, SET NOT NULL (no scan once it is validated) and drop the check.`,
                },
              ],
            },
          });
        }
        ctx.report({
          message:
            `ADD COLUMN ${a.column} NOT NULL has no default: ${info.table.name} (${existingWhy(st, info.table.key)}) has rows, which would get ` +
            'NULL, so the statement fails once it holds the ACCESS EXCLUSIVE lock, and older application code that inserts rows without ' +
            'the column breaks. Add it nullable or with a default, backfill, then set NOT NULL.',
          at: a.at ?? headTo(st, info.table),
          fixes,
        });
      }
    }
  },
});
