import { quoteIdent } from '../model/identifiers';
import type { SelectFacts } from '../model/statements';
import type { FixProposal } from '../model/intents';
import type { SqlStatement } from '../model/migration-file';
import { defineRule } from './types';

function selectsOf(st: SqlStatement): SelectFacts[] {
  const info = st.info;
  switch (info.kind) {
    case 'select':
      return [info.select];
    case 'create-view':
    case 'create-table-as':
    case 'dml':
      return info.select ? [info.select] : [];
  }
  return [];
}

export default defineRule({
  meta: {
    id: 'select-star',
    category: 'query',
    defaultSeverity: 'hint',
    appliesTo: ['pg', 'sqlite', 'mysql'],
    fixable: true,
    summary: 'SELECT * fetches every column, including ones nobody asked for.',
    why:
      '`SELECT *` reads and sends every column, large ones included, and prevents index-only scans; the result changes shape ' +
      'whenever a column is added, dropped or reordered, which breaks code that reads columns by position and silently changes ' +
      'what `INSERT ... SELECT *` writes. In a view, PostgreSQL expands the `*` once, at CREATE VIEW: later columns never show up. ' +
      '`count(*)` and `EXISTS (SELECT * ...)` are fine.',
    fix: 'Name the columns you need. When the table is known from the same file, the fix writes out the columns it has at that statement.',
    examples: [
      { language: 'sql', file: 'queries/report.sql', bad: 'SELECT * FROM users WHERE id = $1;\n', good: 'SELECT id, email FROM users WHERE id = $1;\n' },
    ],
  },

  checkStatements(ctx) {
    if (ctx.file.role !== 'script') return;
    for (const st of ctx.statements) {
      for (const sel of selectsOf(st)) {
        for (const star of sel.stars) {
          // The columns the table has at this statement, not after the file's later changes to it.
          const table = star.table ? st.before(star.table.key) : undefined;
          const fixes: FixProposal[] = [];
          if (table && !table.partial && table.columns.length) {
            const prefix = star.qualifier ? `${quoteIdent(star.qualifier, ctx.dialect)}.` : '';
            const list = table.columns.map((c) => `${prefix}${quoteIdent(c.name, ctx.dialect)}`).join(', ');
            fixes.push({ title: `Name the columns of ${table.name}`, safe: false, preferred: true, intent: { kind: 'replace', at: star.at, newText: list } });
          }
          ctx.report({
            message: `SELECT ${star.qualifier ? `${star.qualifier}.` : ''}* returns every column${star.table ? ` of ${star.table.name}` : ''}, needed or not, and changes shape when the table does. Name the columns you use.`,
            at: star.at,
            fixes,
          });
        }
      }
    }
  },
});
