/**
 * drizzle-kit: `<4 digits>_<name>.sql` with `--> statement-breakpoint` between statements and a
 * `meta/_journal.json`; the migrator runs all pending migrations in one transaction.
 */
import * as path from 'node:path';
import { flatSet } from './layout';
import type { MigrationRunner } from './types';

const FILE = /^\d{4}_[\w-]+\.sql$/i;

const drizzle: MigrationRunner = {
  info: {
    id: 'drizzle',
    name: 'Drizzle',
    usesDown: false,
    behaviour: "Drizzle's migrator runs every pending migration inside one transaction, statement by statement (split at `--> statement-breakpoint`)",
    allPendingInOneTransaction: true,
    outsideTransaction: 'Drizzle applies all pending migrations in one transaction: run this statement outside the migrator, after it.',
  },
  layoutOwnsFiles: true,
  detect(ctx) {
    if (!FILE.test(ctx.base)) return undefined;
    if (!ctx.head.includes('--> statement-breakpoint') && ctx.host.readFile(path.join(ctx.dir, 'meta', '_journal.json')) === undefined) return undefined;
    return flatSet(ctx.dir, ctx.host, 'drizzle', (n) => FILE.test(n));
  },
  fileMode: () => ({ mode: 'transaction', reason: "Drizzle's migrator runs migrations inside a transaction" }),
};

export default drizzle;
