/**
 * Which files form the schema a .prisma file belongs to. Since Prisma 6.6 (earlier behind the
 * `prismaSchemaFolder` preview feature) a schema may be a folder: every .prisma file below the folder
 * that holds the `datasource` block, recursively, is ONE schema. The layouts seen in real projects:
 *
 *   prisma/schema/schema.prisma + prisma/schema/*.prisma        (papermark, formbricks)
 *   prisma/schema.prisma + prisma/models/*.prisma               (rallly)
 *   prisma/schema.prisma alone                                  (the classic single file)
 *
 * A schema.prisma under a `migrations/` folder is a snapshot some projects keep per migration: it
 * is never part of another schema, and is analysed on its own when opened.
 */
import * as path from 'node:path';

/** File access the LSP (open-document overlay) and the CLI (disk) both provide. */
export interface SchemaFileSystem {
  readFile(path: string): string | undefined;
  readDir(path: string): { name: string; isDir: boolean }[];
}

const DATASOURCE = /^[ \t\ufeff]*datasource[ \t]+[\p{L}\p{N}_-]+[ \t]*\{/mu;
/** How far above a file's folder its datasource file may be (rallly's models/ is one level down). */
const MAX_LEVELS_UP = 4;
/** A schema folder is small; a walk that visits this many folders is in the wrong place. */
const MAX_DIRS = 200;
const SKIPPED_DIRS = new Set(['node_modules', 'migrations']);

export function isPrismaFile(p: string): boolean {
  return p.toLowerCase().endsWith('.prisma');
}

/** Is this file below a `migrations/` folder (a per-migration snapshot of the schema)? */
export function isMigrationSnapshot(p: string): boolean {
  return p.split(/[\\/]/).slice(0, -1).some((seg) => seg.toLowerCase() === 'migrations');
}

function hasDatasource(p: string, fs: SchemaFileSystem): boolean {
  const text = fs.readFile(p);
  return text !== undefined && DATASOURCE.test(text);
}

function entries(dir: string, fs: SchemaFileSystem): { name: string; isDir: boolean }[] {
  try {
    return fs.readDir(dir);
  } catch {
    return [];
  }
}

function prismaFilesIn(dir: string, fs: SchemaFileSystem): string[] {
  return entries(dir, fs)
    .filter((e) => !e.isDir && isPrismaFile(e.name))
    .map((e) => path.join(dir, e.name));
}

function isPackageRoot(dir: string, fs: SchemaFileSystem): boolean {
  return entries(dir, fs).some((e) => !e.isDir && e.name === 'package.json');
}

/** The folder holding the schema's datasource file, or undefined when the file stands alone. */
function schemaRoot(file: string, fs: SchemaFileSystem): string | undefined {
  let dir = path.dirname(file);
  for (let level = 0; level <= MAX_LEVELS_UP; level++) {
    const withDatasource = prismaFilesIn(dir, fs).filter((p) => hasDatasource(p, fs));
    if (withDatasource.length === 1) return dir;
    // Several datasource files side by side are separate single-file schemas.
    if (withDatasource.length > 1) return undefined;
    if (isPackageRoot(dir, fs)) return undefined;
    const up = path.dirname(dir);
    if (up === dir) return undefined;
    dir = up;
  }
  return undefined;
}

/** The .prisma files below `root`, skipping migrations, node_modules, hidden folders and nested schemas. */
function collect(root: string, fs: SchemaFileSystem): string[] {
  const out: string[] = [];
  // A datasource file at a package root is a single-file schema beside the project's code: no walk.
  const recurse = !isPackageRoot(root, fs);
  const queue = [root];
  let visited = 0;
  while (queue.length && visited < MAX_DIRS) {
    const dir = queue.shift()!;
    visited++;
    const files = prismaFilesIn(dir, fs);
    // A subfolder with its own datasource is another schema.
    if (dir !== root && files.some((p) => hasDatasource(p, fs))) continue;
    out.push(...files);
    if (!recurse) break;
    for (const e of entries(dir, fs)) {
      if (e.isDir && !e.name.startsWith('.') && !SKIPPED_DIRS.has(e.name.toLowerCase())) queue.push(path.join(dir, e.name));
    }
  }
  return out;
}

/**
 * The files of the schema `file` belongs to, sorted, `file` included (also when the file system does
 * not list it yet, e.g. an unsaved new file).
 */
export function prismaSchemaFiles(file: string, fs: SchemaFileSystem): string[] {
  if (isMigrationSnapshot(file)) return [file];
  const root = schemaRoot(file, fs);
  const files = root ? collect(root, fs) : [];
  if (!files.includes(file)) files.push(file);
  return files.sort();
}

/** Groups .prisma files into schemas (for the CLI and corpus runs): each file appears in one group. */
export function groupPrismaSchemas(files: readonly string[], fs: SchemaFileSystem): string[][] {
  const groups: string[][] = [];
  const seen = new Set<string>();
  for (const file of [...files].sort()) {
    if (seen.has(file)) continue;
    const group = prismaSchemaFiles(file, fs).filter((p) => !seen.has(p));
    for (const p of group) seen.add(p);
    groups.push(group);
  }
  return groups;
}
