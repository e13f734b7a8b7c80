/**
 * Shared pieces of runner modules: listing a folder of migration files or a folder of migration
 * folders in the runner's order, reading versions from names, and naming the next migration.
 */
import * as path from 'node:path';
import type { Direction, MigrationFile, MigrationSet, WorkspaceHost } from '../migrations';
import type { NewMigration, NewMigrationContext, RunnerId } from './types';

export const SQL = /\.sql$/i;

/** Folder names that say "migrations" when nothing else does. */
export const MIGRATION_FOLDER = /(^|[-_.])(migrations?|migrate|updates?|upgrades?|deltas?|patch(?:es)?|changes|changesets?|versioned|schema[-_]changes?|evolutions?)([-_.]|$)/i;

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

export interface ParsedName {
  name: string;
  direction: Direction;
  version: string;
  /** Sort group: Flyway's repeatable migrations run after all versioned ones. */
  group: number;
}

/** The version and direction most runners read from a file name (`0003_x.up.sql`, `v1.2_x.sql`). */
export function parseName(name: string): ParsedName {
  let direction: Direction = /\.down\.sql$/i.test(name) ? 'down' : 'up';
  let version = /^v?(\d+(?:[._]\d+)*)/i.exec(name)?.[1] ?? '';
  // PostgreSQL extension scripts `from--to.sql`: going to a lower version is a downgrade.
  const ext = /^(\d+(?:\.\d+)*)--(\d+(?:\.\d+)*)\.sql$/.exec(name);
  if (ext) {
    version = ext[1];
    if (naturalCompare(ext[2], ext[1]) < 0) direction = 'down';
  }
  // authelia-style `V0001.Name.up.sql`.
  const av = /^V(\d+)\..+\.(up|down)\.sql$/i.exec(name);
  if (av) version = av[1];
  const upgrade = upgradeVersion(name);
  if (upgrade && (version === '' || version === upgrade.version)) {
    version = upgrade.version;
    if (upgrade.direction === 'down') direction = 'down';
  }
  return { name, direction, version, group: 0 };
}

const FROM_TO = /(?:^|[-_.])v?(\d+(?:\.\d+)*)[-_.]to[-_.]v?(\d+(?:\.\d+)*)\.sql$/i;
const VERSION_SUFFIX = /^[^\d].*?[-_]v?(\d+(?:\.\d+)+)\.sql$/i;

/**
 * The version of an upgrade script, from its name: `3_to_4.sql`, `upgrade-1.2-to-1.3.sql` (the version it
 * starts from; going to a lower one is a downgrade), or `myapp-1.2.3.sql`, `schema_v2.1.sql` (a dotted
 * version after the name).
 */
export function upgradeVersion(name: string): { version: string; direction: Direction; to?: string } | undefined {
  const ft = FROM_TO.exec(name);
  if (ft) return { version: ft[1], direction: naturalCompare(ft[2], ft[1]) < 0 ? 'down' : 'up', to: ft[2] };
  const suffix = VERSION_SUFFIX.exec(name);
  return suffix ? { version: suffix[1], direction: 'up' } : undefined;
}

/** One folder of migration files, ordered by version (then an up file before its down file, then name). */
export function flatSet(
  dir: string,
  host: WorkspaceHost,
  runner: RunnerId,
  accept: (name: string) => boolean,
  opts: { source?: 'layout' | 'config'; self?: string; parse?: (name: string) => ParsedName } = {},
): MigrationSet {
  const names = host
    .readDir(dir)
    .filter((e) => !e.isDir && accept(e.name))
    .map((e) => e.name);
  // The file being analysed belongs to the set its markers or folder put it in, whatever its name.
  if (opts.self && !names.includes(opts.self)) names.push(opts.self);
  return { root: dir, runner, runnerSource: opts.source ?? 'layout', files: orderedFiles(dir, names, opts.parse ?? parseName) };
}

/**
 * The files of a folder in the runner's order, for the last few folders ordered: a runner that detects its set
 * from each file's content (goose, plain SQL files) orders the same names once per file. Callers only read the list.
 */
const ordered = new Map<string, { parse: (name: string) => ParsedName; files: MigrationFile[] }>();

