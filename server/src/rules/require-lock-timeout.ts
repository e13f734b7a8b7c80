import { lockEffects, strongest } from '../model/locks';
import { lineBreak } from '../model/text';
import { existing, headTo, isMigrationUp, lineStartOf, namedTables } from './support/migration';
import type { SqlStatement } from '../model/migration-file';
import { defineRule } from './types';

export default defineRule({
  meta: {
    id: 'require-lock-timeout',
    category: 'migration',
    defaultSeverity: 'off',
    appliesTo: ['pg'],
    fixable: true,
    summary: 'Set lock_timeout before statements that take an ACCESS EXCLUSIVE lock.',
    why:
      'A statement that needs an ACCESS EXCLUSIVE lock waits for every running query on the table, however long it runs, and ' +
      'while it waits every new query on the table, reads included, queues behind it: a quick ALTER TABLE can stall the whole ' +
      'application behind one slow report. With `SET lock_timeout` the migration gives up after that time instead, and can be retried.',
    fix: "Insert `SET lock_timeout = '5s';` before the first such statement of the migration (choose the time that fits).",
    options: {
      timeout: { type: 'string', default: '5s', description: 'The value the quick fix writes.' },
    },
    examples: [
      { language: 'sql', bad: 'ALTER TABLE users ADD COLUMN plan text;\n', good: "SET lock_timeout = '5s';\nALTER TABLE users ADD COLUMN plan text;\n" },
    ],
  },

  checkStatements(ctx) {
    let timeoutSet = false;
    let first: SqlStatement | undefined;
    const flagged: SqlStatement[] = [];
    for (const st of ctx.statements) {
      const info = st.info;
      if (info.kind === 'set' && info.name === 'lock_timeout') {
        timeoutSet = !!info.value && info.value !== '0';
        continue;
      }
      if (timeoutSet || !isMigrationUp(ctx, st)) continue;
      const effects = lockEffects(info, { pgVersion: ctx.pgVersion, before: (k) => st.before(k) });
      const top = strongest(effects);
      if (!top || top.mode !== 'ACCESS EXCLUSIVE') continue;
      const keys = namedTables(st);
      if (keys.length && keys.every((k) => !existing(st, k))) continue;
      first ??= st;
      flagged.push(st);
    }
    if (!first) return;
    const value = String(ctx.options.timeout ?? '5s').replace(/'/g, "''");
    const at = lineStartOf(ctx, first);
    for (const st of flagged) {
      const table = 'table' in st.info && st.info.table && typeof st.info.table === 'object' && 'name' in st.info.table ? st.info.table.name : 'the table';
      ctx.report({
        message:
          `This statement takes an ACCESS EXCLUSIVE lock on ${table} with no lock_timeout set: while it waits for running queries, every new query on ` +
          `${table}, reads included, queues behind it. Set lock_timeout first so the migration fails fast instead.`,
        at: headTo(st, 'table' in st.info && st.info.table && typeof st.info.table === 'object' && 'at' in st.info.table ? st.info.table : undefined),
        fixes: [{ title: `Set lock_timeout = '${value}' first`, safe: false, preferred: true, intent: { kind: 'replace', at, newText: `SET lock_timeout = '${value}';${lineBreak(ctx.file.text)}` } }],
      });
    }
  },
});
