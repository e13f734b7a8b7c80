/**
 * Migration sets: which files form one migration history, in which order a runner applies them, and
 * which runner that is. Each runner module under runners/ recognises its own layout (Prisma's
 * `<ts>_<name>/migration.sql`, Flyway's `V1__name.sql`, ...) and marker comments (goose, dbmate, ...);
 * the `migrations` section of db-design.json can name the folders and the runner.
 */
import * as path from 'node:path';
import { detectSet, runnerModule, type RunnerId } from './runners';
import { naturalCompare, SQL } from './runners/layout';

export { naturalCompare };
import { isScriptFile } from './script-migrations';
import { perSet } from './set-memo';

export interface WorkspaceHost {
  readFile(fsPath: string): string | undefined;
  readDir(fsPath: string): { name: string; isDir: boolean }[];
}

/** The `migrations` section of db-design.json. */
export interface MigrationsConfig {
  /** Force the runner (otherwise detected). */
  runner?: RunnerId;
  /** Folders (relative to the config file) that hold migrations; files below them are migrations. */
  folders?: string[];
  /** Whether the runner runs each migration file in a transaction (otherwise the runner's default). */
  inTransaction?: boolean;
  /** The last migration that has run everywhere (name, folder or version): it and those before it are history. */
  baseline?: string;
  /** The config file's folder, to resolve `folders`. */
  baseDir?: string;
}

export type Direction = 'up' | 'down';

export interface MigrationFile {
  fsPath: string;
  /** Path relative to the set's root, `/`-separated (`20240101_init/migration.sql`). */
  name: string;
  /** Up files are replayed; down files (`.down.sql`, Diesel `down.sql`, Flyway `U1__`) are not. */
  direction: Direction;
  /** The version the runner orders by, as written (`20240101120000`, `1.2`, `0003`). */
  version: string;
}

export interface MigrationSet {
  /** The folder that holds the set; also its cache key. */
  root: string;
  runner: RunnerId;
  /** Detected from the layout/markers, or given in the config. */
  runnerSource: 'layout' | 'config';
  /** Every file of the set, in the order the runner applies the up files; each down file follows its up file. */
  files: MigrationFile[];
}

/** The set the file belongs to, or undefined when it is not a migration. */
export function findMigrationSet(fsPath: string, host: WorkspaceHost, config: MigrationsConfig = {}): MigrationSet | undefined {
  if (!SQL.test(fsPath) && !isScriptFile(fsPath)) return undefined;
  const dir = path.dirname(fsPath);
  const found = detectSet({
    fsPath,
    dir,
    dirName: path.basename(dir),
    parent: path.dirname(dir),
    base: path.basename(fsPath),
    head: (host.readFile(fsPath) ?? '').slice(0, 4096),
    host,
    configured: configuredRoot(fsPath, config),
  });
  if (!found) return undefined;
  if (config.runner) return { ...found, runner: config.runner, runnerSource: 'config' };
  return found;
}

function configuredRoot(fsPath: string, config: MigrationsConfig): string | undefined {
  if (!config.folders?.length) return undefined;
  const base = config.baseDir ?? '';
  for (const f of config.folders) {
    const root = path.resolve(base, f);
    const rel = path.relative(root, fsPath);
    if (rel && !rel.startsWith('..') && !path.isAbsolute(rel)) return root;
  }
  return undefined;
}

/** The up files of the set, in order (computed once per set: callers must not change the list). */
export function upFiles(set: MigrationSet): MigrationFile[] {
  return perSet(set, 'ups', () => set.files.filter((f) => f.direction === 'up'));
}

/** The set's file at `fsPath`, if it is one. */
export function fileAt(set: MigrationSet, fsPath: string): MigrationFile | undefined {
  return perSet(set, 'byPath', () => new Map(set.files.map((f) => [f.fsPath, f]))).get(fsPath);
}

/** The position of an up file among the set's up files, or -1. */
export function upPosition(set: MigrationSet, file: MigrationFile): number {
  return perSet(set, 'upPos', () => new Map(upFiles(set).map((f, i) => [f, i]))).get(file) ?? -1;
}

/** For a down file, the up file it reverts (same stem or same version, unless its runner says otherwise), if any. */
export function upFileFor(set: MigrationSet, down: MigrationFile): MigrationFile | undefined {
  const own = runnerModule(set.runner).upFileFor;
  if (own) return own(set, down);
  const index = perSet(set, 'upFor', () => {
    const byStem = new Map<string, MigrationFile>();
    const byVersion = new Map<string, MigrationFile>();
    for (const f of upFiles(set)) {
      if (!byStem.has(migrationStem(f.name))) byStem.set(migrationStem(f.name), f);
      if (f.version !== '' && !byVersion.has(f.version)) byVersion.set(f.version, f);
    }
    return { byStem, byVersion };
  });
  // The first up file (in order) with the same name stem or the same version.
  const a = index.byStem.get(migrationStem(down.name));
  const b = down.version !== '' ? index.byVersion.get(down.version) : undefined;
  if (!a || !b) return a ?? b;
  return upPosition(set, a) <= upPosition(set, b) ? a : b;
}

function migrationStem(name: string): string {
  return name.replace(/\.(up|down)\.sql$/i, '');
}