function orderedFiles(dir: string, names: string[], parse: (name: string) => ParsedName): MigrationFile[] {
  const key = `${dir}\u0000${names.join('\u0000')}`;
  const hit = ordered.get(key);
  if (hit && hit.parse === parse) return hit.files;
  const parsed = names.map(parse);
  parsed.sort(
    (a, b) =>
      a.group - b.group ||
      naturalCompare(a.version, b.version) ||
      // An up file before its down file; otherwise by name.
      (a.direction === b.direction ? naturalCompare(a.name, b.name) : a.direction === 'up' ? -1 : 1),
  );
  const files = parsed.map((p) => ({ fsPath: path.join(dir, p.name), name: p.name, direction: p.direction, version: p.version }));
  ordered.delete(key);
  ordered.set(key, { parse, files });
  if (ordered.size > 16) ordered.delete(ordered.keys().next().value as string);
  return files;
}

/** One folder per migration (Prisma, Diesel), ordered by folder name; `names` are the files each may hold. */
export function folderSet(root: string, host: WorkspaceHost, runner: RunnerId, names: string[], compare = byName): MigrationSet {
  const files: MigrationFile[] = [];
  const dirs = host
    .readDir(root)
    .filter((e) => e.isDir && /^\d/.test(e.name))
    .map((e) => e.name)
    .sort(compare);
  for (const d of dirs) {
    const inside = new Set(host.readDir(path.join(root, d)).filter((e) => !e.isDir).map((e) => e.name));
    for (const n of names) {
      if (!inside.has(n)) continue;
      files.push({ fsPath: path.join(root, d, n), name: `${d}/${n}`, direction: n === 'down.sql' ? 'down' : 'up', version: d.split('_')[0] });
    }
  }
  return { root, runner, runnerSource: 'layout', files };
}

