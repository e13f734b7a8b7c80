/**
 * Kysely migrations: `export async function up(db: Kysely<any>)`, SQL in `sql` tagged templates, ordered by
 * name. Kysely's Migrator runs all pending migrations in one transaction where the engine has
 * transactional DDL (PostgreSQL, SQLite).
 */
import { imports, isMigrationScript, scriptSet } from './scripts';
import type { MigrationRunner } from './types';

const kysely: MigrationRunner = {
  info: {
    id: 'kysely',
    name: 'Kysely',
    usesDown: true,
    behaviour: "Kysely's Migrator runs all pending migrations in one transaction on PostgreSQL",
    allPendingInOneTransaction: true,
    outsideTransaction: "Kysely's Migrator applies all pending migrations in one transaction: run this statement outside the migrator, after it.",
  },
  scripts: true,
  layoutOwnsFiles: true,
  detect(ctx) {
    if (!isMigrationScript(ctx) || !imports(ctx.head, 'kysely')) return undefined;
    return scriptSet(ctx, 'kysely', (name) => ({ name, direction: 'up', version: name, group: 0 }));
  },
  fileMode: () => ({ mode: 'transaction', reason: "Kysely's Migrator runs migrations in a transaction" }),
};

export default kysely;
