/**
 * What each migration runner does with a file, as its documentation and issue trackers describe it:
 * whether the file runs inside a transaction, how a file opts out, and whether the runner uses down
 * migrations. The rules that care (concurrently-in-transaction, wrap-in-transaction,
 * require-down-migration, validate-in-same-transaction) read it from here, and `migrations.inTransaction`
 * in db-design.json overrides it.
 *
 * A file a runner sends to PostgreSQL as one query string (the simple query protocol) with several
 * statements runs as one implicit transaction: atomic, and `CREATE INDEX CONCURRENTLY` fails in it. A
 * file with a single statement runs in no transaction at all.
 */
import type { FileRun, RunnerId, RunnerInfo } from '../model/migration-file';

export const RUNNER_IDS: readonly RunnerId[] = [
  'prisma', 'drizzle', 'golang-migrate', 'goose', 'dbmate', 'sql-migrate', 'flyway', 'diesel', 'node-pg-migrate', 'sqlx', 'pop', 'plain',
];

export const RUNNERS: Record<RunnerId, RunnerInfo> = {
  prisma: {
    id: 'prisma',
    name: 'Prisma Migrate',
    usesDown: false,
    behaviour:
      'Prisma Migrate up to 7.3 sends each migration.sql as one query string, which PostgreSQL runs as one implicit transaction ' +
      'when it holds two or more statements; from 7.4 it sends the statements one by one, outside any transaction',
  },
  drizzle: {
    id: 'drizzle',
    name: 'Drizzle',
    usesDown: false,
    behaviour: "Drizzle's migrator runs every pending migration inside one transaction, statement by statement (split at `--> statement-breakpoint`)",
  },
  'golang-migrate': {
    id: 'golang-migrate',
    name: 'golang-migrate',
    usesDown: true,
    behaviour:
      'golang-migrate sends each file as one query string (one implicit transaction when it holds two or more statements) ' +
      'unless the database URL sets `x-multi-statement=true`, which runs the statements one by one',
  },
  goose: {
    id: 'goose',
    name: 'goose',
    usesDown: true,
    behaviour: 'goose runs each migration file in a transaction unless it starts with `-- +goose NO TRANSACTION`',
    optOut: 'add `-- +goose NO TRANSACTION` at the top of the file',
  },
  dbmate: {
    id: 'dbmate',
    name: 'dbmate',
    usesDown: true,
    behaviour:
      'dbmate runs each migration in a transaction unless the section says `-- migrate:up transaction:false`; even then it sends the ' +
      'section as one query string, so two or more statements still form one implicit transaction',
    optOut: 'write `-- migrate:up transaction:false`, with the statement alone in the migration',
  },
  'sql-migrate': {
    id: 'sql-migrate',
    name: 'sql-migrate',
    usesDown: true,
    behaviour: 'sql-migrate runs each migration in a transaction unless the marker says `-- +migrate Up notransaction`',
    optOut: 'write `-- +migrate Up notransaction`',
  },
  flyway: {
    id: 'flyway',
    name: 'Flyway',
    usesDown: false,
    behaviour:
      'Flyway runs each migration in a transaction; on PostgreSQL it runs a migration made only of statements that cannot run in one ' +
      '(such as CREATE INDEX CONCURRENTLY) without a transaction, and refuses a migration that mixes both unless `mixed` is enabled',
    optOut: 'set `executeInTransaction=false` in a `<script>.sql.conf` file next to the migration',
  },
  diesel: {
    id: 'diesel',
    name: 'Diesel',
    usesDown: true,
    behaviour: 'Diesel runs each up.sql and down.sql in a transaction unless the migration folder has a metadata.toml with `run_in_transaction = false`',
    optOut: 'add `run_in_transaction = false` to a metadata.toml in the migration folder',
  },
  'node-pg-migrate': {
    id: 'node-pg-migrate',
    name: 'node-pg-migrate',
    usesDown: true,
    behaviour: 'node-pg-migrate runs each migration in a transaction (all pending ones in one with --single-transaction)',
  },
  sqlx: {
    id: 'sqlx',
    name: 'sqlx',
    usesDown: false,
    behaviour: 'sqlx runs each migration in a transaction unless the file starts with `-- no-transaction`',
    optOut: 'start the file with `-- no-transaction`',
  },
  pop: {
    id: 'pop',
    name: 'pop (Ory/Buffalo)',
    usesDown: true,
    behaviour: 'pop runs each migration file in a transaction, except files named `*.autocommit.up.sql`',
    optOut: 'name the file `<version>_<name>.autocommit.up.sql`',
  },
  plain: {
    id: 'plain',
    name: 'plain SQL files',
    usesDown: false,
    behaviour: 'plain migration files run statement by statement (as psql does), each statement committing on its own unless the file has BEGIN ... COMMIT',
  },
};

