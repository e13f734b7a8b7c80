/**
 * TypeORM migrations: classes implementing `MigrationInterface` with `up(queryRunner)` / `down(queryRunner)`,
 * SQL in `queryRunner.query(...)`. TypeORM orders them by the timestamp that ends the class name (not the
 * file name) and by default (`migrationsTransactionMode: 'all'`) runs every pending migration in one
 * transaction; a migration with `transaction = false` runs outside one (honoured in mode `each`). The mode is
 * read from the project's data source file (`migrationsTransactionMode: "each" | "none"`) when one says.
 */
import * as path from 'node:path';
import { migrationClassName, stringOption } from '../../ts/migration-sql';
import { isScriptFile } from '../script-migrations';
import { perSet } from '../set-memo';
import { imports, isMigrationScript, optsOutOfTransaction, scriptSet } from './scripts';
import type { DetectContext, MigrationRunner } from './types';

const MODE = 'typeorm-transaction-mode';

interface TransactionMode {
  value: string;
  /** The data source file that says it, for messages. */
  file: string;
}

/** Data source files by their usual names (`data-source.ts`, `DataSource.ts`, `ormconfig.ts`, `database.ts`). */
const DATA_SOURCE = /^(data-?source|ormconfig|database|db|typeorm)(\.config)?\.[cm]?[jt]s$/i;

/**
 * The `migrationsTransactionMode` the project's data source gives, if a data source file in the
 * migrations' folder or one of the four above it says.
 */
function transactionMode(ctx: DetectContext): TransactionMode | undefined {
  let dir = ctx.dir;
  for (let level = 0; level < 5; level++) {
    for (const e of ctx.host.readDir(dir)) {
      if (e.isDir || !isScriptFile(e.name) || !DATA_SOURCE.test(e.name)) continue;
      const file = path.join(dir, e.name);
      const found = stringOption(file, ctx.host.readFile(file) ?? '', 'migrationsTransactionMode');
      if (found) return { value: found.value, file: e.name };
    }
    const up = path.dirname(dir);
    if (up === dir) break;
    dir = up;
  }
  return undefined;
}

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
    const set = scriptSet(ctx, 'typeorm', (name) => {
      // TypeORM reads the timestamp from the class name's last 13 characters.
      const cls = migrationClassName(path.join(ctx.dir, name), ctx.host.readFile(path.join(ctx.dir, name)) ?? '');
      const version = (cls && /\d{13}$/.exec(cls)?.[0]) ?? /^\d+/.exec(name)?.[0] ?? '';
      return { name, direction: 'up', version, group: 0 };
    });
    perSet(set, MODE, () => transactionMode(ctx));
    return set;
  },
  fileMode(f) {
    const mode = perSet(f.set, MODE, (): TransactionMode | undefined => undefined);
    if (mode?.value === 'none') return { mode: 'none', reason: `${mode.file} sets \`migrationsTransactionMode: "none"\`` };
    if (optsOutOfTransaction(f)) return { mode: 'none', reason: 'the migration class sets `transaction = false`' };
    if (mode?.value === 'each') return { mode: 'transaction', reason: `${mode.file} sets \`migrationsTransactionMode: "each"\`: each migration in its own transaction` };
    return { mode: 'transaction', reason: 'TypeORM runs migrations in a transaction (all pending ones in one by default)' };
  },
};

export default typeorm;
