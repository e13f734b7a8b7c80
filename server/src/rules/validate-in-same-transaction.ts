import { headTo } from './support/migration';
import { defineRule } from './types';

export default defineRule({
  meta: {
    id: 'validate-in-same-transaction',
    category: 'migration',
    defaultSeverity: 'warning',
    hurtsProduction: true,
    appliesTo: ['pg'],
    fixable: false,
    summary: 'Validate a NOT VALID constraint in a later transaction, not the one that added it.',
    why:
      'Adding a constraint `NOT VALID` and validating it later is meant to keep the long row check away from the strong lock: ' +
      'the ADD takes its lock (SHARE ROW EXCLUSIVE for a foreign key, ACCESS EXCLUSIVE for a CHECK) only for an instant, and ' +
      'VALIDATE needs only SHARE UPDATE EXCLUSIVE. In one transaction, though, the ADD\'s lock is held until COMMIT, so the ' +
      'validation runs under it anyway. Which statements share a transaction follows from BEGIN/COMMIT in the file and from how ' +
      'the migration runner runs the file (see concurrently-in-transaction).',
    fix: 'Move the VALIDATE CONSTRAINT to a later migration (or after the COMMIT of the transaction that adds the constraint).',
    examples: [
      {
        language: 'sql',
        bad:
          'BEGIN;\nALTER TABLE orders ADD CONSTRAINT orders_customer_fk FOREIGN KEY (customer_id) REFERENCES customers (id) NOT VALID;\n' +
          'ALTER TABLE orders VALIDATE CONSTRAINT orders_customer_fk;\nCOMMIT;\n',
        good:
          'BEGIN;\nALTER TABLE orders ADD CONSTRAINT orders_customer_fk FOREIGN KEY (customer_id) REFERENCES customers (id) NOT VALID;\nCOMMIT;\n' +
          'ALTER TABLE orders VALIDATE CONSTRAINT orders_customer_fk;\n',
      },
    ],
  },

  checkStatements(ctx) {
    const added = new Map<string, { index: number; block: number; inTx: boolean }>();
    for (const st of ctx.statements) {
      const info = st.info;
      if (info.kind !== 'alter-table' || ctx.file.role === 'down') continue;
      for (const a of info.actions) {
        if (a.type === 'add-constraint' && a.constraint.notValid && a.constraint.name) {
          added.set(`${info.table.key}\u0000${a.constraint.name}`, { index: st.index, block: st.tx.block, inTx: st.tx.inTransaction });
        }
        if (a.type === 'validate-constraint') {
          const add = added.get(`${info.table.key}\u0000${a.name}`);
          if (!add || !add.inTx || !st.tx.inTransaction || add.block !== st.tx.block) continue;
          ctx.report({
            message:
              `${a.name} is added NOT VALID and validated in the same transaction, so the lock taken to add it is still held while every ` +
              'row is checked: the split gains nothing. Validate it in a later migration or after COMMIT.',
            at: a.at ?? headTo(st, info.table),
          });
        }
      }
    }
  },
});
