/**
 * Migration sets: which files form one migration history, in which order a runner applies them, and
 * which runner that is. Found from the layout (Prisma's `<ts>_<name>/migration.sql`, Diesel's
 * `<ts>_<name>/up.sql`, golang-migrate's `N_name.up.sql`, Flyway's `V1__name.sql`, ...) and the
 * runners' marker comments (goose, dbmate, sql-migrate, node-pg-migrate, Drizzle), or from the
 * `migrations` section of db-design.json.
 */
import * as path from 'node:path';
import type { RunnerId } from '../model/migration-file';

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

const SQL = /\.sql$/i;
/** ory/pop's engine infix: `NAME.postgres.up.sql`. */
const POP_ENGINE = /\.(postgres|mysql|sqlite3?|cockroach)\.(?:up|down)\.sql$/i;
/** Folder names that say "migrations" when nothing else does. */
const MIGRATION_FOLDER = /(^|[-_.])(migrations?|migrate|updates?|upgrades?|deltas?|patches|changes|changesets?|versioned|schema[-_]changes?|evolutions?)([-_.]|$)/i;

/** Compares strings with their digit runs as numbers: `v1.9` < `v1.10`, `2_x` < `10_x`. */
export function naturalCompare(a: string, b: string): number {
  const re = /(\d+)|(\D+)/g;
  const pa = a.match(re) ?? [];
  const pb = b.match(re) ?? [];
  for (let i = 0; i < Math.min(pa.length, pb.length); i++) {
    const x = pa[i];
    const y = pb[i];
    if (x === y) continue;
    const nx = /^\d/.test(x);
    const ny = /^\d/.test(y);
    if (nx && ny) {
      const d = BigInt(x) - BigInt(y);
      if (d !== 0n) return d < 0n ? -1 : 1;
      // Same number, different zero padding: the shorter one first, as a plain sort would.
      return x.length - y.length;
    }
    return x < y ? -1 : 1;
  }
  return pa.length - pb.length;
}

function list(host: WorkspaceHost, dir: string): { name: string; isDir: boolean }[] {
  return host.readDir(dir);
}

function head(host: WorkspaceHost, fsPath: string): string {
  return (host.readFile(fsPath) ?? '').slice(0, 4096);
}

/** The set the file belongs to, or undefined when it is not a migration. */
export function findMigrationSet(fsPath: string, host: WorkspaceHost, config: MigrationsConfig = {}): MigrationSet | undefined {
  if (!SQL.test(fsPath)) return undefined;
  const found = detect(fsPath, host, config);
  if (!found) return undefined;
  if (config.runner) return { ...found, runner: config.runner, runnerSource: 'config' };
  return found;
}

