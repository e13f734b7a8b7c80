/**
 * The dialect a Prisma project declares for its SQL: `migration_lock.toml` (written by Prisma
 * Migrate beside the migrations) or the schema's datasource. It tells SQL files that neither their
 * path nor their content can place, such as TypedSQL queries in `prisma/sql/` of a SQLite project.
 */
import * as path from 'node:path';
import type { Dialect } from '../model/schema';

const PROVIDERS: Record<string, Dialect> = {
  postgresql: 'postgresql',
  postgres: 'postgresql',
  sqlite: 'sqlite',
  mysql: 'mysql',
  cockroachdb: 'cockroachdb',
  sqlserver: 'sqlserver',
};

/** How far above the file to look; Prisma projects keep prisma/ near the package root. */
const MAX_LEVELS = 6;
const CANDIDATES = ['migration_lock.toml', 'migrations/migration_lock.toml', 'prisma/migrations/migration_lock.toml', 'schema.prisma', 'prisma/schema.prisma'];

export interface ReadOnlyHost {
  readFile(fsPath: string): string | undefined;
}

export function projectDialect(fsPath: string, host: ReadOnlyHost): Dialect | undefined {
  let dir = path.dirname(fsPath);
  for (let level = 0; level < MAX_LEVELS; level++) {
    for (const rel of CANDIDATES) {
      const text = host.readFile(path.join(dir, rel));
      if (text === undefined) continue;
      const scope = rel.endsWith('.prisma') ? /datasource\s+\w+\s*\{([^}]*)\}/.exec(text)?.[1] ?? '' : text;
      const provider = /^\s*provider\s*=\s*"([^"]+)"/m.exec(scope)?.[1];
      if (provider && PROVIDERS[provider]) return PROVIDERS[provider];
    }
    if (host.readFile(path.join(dir, 'package.json')) !== undefined) return undefined;
    const up = path.dirname(dir);
    if (up === dir) return undefined;
    dir = up;
  }
  return undefined;
}
