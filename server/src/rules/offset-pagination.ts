import { defineRule } from './types';

export default defineRule({
  meta: {
    id: 'offset-pagination',
    category: 'query',
    defaultSeverity: 'hint',
    appliesTo: ['pg', 'sqlite', 'mysql'],
    fixable: false,
    summary: 'OFFSET pagination reads and throws away every row before the page.',
    why:
      'For `LIMIT 20 OFFSET 10000` the database produces 10,020 rows and discards the first 10,000: each page costs more than the ' +
      'one before, and rows inserted or deleted between requests shift the pages, so users see duplicates or miss rows. Keyset ' +
      '(cursor) pagination remembers the last key seen and asks for the rows after it, which an index answers directly.',
    fix: 'Page by key: `WHERE (created_at, id) < ($1, $2) ORDER BY created_at DESC, id DESC LIMIT 20`, with an index on those columns.',
    examples: [
      {
        language: 'sql',
        file: 'queries/report.sql',
        bad: 'SELECT id, title FROM posts ORDER BY id LIMIT 20 OFFSET $1;\n',
        good: 'SELECT id, title FROM posts WHERE id > $1 ORDER BY id LIMIT 20;\n',
      },
    ],
  },

  checkStatements(ctx) {
    if (ctx.file.role !== 'script') return;
    for (const st of ctx.statements) {
      const info = st.info;
      const sel = info.kind === 'select' ? info.select : info.kind === 'create-view' ? info.select : undefined;
      if (!sel?.offsetAt) continue;
      ctx.report({
        message: 'OFFSET makes the database read and discard every row before the page, so later pages get slower, and rows shift between requests. Page by key instead (WHERE id > last seen id ORDER BY id LIMIT n).',
        at: sel.offsetAt,
      });
    }
  },
});
