/**
 * A new migration right after an existing one, named the way its runner expects, for fixes that move a
 * statement out of a migration's transaction (CREATE INDEX CONCURRENTLY, VALIDATE CONSTRAINT). Only
 * offered where the new file would really run outside a transaction: a runner that applies all pending
 * migrations in one transaction (Drizzle, node-pg-migrate) or has no per-file switch (pop) gets none.
 */
import * as path from 'node:path';
import { naturalCompare, type MigrationFile, type MigrationSet } from './migrations';

export interface NewMigration {
  /** Files to create: path and whole content (the statement goes where `{{SQL}}` is). */
  files: { fsPath: string; content: string }[];
  /** Where the new migration is, relative to the set's root, for fix titles. */
  name: string;
}

function nextVersion(set: MigrationSet, entry: MigrationFile): string | undefined {
  const v = entry.version;
  if (!/^\d+$/.test(v)) return undefined;
  const next = (BigInt(v) + 1n).toString().padStart(v.length, '0');
  const versions = set.files.map((f) => f.version).filter((x) => x !== v);
  if (versions.some((x) => /^\d+$/.test(x) && BigInt(x) === BigInt(next))) return undefined;
  // It must come before the migration that follows.
  const later = versions.filter((x) => /^\d+$/.test(x) && BigInt(x) > BigInt(v));
  if (later.some((x) => BigInt(x) <= BigInt(next))) return undefined;
  return next;
}

/** `0003_add_index.sql` -> `add_index`. */
function description(name: string): string {
  return path
    .basename(name)
    .replace(/\.(up|down)\.sql$/i, '')
    .replace(/\.sql$/i, '')
    .replace(/^[VUR]?\d+(?:[._]\d+)*(?:__|[_-])?/i, '');
}

/**
 * The new migration for `entry` (`suffix` names what it holds, e.g. `concurrently`), or undefined. With
 * `standalone`, a migration of its own after `entry` (the set's last): named by `suffix` alone, and a
 * folder runner's folder gets the next version rather than `entry`'s name.
 */
export function siblingMigration(set: MigrationSet, entry: MigrationFile, suffix: string, standalone = false): NewMigration | undefined {
  const dir = path.dirname(entry.fsPath);
  const desc = standalone ? '' : description(entry.name);
  const stem = `${desc ? `${desc}_` : ''}${suffix}`;
  const taken = new Set(set.files.map((f) => f.fsPath));
  const make = (fsPath: string, content: string, extra: { fsPath: string; content: string }[] = []): NewMigration | undefined =>
    taken.has(fsPath) ? undefined : { files: [{ fsPath, content }, ...extra], name: path.relative(set.root, fsPath).split(path.sep).join('/') };
  switch (set.runner) {
    case 'prisma':
    case 'diesel': {
      // One folder per migration, applied in folder-name order: `<same folder>_<suffix>` sorts right after it.
      const folder = path.basename(dir);
      const version = standalone ? nextVersion(set, entry) : undefined;
      const newFolder = version ? `${version}_${suffix}` : `${folder}_${suffix}`;
      const next = set.files.map((f) => path.basename(path.dirname(f.fsPath))).filter((d) => d > folder).sort()[0];
      if (next !== undefined && newFolder >= next) return undefined;
      const root = path.dirname(dir);
      if (set.runner === 'prisma') return make(path.join(root, newFolder, 'migration.sql'), '{{SQL}}\n');
      return make(path.join(root, newFolder, 'up.sql'), '{{SQL}}\n', [{ fsPath: path.join(root, newFolder, 'metadata.toml'), content: 'run_in_transaction = false\n' }]);
    }
    case 'goose': {
      const v = nextVersion(set, entry);
      return v ? make(path.join(dir, `${v}_${stem}.sql`), '-- +goose NO TRANSACTION\n-- +goose Up\n{{SQL}}\n') : undefined;
    }
    case 'dbmate': {
      const v = nextVersion(set, entry);
      return v ? make(path.join(dir, `${v}_${stem}.sql`), '-- migrate:up transaction:false\n{{SQL}}\n\n-- migrate:down\n') : undefined;
    }
    case 'sql-migrate': {
      const v = nextVersion(set, entry);
      return v ? make(path.join(dir, `${v}_${stem}.sql`), '-- +migrate Up notransaction\n{{SQL}}\n') : undefined;
    }
    case 'sqlx': {
      const v = nextVersion(set, entry);
      return v ? make(path.join(dir, `${v}_${stem}.sql`), '-- no-transaction\n{{SQL}}\n') : undefined;
    }
    case 'golang-migrate': {
      // A file with a single statement is sent alone: no implicit transaction around it.
      const v = nextVersion(set, entry);
      return v ? make(path.join(dir, `${v}_${stem}.up.sql`), '{{SQL}}\n') : undefined;
    }
    case 'flyway': {
      const m = /^V(\d+(?:[._]\d+)*)__/i.exec(path.basename(entry.fsPath));
      if (!m) return undefined;
      const version = `${m[1]}.1`;
      const clash = set.files.some((f) => naturalCompare(f.version, version.replace(/_/g, '.')) === 0);
      // Flyway runs a migration made only of non-transactional statements outside a transaction.
      return clash ? undefined : make(path.join(dir, `V${version}__${stem}.sql`), '{{SQL}}\n');
    }
    case 'plain': {
      const v = nextVersion(set, entry);
      return v ? make(path.join(dir, `${v}_${stem}.sql`), '{{SQL}}\n') : undefined;
    }
  }
  return undefined;
}
