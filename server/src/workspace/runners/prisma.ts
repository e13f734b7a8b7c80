/** Prisma Migrate: `migrations/<timestamp>_<name>/migration.sql`, one folder per migration, in folder-name order. */
import { folderSet, nextFolder } from './layout';
import type { MigrationRunner } from './types';

/** Prisma 7.4 (prisma-engines #5767) started sending migration statements one at a time. */
function prismaSplits(version: string | undefined): boolean | undefined {
  const m = version ? /^(\d+)\.(\d+)/.exec(version) : null;
  if (!m) return undefined;
  const major = Number(m[1]);
  const minor = Number(m[2]);
  return major > 7 || (major === 7 && minor >= 4);
}

const prisma: MigrationRunner = {
  info: {
    id: 'prisma',
    name: 'Prisma Migrate',
    usesDown: false,
    behaviour:
      'Prisma Migrate up to 7.3 sends each migration.sql as one query string, which PostgreSQL runs as one implicit transaction ' +
      'when it holds two or more statements; from 7.4 it sends the statements one by one, outside any transaction',
    outsideTransaction: 'Put the statement in a migration of its own (a single statement runs outside any transaction), or use Prisma 7.4 or later.',
  },
  layoutOwnsFiles: true,
  detect(ctx) {
    if (ctx.base !== 'migration.sql' || !/^\d[\d-]*_/.test(ctx.dirName)) return undefined;
    return folderSet(ctx.parent, ctx.host, 'prisma', ['migration.sql']);
  },
  fileMode(f) {
    const version = f.toolVersion?.();
    if (prismaSplits(version)) return { mode: 'none', reason: `Prisma ${version} sends migration statements one at a time, outside a transaction` };
    return { mode: 'implicit', reason: 'Prisma Migrate sends migration.sql as one query string, which PostgreSQL runs as one implicit transaction' };
  },
  newMigration: (ctx) => nextFolder(ctx, [{ name: 'migration.sql', content: '{{SQL}}\n' }]),
};

export default prisma;