function detect(fsPath: string, host: WorkspaceHost, config: MigrationsConfig): MigrationSet | undefined {
  const dir = path.dirname(fsPath);
  const base = path.basename(fsPath);
  const parent = path.dirname(dir);
  const dirName = path.basename(dir);

  // One folder per migration: Prisma Migrate (`migration.sql`) and Diesel (`up.sql` / `down.sql`).
  if (/^\d+_/.test(dirName) || /^\d[\d-]*_/.test(dirName)) {
    if (base === 'migration.sql') return folderSet(parent, host, 'prisma', ['migration.sql']);
    if (base === 'up.sql' || base === 'down.sql') return folderSet(parent, host, 'diesel', ['up.sql', 'down.sql']);
  }

  const configured = configuredRoot(fsPath, config);
  const text = head(host, fsPath);

  if (/^--\s*\+goose\s+up\b/im.test(text)) return flatSet(dir, host, 'goose', (n) => /^\d+_.*\.sql$/i.test(n), 'layout', base);
  if (/^--\s*migrate:up\b/im.test(text)) return flatSet(dir, host, 'dbmate', (n) => /^\d+.*\.sql$/i.test(n), 'layout', base);
  if (/^--\s*\+migrate\s+up\b/im.test(text)) return flatSet(dir, host, 'sql-migrate', (n) => SQL.test(n), 'layout', base);
  if (/^--\s*up migration\b/im.test(text)) return flatSet(dir, host, 'node-pg-migrate', (n) => /^\d+.*\.sql$/i.test(n), 'layout', base);
  if (/^V\d+(?:[._]\d+)*__.+\.sql$/i.test(base) || /^[UR]\d*(?:[._]\d+)*__.+\.sql$/i.test(base)) {
    return flatSet(dir, host, 'flyway', (n) => /^[VUR]\d*(?:[._]\d+)*__.+\.sql$/i.test(n));
  }
  if (/\.(up|down)\.sql$/i.test(base)) {
    const pop = /^\d{20}_/.test(base) || /\.(postgres|mysql|sqlite3?|cockroach)\.(up|down)\.sql$/i.test(base);
    if (!pop) return flatSet(dir, host, 'golang-migrate', (n) => /\.(up|down)\.sql$/i.test(n));
    // pop applies a folder's plain files and the files of the connection's engine: one history per engine
    // (plain files alone belong with PostgreSQL's, the engine they are read for when nothing else says).
    const engine = (n: string) => POP_ENGINE.exec(n)?.[1].toLowerCase().replace(/^sqlite$/, 'sqlite3');
    const mine = engine(base) ?? 'postgres';
    return flatSet(dir, host, 'pop', (n) => /\.(up|down)\.sql$/i.test(n) && (engine(n) ?? mine) === mine);
  }
  if (/^\d{4}_[\w-]+\.sql$/i.test(base) && (text.includes('--> statement-breakpoint') || host.readFile(path.join(dir, 'meta', '_journal.json')) !== undefined)) {
    return flatSet(dir, host, 'drizzle', (n) => /^\d{4}_[\w-]+\.sql$/i.test(n));
  }

  // Version folders: `versioned/v1.0/schema.sql`, `versioned/v1.1/...`.
  if (/^v?\d+(\.\d+)+$/i.test(dirName) && list(host, parent).filter((e) => e.isDir && /^v?\d+(\.\d+)+$/i.test(e.name)).length >= 2) {
    return versionFolderSet(parent, host);
  }

  const numbered = (n: string) => SQL.test(n) && /^v?\d/i.test(n);
  // sqlx (Rust): `<version>_<name>.sql` in a migrations folder of a Cargo project.
  if (/^\d+_.+\.sql$/i.test(base) && dirName === 'migrations' && cargoProject(dir, host)) {
    return flatSet(dir, host, 'sqlx', (n) => /^\d+_.+\.sql$/i.test(n), 'layout', base);
  }
  if (configured || MIGRATION_FOLDER.test(dirName) || /migrat/i.test(base)) {
    // Plain numbered or dated files (psql-style scripts), or whatever a migrations folder holds.
    const all = list(host, dir).filter((e) => !e.isDir && SQL.test(e.name)).map((e) => e.name);
    const useNumbered = numbered(base) && all.filter(numbered).length >= 2;
    return flatSet(dir, host, 'plain', useNumbered ? numbered : (n) => SQL.test(n), configured ? 'config' : 'layout', base);
  }
  if (numbered(base) && list(host, dir).filter((e) => !e.isDir && numbered(e.name)).length >= 3) {
    return flatSet(dir, host, 'plain', numbered);
  }
  return undefined;
}