export interface FileRunFacts {
  /** The file's text (directives are comments in it). */
  text: string;
  /** Statements in the up (or only) section. */
  statementCount: number;
  /** Whether every statement of the section is one that cannot run in a transaction (CONCURRENTLY...). */
  allNonTransactional: boolean;
  /** Flyway: the `<file>.conf` next to the script, if any. Diesel: the folder's metadata.toml. */
  sideConfig?: string;
  /** Prisma: the installed version, when known. */
  prismaVersion?: string;
  /** Direction of the section being judged (goose and dbmate keep both in one file). */
  direction: 'up' | 'down';
  /** pop (Ory): the file name has `.autocommit.`, which runs it outside a transaction. */
  autocommit?: boolean;
  /** PostgreSQL extension scripts (`1.2--1.3.sql`): ALTER EXTENSION ... UPDATE runs them in its transaction. */
  extensionScript?: boolean;
}

/** Prisma 7.4 (prisma-engines #5767) started sending migration statements one at a time. */
function prismaSplits(version: string | undefined): boolean | undefined {
  const m = version ? /^(\d+)\.(\d+)/.exec(version) : null;
  if (!m) return undefined;
  const major = Number(m[1]);
  const minor = Number(m[2]);
  return major > 7 || (major === 7 && minor >= 4);
}

/** How the runner runs this file (or the file's up/down section). */
export function fileMode(runner: RunnerId, f: FileRunFacts, override?: boolean): FileRun {
  if (override !== undefined) {
    return override
      ? { mode: 'transaction', reason: 'db-design.json says migrations run in a transaction (`migrations.inTransaction`)' }
      : { mode: 'none', reason: 'db-design.json says migrations run outside a transaction (`migrations.inTransaction`)' };
  }
  const text = f.text;
  switch (runner) {
    case 'prisma': {
      const splits = prismaSplits(f.prismaVersion);
      if (splits) return { mode: 'none', reason: `Prisma ${f.prismaVersion} sends migration statements one at a time, outside a transaction` };
      return { mode: 'implicit', reason: 'Prisma Migrate sends migration.sql as one query string, which PostgreSQL runs as one implicit transaction' };
    }
    case 'drizzle':
      return { mode: 'transaction', reason: "Drizzle's migrator runs migrations inside a transaction" };
    case 'golang-migrate':
      return { mode: 'implicit', reason: 'golang-migrate sends the file as one query string, which PostgreSQL runs as one implicit transaction' };
    case 'goose':
      if (/^--\s*\+goose\s+no\s+transaction\b/im.test(text)) return { mode: 'none', reason: 'the file says `-- +goose NO TRANSACTION`' };
      return { mode: 'transaction', reason: 'goose runs each migration in a transaction' };
    case 'dbmate': {
      const marker = new RegExp(`^--\\s*migrate:${f.direction}\\b(.*)$`, 'im').exec(text);
      if (marker && /\btransaction:false\b/i.test(marker[1])) {
        return { mode: 'implicit', reason: 'with `transaction:false` dbmate still sends the section as one query string (one implicit transaction)' };
      }
      return { mode: 'transaction', reason: 'dbmate runs each migration in a transaction' };
    }
    case 'sql-migrate': {
      const marker = new RegExp(`^--\\s*\\+migrate\\s+${f.direction}\\b(.*)$`, 'im').exec(text);
      if (marker && /\bnotransaction\b/i.test(marker[1])) return { mode: 'none', reason: 'the marker says `notransaction`' };
      return { mode: 'transaction', reason: 'sql-migrate runs each migration in a transaction' };
    }
    case 'flyway':
      if (f.sideConfig && /^\s*executeInTransaction\s*=\s*false\s*$/im.test(f.sideConfig)) {
        return { mode: 'none', reason: 'its .conf file sets `executeInTransaction=false`' };
      }
      if (/^--\s*flyway:executeInTransaction\s*=\s*false\b/im.test(text)) return { mode: 'none', reason: 'the script says `flyway:executeInTransaction=false`' };
      if (f.allNonTransactional) return { mode: 'none', reason: 'Flyway runs a migration made only of non-transactional statements without a transaction' };
      return { mode: 'transaction', reason: 'Flyway runs each migration in a transaction' };
    case 'diesel':
      if (f.sideConfig && /^\s*run_in_transaction\s*=\s*false\s*$/im.test(f.sideConfig)) {
        return { mode: 'none', reason: 'its metadata.toml sets `run_in_transaction = false`' };
      }
      return { mode: 'transaction', reason: 'Diesel runs each migration in a transaction' };
    case 'node-pg-migrate':
      return { mode: 'transaction', reason: 'node-pg-migrate runs each migration in a transaction' };
    case 'sqlx':
      if (/^\s*--\s*no-transaction\b/i.test(text)) return { mode: 'none', reason: 'the file starts with `-- no-transaction`' };
      return { mode: 'transaction', reason: 'sqlx runs each migration in a transaction' };
    case 'pop':
      if (f.autocommit) return { mode: 'none', reason: 'its name says `.autocommit.`, which pop runs outside a transaction' };
      return { mode: 'transaction', reason: 'pop runs each migration in a transaction' };
    case 'plain':
      if (f.extensionScript) return { mode: 'transaction', reason: 'extension update scripts run inside the transaction of ALTER EXTENSION ... UPDATE' };
      return { mode: 'none', reason: 'plain SQL files run statement by statement' };
  }
}

/** Does the file, as this runner runs it, put its statements in a transaction? */
export function runsInTransaction(m: FileRun, statementCount: number): boolean {
  return m.mode === 'transaction' || (m.mode === 'implicit' && statementCount >= 2);
}
