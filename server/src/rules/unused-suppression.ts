import { defineRule } from './types';

// Findings come from the engine's suppression pass (server/src/engine/suppression.ts).
export default defineRule({
  meta: {
    id: 'unused-suppression',
    category: 'tool',
    defaultSeverity: 'info',
    appliesTo: ['prisma', 'pg', 'sqlite', 'mysql'],
    fixable: true,
    summary: 'A suppression comment that suppresses nothing.',
    why:
      'Suppressions outlive the code they were written for. One that no longer hides a finding only hides the next, ' +
      'unrelated finding of that rule on the line, so it is better removed.',
    fix: 'Remove the comment (or the unused rule id from it).',
    examples: [
      {
        language: 'sql',
        bad: '-- db-design-disable-next-line prefer-timestamptz\nCREATE TABLE t (id bigint PRIMARY KEY, at timestamptz);\n',
        good: 'CREATE TABLE t (id bigint PRIMARY KEY, at timestamptz);\n',
      },
    ],
  },
});