/** Is there a Cargo.toml in the folder above the migrations, or the one above that? */
function cargoProject(dir: string, host: WorkspaceHost): boolean {
  let d = path.dirname(dir);
  for (let i = 0; i < 2; i++) {
    if (host.readFile(path.join(d, 'Cargo.toml')) !== undefined) return true;
    const up = path.dirname(d);
    if (up === d) break;
    d = up;
  }
  return false;
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

/** Prisma / Diesel: one folder per migration, ordered by folder name. */
function folderSet(root: string, host: WorkspaceHost, runner: RunnerId, names: string[]): MigrationSet {
  const files: MigrationFile[] = [];
  const dirs = list(host, root)
    .filter((e) => e.isDir && /^\d/.test(e.name))
    .map((e) => e.name)
    .sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  for (const d of dirs) {
    const inside = new Set(list(host, path.join(root, d)).filter((e) => !e.isDir).map((e) => e.name));
    for (const n of names) {
      if (!inside.has(n)) continue;
      files.push({ fsPath: path.join(root, d, n), name: `${d}/${n}`, direction: n === 'down.sql' ? 'down' : 'up', version: d.split('_')[0] });
    }
  }
  return { root, runner, runnerSource: 'layout', files };
}

interface Parsed {
  name: string;
  direction: Direction;
  version: string;
  /** Sort group: Flyway's repeatable migrations run after all versioned ones. */
  group: number;
}

function parseName(name: string, runner: RunnerId): Parsed {
  let direction: Direction = /\.down\.sql$/i.test(name) ? 'down' : 'up';
  let version = /^v?(\d+(?:[._]\d+)*)/i.exec(name)?.[1] ?? '';
  let group = 0;
  if (runner === 'flyway') {
    const m = /^([VUR])(\d*(?:[._]\d+)*)__/i.exec(name);
    if (m) {
      version = m[2].replace(/_/g, '.');
      if (m[1].toUpperCase() === 'U') direction = 'down';
      if (m[1].toUpperCase() === 'R') group = 1;
    }
  }
  // PostgreSQL extension scripts `from--to.sql`: going to a lower version is a downgrade.
  const ext = /^(\d+(?:\.\d+)*)--(\d+(?:\.\d+)*)\.sql$/.exec(name);
  if (ext) {
    version = ext[1];
    if (naturalCompare(ext[2], ext[1]) < 0) direction = 'down';
  }
  // authelia-style `V0001.Name.up.sql`.
  const av = runner === 'flyway' ? null : /^V(\d+)\..+\.(up|down)\.sql$/i.exec(name);
  if (av) version = av[1];
  return { name, direction, version, group };
}

function flatSet(
  dir: string,
  host: WorkspaceHost,
  runner: RunnerId,
  accept: (name: string) => boolean,
  source: 'layout' | 'config' = 'layout',
  self?: string,
): MigrationSet {
  const names = list(host, dir)
    .filter((e) => !e.isDir && accept(e.name))
    .map((e) => e.name);
  // The file being analysed belongs to the set its markers or folder put it in, whatever its name.
  if (self && !names.includes(self)) names.push(self);
  const parsed = names.map((n) => parseName(n, runner));
  parsed.sort(
    (a, b) =>
      a.group - b.group ||
      naturalCompare(a.version, b.version) ||
      // An up file before its down file; otherwise by name.
      (a.direction === b.direction ? naturalCompare(a.name, b.name) : a.direction === 'up' ? -1 : 1),
  );
  return {
    root: dir,
    runner,
    runnerSource: source,
    files: parsed.map((p) => ({ fsPath: path.join(dir, p.name), name: p.name, direction: p.direction, version: p.version })),
  };
}

/** `versioned/v1.0/*.sql`, `versioned/v1.1/*.sql`: folders in version order, files by name inside. */
function versionFolderSet(root: string, host: WorkspaceHost): MigrationSet {
  const files: MigrationFile[] = [];
  const dirs = list(host, root)
    .filter((e) => e.isDir && /^v?\d+(\.\d+)+$/i.test(e.name))
    .map((e) => e.name)
    .sort(naturalCompare);
  for (const d of dirs) {
    const inside = list(host, path.join(root, d))
      .filter((e) => !e.isDir && SQL.test(e.name))
      .map((e) => e.name)
      .sort(naturalCompare);
    for (const n of inside) files.push({ fsPath: path.join(root, d, n), name: `${d}/${n}`, direction: 'up', version: d.replace(/^v/i, '') });
  }
  return { root, runner: 'plain', runnerSource: 'layout', files };
}

/** The up files of the set, in order. */
export function upFiles(set: MigrationSet): MigrationFile[] {
  return set.files.filter((f) => f.direction === 'up');
}

/** For a down file, the up file it reverts (same version), if any. */
export function upFileFor(set: MigrationSet, down: MigrationFile): MigrationFile | undefined {
  if (set.runner === 'diesel') return set.files.find((f) => f.direction === 'up' && path.dirname(f.fsPath) === path.dirname(down.fsPath));
  const stem = (n: string) => n.replace(/\.(up|down)\.sql$/i, '');
  return set.files.find((f) => f.direction === 'up' && (stem(f.name) === stem(down.name) || (f.version === down.version && f.version !== '')));
}
