import { quoteIdent } from '../model/identifiers';
import type { FixProposal } from '../model/intents';
import { lineBreak } from '../model/text';
import { existing, existingWhy, headTo, implicitConstraintName, isMigrationUp, moveToOwnMigration, surelyOutsideTransaction, tableText } from './support/migration';
import { defineRule } from './types';

export default defineRule({
  meta: {
    id: 'add-unique-constraint',
    category: 'migration',
    defaultSeverity: 'warning',
    hurtsProduction: true,
    appliesTo: ['pg'],
    fixable: true,
    summary: 'Build the index first (CONCURRENTLY), then add UNIQUE / PRIMARY KEY constraints USING INDEX.',
    why:
      '`ADD CONSTRAINT ... UNIQUE` or `PRIMARY KEY` builds the index behind the constraint while holding an ACCESS EXCLUSIVE lock, ' +
      'which blocks every read and write for the whole build. Building the index with `CREATE UNIQUE INDEX CONCURRENTLY` first ' +
      'blocks no one, and `ADD CONSTRAINT ... USING INDEX` then only takes the lock for an instant. Tables created earlier in the ' +
      'same migration are not flagged.',
    fix:
      'Replace the statement with `CREATE UNIQUE INDEX CONCURRENTLY <name> ON <table> (...)` and `ALTER TABLE <table> ADD CONSTRAINT ' +
      '<name> UNIQUE USING INDEX <name>` (a primary key also needs its columns NOT NULL). Inside a transaction, both go to a new ' +
      'migration that runs outside one.',
    examples: [
      {
        language: 'sql',
        bad: 'ALTER TABLE users ADD CONSTRAINT users_email_key UNIQUE (email);\n',
        good:
          'CREATE UNIQUE INDEX CONCURRENTLY users_email_key ON users (email);\n' +
          'ALTER TABLE users ADD CONSTRAINT users_email_key UNIQUE USING INDEX users_email_key;\n',
      },
    ],
  },

  checkStatements(ctx) {
    for (const st of ctx.statements) {
      const info = st.info;
      if (info.kind !== 'alter-table' || !isMigrationUp(ctx, st) || !existing(st, info.table.key)) continue;
      for (const a of info.actions) {
        const constraints = a.type === 'add-constraint' ? [a.constraint] : a.type === 'add-column' ? a.constraints : [];
        for (const c of constraints) {
          if ((c.kind !== 'unique' && c.kind !== 'primary') || c.usingIndex) continue;
          const fixes: FixProposal[] = [];
          const keyword = c.kind === 'primary' ? 'PRIMARY KEY' : 'UNIQUE';
          // Under a runner that is not known, CONCURRENTLY may land in its transaction, here or in a new migration.
          if (a.type === 'add-constraint' && info.actions.length === 1 && c.columns.length && !st.tx.runnerUnknown) {
            const text = ctx.file.text;
            const nl = lineBreak(text);
            const table = tableText(info.table, text, ctx.dialect);
            const name = c.name ?? implicitConstraintName(info.table.name, c.columns, c.kind === 'primary' ? 'pkey' : 'key');
            const sql =
              `CREATE UNIQUE INDEX CONCURRENTLY ${quoteIdent(name, ctx.dialect)} ON ${table} (${c.columns.map((col) => quoteIdent(col, ctx.dialect)).join(', ')});${nl}` +
              `ALTER TABLE ${table} ADD CONSTRAINT ${quoteIdent(name, ctx.dialect)} ${keyword} USING INDEX ${quoteIdent(name, ctx.dialect)};`;
            if (surelyOutsideTransaction(st)) fixes.push({ title: 'Build the index concurrently, then add the constraint USING INDEX', safe: false, preferred: true, intent: { kind: 'replace', at: st.view.ref, newText: sql } });
            else {
              const move = moveToOwnMigration(ctx, [st], 'unique', sql);
              if (move) fixes.push(move);
            }
          }
          ctx.report({
            message:
              `Adding ${keyword}${c.name ? ` ${c.name}` : ''} to ${info.table.name} (${existingWhy(st, info.table.key)}) builds its index while holding an ACCESS ` +
              'EXCLUSIVE lock, which blocks every read and write until the build ends. Create the unique index CONCURRENTLY first, then ' +
              `ADD CONSTRAINT ... ${keyword} USING INDEX.`,
            at: c.head ?? c.at ?? a.at ?? headTo(st, info.table),
            fixes,
          });
        }
      }
    }
  },
});