export function byName(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/**
 * The version of the set's newest migration: the last up file, in the runner's order, that has one.
 * Runners refuse or skip a migration older than the newest one applied, so a new one goes after it.
 */
export function newestVersion(set: MigrationSet): string | undefined {
  return newestFile(set)?.version;
}

/** The set's newest migration: its last up file, in the runner's order, with a version. */
export function newestFile(set: MigrationSet): MigrationFile | undefined {
  for (let i = set.files.length - 1; i >= 0; i--) {
    const f = set.files[i];
    if (f.direction === 'up' && /\d/.test(f.version)) return f;
  }
  return undefined;
}

/** `YYYYMMDDHHMMSS` or `YYYYMMDD`, as a date, when the digits are one. */
function asDate(digits: string): Date | undefined {
  const m = /^(\d{4})(\d{2})(\d{2})(?:(\d{2})(\d{2})(\d{2}))?$/.exec(digits);
  if (!m) return undefined;
  const [y, mo, d, h = '0', mi = '0', se = '0'] = m.slice(1).map((x) => x ?? '0');
  const date = new Date(Date.UTC(+y, +mo - 1, +d, +h, +mi, +se));
  const ok = date.getUTCFullYear() === +y && date.getUTCMonth() === +mo - 1 && date.getUTCDate() === +d && date.getUTCHours() === +h && date.getUTCMinutes() === +mi && date.getUTCSeconds() === +se;
  return ok && +y >= 1970 && +y < 2200 ? date : undefined;
}

/**
 * The version right after `v`, written the way `v` is: a timestamp (`20240101120000`, Diesel's
 * `2024-01-01-120000`) one second later, a date (`20240131`) one day later, a dotted version (`1.9`)
 * with its last number plus one (`1.10`), any other number plus one at the same width (`0009` -> `0010`).
 */
export function versionAfter(v: string): string | undefined {
  if (/^\d+(\.\d+)+$/.test(v)) {
    const parts = v.split('.');
    const last = parts[parts.length - 1];
    parts[parts.length - 1] = (BigInt(last) + 1n).toString().padStart(last.length, '0');
    return parts.join('.');
  }
  if (!/^\d+(?:-\d+)*$/.test(v)) return undefined;
  const digits = v.replace(/-/g, '');
  const date = asDate(digits);
  let next: string;
  if (date) {
    const long = digits.length === 14;
    date.setUTCSeconds(date.getUTCSeconds() + (long ? 1 : 86400));
    const iso = date.toISOString().replace(/\D/g, '');
    next = iso.slice(0, long ? 14 : 8);
  } else next = (BigInt(digits) + 1n).toString().padStart(digits.length, '0');
  if (next.length !== digits.length) return v.includes('-') ? undefined : next;
  // Put the separators back where `v` has them.
  let k = 0;
  return v.replace(/\d/g, () => next[k++]);
}

/**
 * The version a new migration of the set takes: after the newest, so it never reuses one nor runs out of
 * order; `later` more steps on for the next ones of several new migrations in a row.
 */
export function nextVersion(set: MigrationSet, later = 0): string | undefined {
  let v = newestVersion(set);
  for (let i = 0; i <= later && v !== undefined; i++) v = versionAfter(v);
  return v;
}

/** `0003_add_index.sql` -> `add_index`. */
export function description(name: string): string {
  return path
    .basename(name)
    .replace(/\.(up|down)\.sql$/i, '')
    .replace(/\.sql$/i, '')
    .replace(/^[VUR]?\d+(?:[._]\d+)*(?:__|[_-])?/i, '');
}

/** `<entry's description>_<suffix>`, or `suffix` alone for a standalone migration. */
export function stemFor(ctx: NewMigrationContext): string {
  const desc = ctx.standalone ? '' : description(ctx.entry.name);
  return `${desc ? `${desc}_` : ''}${ctx.suffix}`;
}

/** A new migration made of `files`, unless its first file is already a migration of the set. */
export function newMigrationOf(set: MigrationSet, files: { fsPath: string; content: string }[]): NewMigration | undefined {
  if (set.files.some((f) => f.fsPath === files[0].fsPath)) return undefined;
  return { files, name: path.relative(set.root, files[0].fsPath).split(path.sep).join('/') };
}

/** A flat runner's new file: `<version after the newest>_<stem><ext>` in the set's folder, with `content`. */
export function nextFlatFile(ctx: NewMigrationContext, content: string, ext = '.sql'): NewMigration | undefined {
  return nextFlatFiles(ctx, [{ ext, content }]);
}

/** Several files of one new flat migration (`.up.sql` and its `.down.sql`), the first being the up file. */
export function nextFlatFiles(ctx: NewMigrationContext, files: { ext: string; content: string }[]): NewMigration | undefined {
  const v = nextVersion(ctx.set, ctx.later);
  if (!v) return undefined;
  const stem = path.join(path.dirname(ctx.entry.fsPath), `${v}_${stemFor(ctx)}`);
  return newMigrationOf(ctx.set, files.map((f) => ({ fsPath: `${stem}${f.ext}`, content: f.content })));
}

/** The down part of a migration a fix creates: the runner needs one, and only the author knows how to undo the change. */
export const DOWN_STUB = '-- Undo what the up migration does (for CREATE INDEX CONCURRENTLY: DROP INDEX CONCURRENTLY ...).\n';

/**
 * A folder runner's new folder (Prisma, Diesel): `<version after the newest>_<entry's name>_<suffix>`
 * (`<version>_<suffix>` when standalone). `files` name the files it holds.
 */
export function nextFolder(ctx: NewMigrationContext, files: { name: string; content: string }[]): NewMigration | undefined {
  const version = nextVersion(ctx.set, ctx.later);
  if (!version) return undefined;
  const dir = path.dirname(ctx.entry.fsPath);
  const name = ctx.standalone ? '' : path.basename(dir).replace(/^\d[\d-]*_?/, '');
  const newFolder = `${version}_${name ? `${name}_` : ''}${ctx.suffix}`;
  return newMigrationOf(ctx.set, files.map((f) => ({ fsPath: path.join(path.dirname(dir), newFolder, f.name), content: f.content })));
}


/** Is there a Cargo.toml in the folder above `dir`, or the one above that? */
export function cargoProject(dir: string, host: WorkspaceHost): boolean {
  let d = path.dirname(dir);
  for (let i = 0; i < 2; i++) {
    if (host.readFile(path.join(d, 'Cargo.toml')) !== undefined) return true;
    const up = path.dirname(d);
    if (up === d) break;
    d = up;
  }
  return false;
}
