/**
 * What the rules know about a migration file: its role in its migration set, the runner that applies it,
 * how that runner runs it (in a transaction or not) and each statement with the history around it. The
 * workspace fills these in (workspace/unit.ts, workspace/runners/, workspace/transactions.ts); the
 * rules read them.
 */
import type { Table } from './schema';
import type { SectionMarker, StatementInfo, StatementSyntax } from './statements';
import type { SourceRef } from './text';

/**
 * Folders migration tools keep their TypeScript/JavaScript migrations in (TypeORM, Knex, db-migrate,
 * MikroORM, Kysely `migrations/`, Logto's `alterations/`): the server reads a script only below one of
 * them, and the editor sends only those scripts to the server.
 */
export const SCRIPT_MIGRATION_FOLDERS = ['migrations', 'migration', 'migrate', 'alterations'] as const;

/** Script file extensions read as migrations. */
export const SCRIPT_MIGRATION_EXTENSIONS = ['ts', 'mts', 'cts', 'js', 'mjs', 'cjs'] as const;

/** TypeScript/JavaScript files below a migrations folder, as a glob. */
export const SCRIPT_MIGRATION_GLOB = `**/{${SCRIPT_MIGRATION_FOLDERS.join(',')}}/**/*.{${SCRIPT_MIGRATION_EXTENSIONS.join(',')}}`;

/** A runner's id, as `migrations.runner` in db-design.json spells it (workspace/runners lists them). */
export type RunnerId = string;

/**
 * How a file runs:
 * - `transaction`: the runner opens a transaction around the file (BEGIN ... COMMIT);
 * - `implicit`: the runner sends the whole file as one query string, so a file with two or more
 *   statements is one implicit transaction and a single statement is in none;
 * - `none`: each statement on its own (psql without --single-transaction, split-and-execute runners);
 * - `unknown`: nothing tells which runner applies the file (a folder of SQL files without a runner's layout
 *   or markers), so whether it runs in a transaction is not known.
 */
export type FileMode = 'transaction' | 'implicit' | 'none' | 'unknown';

export interface RunnerInfo {
  id: RunnerId;
  name: string;
  /** Does the runner apply down migrations (so an up file without one is a gap)? */
  usesDown: boolean;
  /** One line on how it runs a file, for messages. */
  behaviour: string;
  /** How to run one file outside a transaction, for messages (undefined: no per-file switch). */
  optOut?: string;
  /**
   * What to do with a statement that cannot run in a transaction (CREATE INDEX CONCURRENTLY), one sentence for
   * the hover, when the runner's way is not "a migration of its own, marked with `optOut`".
   */
  outsideTransaction?: string;
  /** The comment that starts a down section, for runners that keep both directions in one file. */
  downMarker?: string;
  /** The runner applies all pending migrations in one transaction, so a migration of its own does not leave it. */
  allPendingInOneTransaction?: boolean;
  /** Why a CONCURRENTLY statement among other statements is in the runner's transaction, when the runner says more than `behaviour`. */
  mixedTransaction?: string;
}

export interface FileRun {
  mode: FileMode;
  /** Why, in a few words, for messages (`goose runs each migration in a transaction`). */
  reason: string;
}

export interface TxState {
  inTransaction: boolean;
  /** What opened the transaction: BEGIN in the file, the runner around the file, or one multi-statement query. */
  how?: 'explicit' | 'runner' | 'implicit';
  /** Statements with the same block number run in the same transaction. */
  block: number;
  /**
   * Outside any BEGIN of the file, in a file whose runner is not known (`unknown` mode): the runner may
   * run it in a transaction or statement by statement, so neither can be assumed.
   */
  runnerUnknown?: boolean;
}

/**
 * A file's role: a `migration` (an up migration of a migration set, or a file with up/down sections),
 * a `down` migration (not replayed), or a `script` (schema dumps, views, functions, query files).
 */
export type FileRole = 'migration' | 'down' | 'script';

/** A new migration file after the newest of the set, for fixes that move statements out of this one's transaction. */
export interface NewMigrationRef {
  /** The new file, relative to the migration folder (for fix titles). */
  name: string;
  /** Edits that create the new migration holding `sql` (statements with their `;`). */
  edits(sql: string): { at: SourceRef; newText: string }[];
}

export interface FileFacts {
  uri: string;
  text: string;
  role: FileRole;
  /** The runner of the file's migration set (migrations and down files only). */
  runner?: RunnerInfo;
  /** How the runner runs the file's up section: in a transaction, as one query string, statement by statement. */
  run?: FileRun;
  /** How the runner runs the down section, for files that hold both (goose, dbmate). */
  downRun?: FileRun;
  /** Where this up migration's down migration is: another file, a section of this one, nowhere. */
  down: 'file' | 'section' | 'missing' | 'not-used';
  /** Runner section markers (`-- +goose Up`, `-- migrate:down`). */
  markers: SectionMarker[];
  /** The file's name in its migration set (`20240101_init/migration.sql`). */
  setName?: string;
  /** The set's first up migration: where findings about the whole set go. */
  firstOfSet?: boolean;
  /** Where this up migration's down file goes, for runners with down files (`x.up.sql` -> `x.down.sql`). */
  downFile?: string;
  /**
   * A new migration after the set's newest, named after this one as its runner expects; undefined when none
   * would help. It runs outside a transaction, or with `atomic` (statements that belong together) in one.
   */
  newMigration?(suffix: string, how?: { atomic?: boolean }): NewMigrationRef | undefined;
  /**
   * Whether migrations after this one change the table (by key) from how this one leaves it. A statement
   * moved to a new migration after the newest runs after them: only where they leave its table alone does
   * the history still end with the same schema. Undefined outside a migration set.
   */
  changedLater?(tableKey: string): boolean;
  /**
   * The comment the tool that generates this migration wrote above the statement at `offset` (Prisma's
   * `-- CreateIndex`), which marks it as generated: a statement moved to a new migration keeps it, so its
   * design findings stay with the schema it was generated from.
   */
  generatedComment?(offset: number): string | undefined;
  /** The runner's own way to run this migration outside a transaction (a marker, a side file), if it has one. */
  optOut?: {
    title: string;
    edits: { at: SourceRef; newText: string }[];
    /** Only for a statement alone in its migration (the runner still sends the section as one query string). */
    onlyAlone: boolean;
  };
  /** BEGIN statements issued inside an open transaction, and a BEGIN never closed (indexes into `statements`). */
  nestedBegins: number[];
  unclosedBegin?: number;
}

/** One statement of the file, with what the migration history says about it. */
export interface SqlStatement {
  view: StatementSyntax;
  info: StatementInfo;
  /** Position in the file's statement list. */
  index: number;
  direction: 'up' | 'down';
  tx: TxState;
  /** A table as it stood just before this statement (undefined: not known to the history). */
  before(key: string): Table | undefined;
  /** Created earlier in this same file: not an existing table, whatever the statement does to it. */
  createdInFile(key: string): boolean;
  /** An index created earlier in this same file. */
  indexCreatedInFile(name: string): boolean;
  /** The table an index named in the statement belonged to just before it (DROP INDEX). */
  indexTable(name: string): Table | undefined;
}
