/** node-pg-migrate SQL migrations: `-- Up Migration` / `-- Down Migration` sections, each migration in a transaction. */
import { flatSet } from './layout';
import type { MigrationRunner } from './types';

const nodePgMigrate: MigrationRunner = {
  info: {
    id: 'node-pg-migrate',
    name: 'node-pg-migrate',
    usesDown: true,
    behaviour: 'node-pg-migrate runs each migration in a transaction (all pending ones in one with --single-transaction)',
    downMarker: '-- Down Migration',
    allPendingInOneTransaction: true,
    outsideTransaction: 'node-pg-migrate applies all pending migrations in one transaction: run this statement outside the migrator, after it.',
  },
  sections: { up: /^up\s+migration\b/i, down: /^down\s+migration\b/i },
  detect(ctx) {
    if (!/^--\s*up migration\b/im.test(ctx.head)) return undefined;
    return flatSet(ctx.dir, ctx.host, 'node-pg-migrate', (n) => /^\d+.*\.sql$/i.test(n), { self: ctx.base });
  },
  fileMode: () => ({ mode: 'transaction', reason: 'node-pg-migrate runs each migration in a transaction' }),
};

export default nodePgMigrate;
