/**
 * db-migrate: `<timestamp>-<name>.js` with `exports.up = function (db, callback)`, SQL in `db.runSql(...)`,
 * ordered by file name. Its PostgreSQL driver wraps each migration in BEGIN ... COMMIT unless run with
 * `--non-transactional`.
 */
import { isMigrationScript, scriptSet } from './scripts';
import type { MigrationRunner } from './types';

const dbMigrate: MigrationRunner = {
  info: {
    id: 'db-migrate',
    name: 'db-migrate',
    usesDown: true,
    behaviour: "db-migrate's PostgreSQL driver runs each migration in a transaction (unless run with --non-transactional)",
  },
  scripts: true,
  layoutOwnsFiles: true,
  detect(ctx) {
    if (!isMigrationScript(ctx) || !/\.\s*runSql\s*\(|exports\.setup\s*=|function\s*\(\s*db\s*,\s*(?:callback|cb)\b/.test(ctx.head)) return undefined;
    return scriptSet(ctx, 'db-migrate', (name) => ({ name, direction: 'up', version: name, group: 0 }));
  },
  fileMode: () => ({ mode: 'transaction', reason: "db-migrate's PostgreSQL driver runs each migration in a transaction" }),
};

export default dbMigrate;
