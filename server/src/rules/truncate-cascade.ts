import { headTo } from './support/migration';
import { defineRule } from './types';

export default defineRule({
  meta: {
    id: 'truncate-cascade',
    category: 'migration',
    defaultSeverity: 'error',
    hurtsProduction: true,
    appliesTo: ['pg'],
    fixable: false,
    summary: 'TRUNCATE ... CASCADE also empties every table that references this one.',
    why:
      'With CASCADE, TRUNCATE empties every table that has a foreign key to the truncated ones, and the tables referencing those, ' +
      'recursively, under ACCESS EXCLUSIVE locks. Which tables that reaches is decided by foreign keys added anywhere in the ' +
      'schema, possibly long after this statement was written.',
    fix:
      'Name every table to empty explicitly (TRUNCATE a, b), or delete the rows you mean with DELETE ... WHERE. Only migrations are ' +
      'checked: an admin script meant to empty the database may cascade on purpose.',
    examples: [{ language: 'sql', bad: 'TRUNCATE users CASCADE;\n', good: 'TRUNCATE sessions, users;\n' }],
  },

  checkStatements(ctx) {
    for (const st of ctx.statements) {
      const info = st.info;
      if (info.kind !== 'truncate' || !info.cascade || st.direction !== 'up' || ctx.file.role !== 'migration') continue;
      const names = new Set(info.tables.map((t) => t.key));
      const referencing = [...ctx.schema.tables.values()]
        .filter((t) => !names.has(t.key) && t.foreignKeys.some((f) => names.has(f.refTable.toLowerCase())))
        .map((t) => t.name);
      const also = referencing.length ? ` Today that includes ${referencing.slice(0, 5).join(', ')}${referencing.length > 5 ? ', ...' : ''}.` : '';
      ctx.report({
        message:
          `TRUNCATE ... CASCADE on ${info.tables.map((t) => t.name).join(', ')} also empties every table with a foreign key to ${info.tables.length > 1 ? 'them' : 'it'}, ` +
          `recursively, under ACCESS EXCLUSIVE locks.${also} Name the tables to empty explicitly.`,
        at: headTo(st, info.tables[info.tables.length - 1]),
      });
    }
  },
});
