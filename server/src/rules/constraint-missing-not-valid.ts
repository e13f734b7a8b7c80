import { quoteIdent } from '../model/identifiers';
import type { FixProposal } from '../model/intents';
import { lineBreak } from '../model/text';
import { afterStatement, existing, existingWhy, headTo, implicitConstraintName, isMigrationUp, staysOutsideTransaction, tableText } from './support/migration';
import { defineRule } from './types';

export default defineRule({
  meta: {
    id: 'constraint-missing-not-valid',
    category: 'migration',
    defaultSeverity: 'warning',
    hurtsProduction: true,
    appliesTo: ['pg'],
    fixable: true,
    summary: 'Add foreign keys and CHECK constraints to existing tables NOT VALID, then validate separately.',
    why:
      'Adding a FOREIGN KEY checks every existing row while holding a SHARE ROW EXCLUSIVE lock on both tables (writes to either ' +
      'wait); adding a CHECK does it under an ACCESS EXCLUSIVE lock (reads wait too). With `NOT VALID` the constraint is added ' +
      'instantly and applies to new rows; `VALIDATE CONSTRAINT` then checks the old rows under a SHARE UPDATE EXCLUSIVE lock, ' +
      'which lets reads and writes continue. Tables created earlier in the same migration are empty and not flagged.',
    fix:
      'Append `NOT VALID` and add `ALTER TABLE ... VALIDATE CONSTRAINT ...` after it. When the migration runs in a transaction, ' +
      'the VALIDATE goes to a new migration of its own (in the same transaction it would keep the first lock).',
    examples: [
      {
        language: 'sql',
        bad: 'ALTER TABLE orders ADD CONSTRAINT orders_customer_fk FOREIGN KEY (customer_id) REFERENCES customers (id);\n',
        good:
          'ALTER TABLE orders ADD CONSTRAINT orders_customer_fk FOREIGN KEY (customer_id) REFERENCES customers (id) NOT VALID;\n' +
          'ALTER TABLE orders VALIDATE CONSTRAINT orders_customer_fk;\n',
      },
    ],
  },

  checkStatements(ctx) {
    for (const st of ctx.statements) {
      const info = st.info;
      if (info.kind !== 'alter-table' || !isMigrationUp(ctx, st) || !existing(st, info.table.key)) continue;
      info.actions.forEach((a, k) => {
        if (a.type !== 'add-constraint') return;
        const c = a.constraint;
        if ((c.kind !== 'foreign' && c.kind !== 'check') || c.notValid) return;
        const name = c.name ?? (c.kind === 'foreign' ? implicitConstraintName(info.table.name, c.columns, 'fkey') : c.columns.length ? implicitConstraintName(info.table.name, c.columns.slice(0, 1), 'check') : undefined);
        const fixes: FixProposal[] = [];
        const last = k === info.actions.length - 1;
        const text = ctx.file.text;
        if (name && last && a.at) {
          const nl = lineBreak(text);
          const validate = `ALTER TABLE ${tableText(info.table, text, ctx.dialect)} VALIDATE CONSTRAINT ${quoteIdent(name, ctx.dialect)};`;
          const notValid = { at: { uri: ctx.file.uri, span: { start: a.at.span.end, end: a.at.span.end } }, newText: ' NOT VALID' };
          if (staysOutsideTransaction(ctx, st)) {
            fixes.push({ title: 'Add it NOT VALID, then VALIDATE CONSTRAINT', safe: false, preferred: true, intent: { kind: 'edits', edits: [notValid, { at: afterStatement(ctx, st), newText: `${nl}${validate}` }] } });
          } else {
            const next = ctx.file.newMigration?.('validate');
            if (next) {
              fixes.push({ title: `Add it NOT VALID; VALIDATE in a new migration ${next.name}`, safe: false, preferred: true, intent: { kind: 'edits', edits: [notValid, ...next.edits(validate)] } });
            }
          }
        }
        const fk = c.kind === 'foreign';
        const lock = fk
          ? c.references && c.references.name.toLowerCase() !== info.table.name.toLowerCase()
            ? `a SHARE ROW EXCLUSIVE lock on ${info.table.name} and ${c.references.name}, which blocks writes to them`
            : `a SHARE ROW EXCLUSIVE lock on ${info.table.name}, which blocks writes to it`
          : `an ACCESS EXCLUSIVE lock on ${info.table.name}, which blocks every read and write`;
        ctx.report({
          message:
            `Adding ${fk ? 'a foreign key' : 'a CHECK constraint'}${c.name ? ` ${c.name}` : ''} to ${info.table.name} (${existingWhy(st, info.table.key)}) checks every ` +
            `existing row while holding ${lock}. Add it NOT VALID and run VALIDATE CONSTRAINT separately: validation then lets reads and writes continue.`,
          at: c.head ?? a.at ?? headTo(st, info.table),
          fixes,
        });
      });
    }
  },
});
