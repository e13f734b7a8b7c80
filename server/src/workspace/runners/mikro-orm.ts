/**
 * MikroORM migrations: classes extending `Migration` with `up()` / `down()`, SQL in `this.addSql(...)`,
 * ordered by name. Each migration runs in a transaction (all pending ones in one by default,
 * `allOrNothing`); `isTransactional()` returning false opts a migration out.
 */
import { imports, isMigrationScript, optsOutOfTransaction, scriptSet } from './scripts';
import type { MigrationRunner } from './types';

const mikroOrm: MigrationRunner = {
  info: {
    id: 'mikro-orm',
    name: 'MikroORM',
    usesDown: true,
    behaviour: 'MikroORM runs each migration in a transaction (all pending ones in one by default)',
    optOut: 'override `isTransactional()` to return false in this migration',
    allPendingInOneTransaction: true,
  },
  scripts: true,
  layoutOwnsFiles: true,
  detect(ctx) {
    if (!isMigrationScript(ctx) || !imports(ctx.head, /@mikro-orm\/migrations(?:-mongodb)?/)) return undefined;
    return scriptSet(ctx, 'mikro-orm', (name) => ({ name, direction: 'up', version: name.replace(/^Migration/, ''), group: 0 }));
  },
  fileMode(f) {
    if (optsOutOfTransaction(f)) return { mode: 'none', reason: 'the migration overrides `isTransactional()` to return false' };
    return { mode: 'transaction', reason: 'MikroORM runs each migration in a transaction' };
  },
};

export default mikroOrm;
