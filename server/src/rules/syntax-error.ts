import { defineRule } from './types';

// Findings come from the SQL front end (server/src/sql), statement by statement; this file holds the
// metadata that names, documents and configures them.
export default defineRule({
  meta: {
    id: 'syntax-error',
    category: 'tool',
    defaultSeverity: 'error',
    appliesTo: ['pg'],
    fixable: false,
    summary: 'PostgreSQL cannot parse this statement.',
    why:
      'The statement is checked with the real PostgreSQL 18 parser, one statement at a time, so the rest of the file is ' +
      'still analysed. Files of dialects the parser does not speak (SQLite, MySQL) and templated files never get this ' +
      'finding; psql meta-commands such as `\\set` are not SQL and are skipped.',
    fix: 'Correct the statement at the marked token.',
    examples: [{ language: 'sql', bad: 'SELEC 1;\n', good: 'SELECT 1;\n' }],
  },
});
