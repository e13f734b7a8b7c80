/** Shared bits of the Prisma front-end tests. */
import type { TextEdit } from '../../server/src/model/findings';
import type { SchemaFileSystem } from '../../server/src/prisma';

/** Applies non-overlapping edits to one file's text. */
export function applyEdits(text: string, edits: readonly TextEdit[]): string {
  const sorted = [...edits].sort((a, b) => b.span.start - a.span.start);
  let out = text;
  for (const e of sorted) out = out.slice(0, e.span.start) + e.newText + out.slice(e.span.end);
  return out;
}

export const PG = 'datasource db {\n  provider = "postgresql"\n}\n\n';
export const MYSQL = 'datasource db {\n  provider = "mysql"\n}\n\n';
export const SQLITE = 'datasource db {\n  provider = "sqlite"\n}\n\n';

/** An in-memory file system: paths (POSIX) to contents; folders are implied. */
export function memoryFs(files: Record<string, string>): SchemaFileSystem {
  return {
    readFile: (p) => files[p],
    readDir: (dir) => {
      const prefix = dir.endsWith('/') ? dir : dir + '/';
      const seen = new Map<string, boolean>();
      for (const p of Object.keys(files)) {
        if (!p.startsWith(prefix)) continue;
        const rest = p.slice(prefix.length);
        const slash = rest.indexOf('/');
        if (slash < 0) seen.set(rest, false);
        else seen.set(rest.slice(0, slash), true);
      }
      return [...seen].map(([name, isDir]) => ({ name, isDir }));
    },
  };
}
