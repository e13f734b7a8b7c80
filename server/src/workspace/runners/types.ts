/**
 * What a migration runner module says about its runner: how its sets are found, how their files are
 * ordered and named, which files run in a transaction, its down files and opt-out markers, and how a
 * fix names a new migration. One module per runner under workspace/runners/, listed in index.ts.
 *
 * A file a runner sends to PostgreSQL as one query string (the simple query protocol) with several
 * statements runs as one implicit transaction: atomic, and `CREATE INDEX CONCURRENTLY` fails in it. A
 * file with a single statement runs in no transaction at all.
 */
import type { FileMode, FileRun, RunnerId, RunnerInfo } from '../../model/migration-file';
import type { MigrationFile, MigrationSet, WorkspaceHost } from '../migrations';

export type { FileMode, FileRun, RunnerId, RunnerInfo };

export interface FileRunFacts {
  /** The file's text (directives are comments in it). */
  text: string;
  /** The file's name relative to the set's root (`20240101_x/up.sql`, `0001_x.autocommit.up.sql`). */
  name: string;
  /** Statements in the up (or only) section. */
  statementCount: number;
  /** Whether every statement of the section is one that cannot run in a transaction (CONCURRENTLY...). */
  allNonTransactional: boolean;
  /** The runner's side file for this migration (`sideConfig`), if it exists. */
  sideConfig?: string;
  /** The runner tool's installed version, when the runner asks for it (Prisma). */
  toolVersion?: () => string | undefined;
  /** Direction of the section being judged (goose and dbmate keep both in one file). */
  direction: 'up' | 'down';
  /** The other files of the set (PostgreSQL extension scripts are recognised by their names). */
  set: MigrationSet;
  /** The text of a file of the set (a runner recognised by what its files say, such as psql's meta-commands). */
  textOf(file: MigrationFile): string;
}

/** What a runner module reads to decide whether a file belongs to one of its sets. */
export interface DetectContext {
  fsPath: string;
  /** The file's folder, its name, and the folder above. */
  dir: string;
  dirName: string;
  parent: string;
  base: string;
  /** The first 4 KB of the file (marker comments). */
  head: string;
  host: WorkspaceHost;
  /** The configured migrations folder (`migrations.folders`) that holds the file, if any. */
  configured?: string;
}

export interface NewMigration {
  /** Files to create: path and whole content (the statement goes where `{{SQL}}` is). */
  files: { fsPath: string; content: string }[];
  /** Where the new migration is, relative to the set's root, for fix titles. */
  name: string;
}

export interface NewMigrationContext {
  set: MigrationSet;
  /** The migration the new one follows. */
  entry: MigrationFile;
  /** What the new migration holds, as a name part (`concurrently`). */
  suffix: string;
  /** A migration of its own after `entry` (the set's last), named by `suffix` alone. */
  standalone: boolean;
  /**
   * Its statements belong together (VALIDATE then SET NOT NULL): it runs the runner's usual way, without
   * the marker or side file that takes a migration out of its transaction.
   */
  atomic?: boolean;
  /** The how-manyth of several new migrations in a row (0: right after the newest). */
  later?: number;
}

/** An edit that makes one migration run outside a transaction the runner's own way (a marker, a side file). */
export interface OptOutEdit {
  title: string;
  edits: { fsPath: string; offset: number; newText: string }[];
  /** Only when the statement is alone in its migration (dbmate, sql-migrate send the section as one string). */
  onlyAlone: boolean;
}

export interface MigrationRunner {
  info: RunnerInfo;
  /** The set `ctx`'s file belongs to when this runner's layout or markers claim it; tried in registry order. */
  detect?(ctx: DetectContext): MigrationSet | undefined;
  /** Reads migrations written in TypeScript or JavaScript (only such modules are asked about script files). */
  scripts?: boolean;
  /** Files of a set found by layout belong to it whatever their content: one detection serves them all. */
  layoutOwnsFiles?: boolean;
  /**
   * For a layout that does not own every file (pop: one history per engine in one folder): whether `other`,
   * a file of the set detected from `detectedFrom`, would detect the same set, so one detection serves both.
   */
  sharesSet?(detectedFrom: string, other: string): boolean;
  /** Up/down section markers (comment bodies, after `--`), for runners that keep both directions in one file. */
  sections?: { up: RegExp; down: RegExp };
  /** How the runner runs one file (or one section of it). */
  fileMode(f: FileRunFacts): FileRun;
  /** The path of a side file that says how a migration runs (Flyway `<script>.conf`, Diesel `metadata.toml`). */
  sideConfig?(entry: MigrationFile): string;
  /** For a down file, the up file it reverts (default: same stem or same version). */
  upFileFor?(set: MigrationSet, down: MigrationFile): MigrationFile | undefined;
  /** Where the down file of an up file goes (`x.up.sql` -> `x.down.sql`), for runners with down files. */
  downFileFor?(upPath: string): string | undefined;
  /**
   * A new migration after the set's newest (see `nextVersion`), named after `ctx.entry` as the runner expects,
   * that runs outside a transaction (unless `ctx.atomic`).
   */
  newMigration?(ctx: NewMigrationContext): NewMigration | undefined;
  /** The runner's own way to run this migration outside a transaction, in place. */
  optOut?(file: { fsPath: string; text: string; sideConfig?: string; upMarkerEnd?: number }): OptOutEdit | undefined;
}

/** A layout without a runner of its own (its sets name the runner that applies them): only detection. */
export interface MigrationLayout {
  layout: string;
  detect(ctx: DetectContext): MigrationSet | undefined;
}
