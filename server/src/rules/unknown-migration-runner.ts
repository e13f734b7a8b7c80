import { defineRule } from './types';

export default defineRule({
  meta: {
    id: 'unknown-migration-runner',
    category: 'tool',
    defaultSeverity: 'info',
    appliesTo: ['pg'],
    fixable: false,
    summary: 'The runner of a folder of SQL migrations is not known, so its transaction checks are off.',
    why:
      'Whether a migration file runs in a transaction depends on what applies it: psql runs each statement on its own, while ' +
      'goose, Flyway and most home-grown runners wrap each file in a transaction. A folder of numbered SQL files without a ' +
      "runner's layout, marker comments or psql meta-commands does not say which, and a wrong guess is worse than none: " +
      'wrap-in-transaction would ask for BEGIN/COMMIT inside the runner\'s own transaction, and a CONCURRENTLY fix would fail ' +
      'at run time there. So the checks and fixes that depend on it (wrap-in-transaction, concurrently-in-transaction outside ' +
      'an explicit BEGIN, validate-in-same-transaction, unclosed-transaction for a missing COMMIT, and the fixes that add ' +
      'CONCURRENTLY or BEGIN) stay silent for the folder, and this note on its first migration says what settles it.',
    fix:
      'Say how the migrations run in db-design.json: `"migrations": { "runner": "plain" }` for files run statement by statement ' +
      '(psql), the runner\'s id (`goose`, `flyway`, ...) when it is one db-design knows, or `"inTransaction": true` when your ' +
      'runner wraps each file in a transaction (`false` when it does not).',
    examples: [
      {
        language: 'sql',
        file: 'db/updates/0001_plan.sql',
        bad: 'ALTER TABLE users ADD COLUMN plan text;\n',
        good: '\\set ON_ERROR_STOP 1\nALTER TABLE users ADD COLUMN plan text;\n',
      },
    ],
  },

  checkStatements(ctx) {
    const file = ctx.file;
    if (file.role !== 'migration' || !file.firstOfSet || file.run?.mode !== 'unknown') return;
    const first = ctx.statements.find((s) => s.direction === 'up');
    ctx.report({
      message:
        'Nothing here says which runner applies these migrations, so whether it runs each file in a transaction is not known: ' +
        'wrap-in-transaction is off for this folder, concurrently-in-transaction judges only BEGIN ... COMMIT in the files, and no ' +
        'fix adds BEGIN or CONCURRENTLY in place. Say it in db-design.json: "migrations": { "runner": "plain" } for psql ' +
        '(statement by statement), the runner\'s id, or "inTransaction": true or false.',
      at: first ? first.view.head(3) : { uri: file.uri, span: { start: 0, end: 0 } },
    });
  },
});
