/**
 * TypeORM migrations: classes implementing `MigrationInterface` with `up(queryRunner)` / `down(queryRunner)`,
 * SQL in `queryRunner.query(...)`. TypeORM orders them by the timestamp that ends the class name (not the
 * file name) and by default (`migrationsTransactionMode: 'all'`) runs every pending migration in one
 * transaction; a migration with `transaction = false` runs outside one (honoured in mode `each`).
 */
import * as path from 'node:path';
import { migrationClassName } from '../../ts/migration-sql';
import { imports, isMigrationScript, optsOutOfTransaction, scriptSet } from './scripts';
import type { MigrationRunner } from './types';

const typeorm: MigrationRunner = {
  info: {
    id: 'typeorm',
    name: 'TypeORM',
    usesDown: true,
    behaviour: 'TypeORM runs all pending migrations in one transaction by default (migrationsTransactionMode "all")',
    optOut: 'set `migrationsTransactionMode: "each"` in the data source and `transaction = false` on this migration class',
    allPendingInOneTransaction: true,
  },
  scripts: true,
  layoutOwnsFiles: true,
  detect(ctx) {
    if (!isMigrationScript(ctx) || !imports(ctx.head, 'typeorm') || !/\bqueryRunner\b|MigrationInterface/.test(ctx.head)) return undefined;
    return scriptSet(ctx, 'typeorm', (name) => {
      // TypeORM reads the timestamp from the class name's last 13 characters.
      const cls = migrationClassName(path.join(ctx.dir, name), ctx.host.readFile(path.join(ctx.dir, name)) ?? '');
      const version = (cls && /\d{13}$/.exec(cls)?.[0]) ?? /^\d+/.exec(name)?.[0] ?? '';
      return { name, direction: 'up', version, group: 0 };
    });
  },
  fileMode(f) {
    if (optsOutOfTransaction(f)) return { mode: 'none', reason: 'the migration class sets `transaction = false`' };
    return { mode: 'transaction', reason: 'TypeORM runs migrations in a transaction (all pending ones in one by default)' };
  },
};

export default typeorm;
