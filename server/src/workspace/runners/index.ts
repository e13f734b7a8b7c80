/**
 * The registry of migration runners and layouts, in the order detection tries them (a layout or marker
 * that names its runner before the generic folders). Adding a runner: one module in this folder (see
 * CONTRIBUTING.md, "Adding a migration runner"), its cases in test/workspace/runners/, and a line here.
 * `migrations.runner` and `migrations.inTransaction` in db-design.json override what is detected.
 */
import type { MigrationFile, MigrationSet } from '../migrations';
import { isScriptFile } from '../script-migrations';
import dbMigrate from './db-migrate';
import dbmate from './dbmate';
import diesel from './diesel';
import drizzle from './drizzle';
import flyway from './flyway';
import golangMigrate from './golang-migrate';
import goose from './goose';
import knex from './knex';
import kysely from './kysely';
import mikroOrm from './mikro-orm';
import nodePgMigrate from './node-pg-migrate';
import plain from './plain';
import pop from './pop';
import prisma from './prisma';
import sqlMigrate from './sql-migrate';
import slonik from './slonik';
import sqlx from './sqlx';
import typeorm from './typeorm';
import upgradeScripts from './upgrade-scripts';
import versionFolders from './version-folders';
import type { DetectContext, FileRun, FileRunFacts, MigrationLayout, MigrationRunner, NewMigration, RunnerId, RunnerInfo } from './types';

export type { FileMode, FileRun, FileRunFacts, MigrationRunner, NewMigration, RunnerId, RunnerInfo } from './types';

/** Detection order. */
const MODULES: (MigrationRunner | MigrationLayout)[] = [
  prisma,
  diesel,
  goose,
  dbmate,
  sqlMigrate,
  nodePgMigrate,
  flyway,
  pop,
  golangMigrate,
  drizzle,
  versionFolders,
  upgradeScripts,
  sqlx,
  plain,
  // Migrations written in TypeScript or JavaScript: only these are asked about script files.
  typeorm,
  mikroOrm,
  kysely,
  knex,
  slonik,
  dbMigrate,
];

const isRunner = (m: MigrationRunner | MigrationLayout): m is MigrationRunner => 'info' in m;

const BY_ID = new Map<RunnerId, MigrationRunner>(MODULES.filter(isRunner).map((m) => [m.info.id, m]));

/** The runner ids `migrations.runner` accepts. */
export const RUNNER_IDS: readonly RunnerId[] = [...BY_ID.keys()];

/** The runner module of an id (the plain-files runner for an id no module has). */
export function runnerModule(id: RunnerId): MigrationRunner {
  return BY_ID.get(id) ?? plain;
}

/** What the rules are told about a runner. */
export const RUNNERS: Readonly<Record<RunnerId, RunnerInfo>> = Object.fromEntries([...BY_ID].map(([id, m]) => [id, m.info]));

/** The set a file belongs to by the first module whose layout or markers claim it. */
export function detectSet(ctx: DetectContext): MigrationSet | undefined {
  const script = isScriptFile(ctx.base);
  for (const m of MODULES) {
    if (script !== ('info' in m && !!m.scripts)) continue;
    const set = m.detect?.(ctx);
    if (set) return set;
  }
  return undefined;
}

/** Up/down section markers of every runner that keeps both directions in one file. */
export const SECTION_MARKERS: readonly { up: RegExp; down: RegExp }[] = MODULES.filter(isRunner).flatMap((m) => (m.sections ? [m.sections] : []));

/** How the runner runs this file (or the file's up/down section); `override` is `migrations.inTransaction`. */
export function fileMode(runner: RunnerId, f: FileRunFacts, override?: boolean): FileRun {
  if (override !== undefined) {
    return override
      ? { mode: 'transaction', reason: 'db-design.json says migrations run in a transaction (`migrations.inTransaction`)' }
      : { mode: 'none', reason: 'db-design.json says migrations run outside a transaction (`migrations.inTransaction`)' };
  }
  return runnerModule(runner).fileMode(f);
}

/** Does the file, as this runner runs it, put its statements in a transaction? */
export function runsInTransaction(m: FileRun, statementCount: number): boolean {
  return m.mode === 'transaction' || (m.mode === 'implicit' && statementCount >= 2);
}

/**
 * A new migration after the set's newest one (the version after it: never reused, never in between),
 * named after `entry` the way its runner expects, for fixes that move a statement out of a migration's transaction (CREATE INDEX CONCURRENTLY, VALIDATE CONSTRAINT). Only
 * offered where the new file would really run outside a transaction: a runner that applies all pending
 * migrations in one transaction (Drizzle, node-pg-migrate) gets none.
 * With `standalone`, a migration of its own after `entry` (the set's last), named by `suffix` alone.
 */
export function siblingMigration(set: MigrationSet, entry: MigrationFile, suffix: string, standalone = false, opts: { atomic?: boolean; later?: number } = {}): NewMigration | undefined {
  return runnerModule(set.runner).newMigration?.({ set, entry, suffix, standalone, ...opts });
}
