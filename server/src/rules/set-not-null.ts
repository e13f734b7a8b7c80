import { quoteIdent } from '../model/identifiers';
import { notNullCheck } from '../model/locks';
import type { FixProposal } from '../model/intents';
import { lineBreak } from '../model/text';
import { existing, existingWhy, headTo, implicitConstraintName, isMigrationUp, moveToOwnMigration, removalSpan, staysOutsideTransaction, tableText } from './support/migration';
import { defineRule } from './types';

export default defineRule({
  meta: {
    id: 'set-not-null',
    category: 'migration',
    defaultSeverity: 'warning',
    hurtsProduction: true,
    appliesTo: ['pg'],
    fixable: true,
    summary: 'ALTER COLUMN ... SET NOT NULL scans the whole table under an ACCESS EXCLUSIVE lock.',
    why:
      '`SET NOT NULL` reads every row to prove there is no NULL, holding an ACCESS EXCLUSIVE lock that blocks every read and ' +
      'write for the whole scan. From PostgreSQL 12 the scan is skipped when a valid `CHECK (col IS NOT NULL)` constraint ' +
      'already proves it, and such a constraint can be added `NOT VALID` (instant) and validated separately under a lock that ' +
      'lets reads and writes continue. The configured `postgresVersion` decides which advice applies.',
    fix:
      'PostgreSQL 12+: add `CHECK (col IS NOT NULL) NOT VALID`, `VALIDATE CONSTRAINT` it, then `SET NOT NULL` (now instant) and ' +
      'drop the helper constraint. The fix writes those statements; inside a transaction the validation and what follows go to a ' +
      'migration of their own, since validating in the same transaction keeps the first lock.',
    examples: [
      {
        language: 'sql',
        bad: 'ALTER TABLE users ALTER COLUMN email SET NOT NULL;\n',
        good:
          'ALTER TABLE users ADD CONSTRAINT users_email_not_null CHECK (email IS NOT NULL) NOT VALID;\n' +
          'ALTER TABLE users VALIDATE CONSTRAINT users_email_not_null;\n' +
          'ALTER TABLE users ALTER COLUMN email SET NOT NULL;\n',
      },
    ],
  },

  checkStatements(ctx) {
    for (const st of ctx.statements) {
      const info = st.info;
      if (info.kind !== 'alter-table' || !isMigrationUp(ctx, st) || !existing(st, info.table.key)) continue;
      for (const a of info.actions) {
        if (a.type !== 'set-not-null') continue;
        const before = st.before(info.table.key);
        if (ctx.pgVersion >= 12 && notNullCheck(before, a.column)) continue;
        const fixes: FixProposal[] = [];
        if (ctx.pgVersion >= 12 && info.actions.length === 1) {
          const text = ctx.file.text;
          const nl = lineBreak(text);
          const table = tableText(info.table, text, ctx.dialect);
          const name = implicitConstraintName(info.table.name, [a.column], 'check').replace(/_check$/, '_not_null');
          const add = `ALTER TABLE ${table} ADD CONSTRAINT ${quoteIdent(name, ctx.dialect)} CHECK (${quoteIdent(a.column, ctx.dialect)} IS NOT NULL) NOT VALID;`;
          const rest = [
            `ALTER TABLE ${table} VALIDATE CONSTRAINT ${quoteIdent(name, ctx.dialect)};`,
            `ALTER TABLE ${table} ALTER COLUMN ${quoteIdent(a.column, ctx.dialect)} SET NOT NULL;`,
            `ALTER TABLE ${table} DROP CONSTRAINT ${quoteIdent(name, ctx.dialect)};`,
          ].join(nl);
          if (staysOutsideTransaction(ctx, st)) {
            fixes.push({ title: 'Prove it with a CHECK constraint validated first', safe: false, preferred: true, intent: { kind: 'replace', at: st.view.ref, newText: `${add}${nl}${rest}` } });
          } else {
            const move = moveToOwnMigration(ctx, [st], 'not_null', rest, { atomic: true, replaced: true });
            if (move) {
              const edits = move.intent.kind === 'edits' ? move.intent.edits : [];
              const removal = removalSpan(ctx, st);
              fixes.push({
                title: `Add a NOT VALID CHECK here; validate and SET NOT NULL in ${move.title.replace(/^Move to /, '')}`,
                safe: false,
                preferred: true,
                intent: { kind: 'edits', edits: edits.map((e) => (e.at.uri === removal.uri && e.at.span.start === removal.span.start ? { at: st.view.ref, newText: add } : e)) },
              });
            }
          }
        }
        const advice =
          ctx.pgVersion >= 12
            ? 'Add CHECK (' + a.column + ' IS NOT NULL) NOT VALID, VALIDATE it (reads and writes continue), then SET NOT NULL: it then skips the scan.'
            : 'Before PostgreSQL 12 SET NOT NULL always scans; a validated CHECK (' + a.column + ' IS NOT NULL) constraint gives the same guarantee without it.';
        ctx.report({
          message:
            `SET NOT NULL on ${info.table.name}.${a.column} (${existingWhy(st, info.table.key)}) reads every row while holding an ACCESS EXCLUSIVE lock, ` +
            `which blocks every read and write for the whole scan. ${advice}`,
          at: a.at ?? headTo(st, info.table),
          fixes,
        });
      }
    }
  },
});
