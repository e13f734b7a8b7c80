/**
 * What the files beside schemas and migrations say about the database engine: Prisma's
 * `migration_lock.toml` and datasource, drizzle-kit's config and journal, Cargo features (diesel,
 * sqlx), Go drivers in go.mod, Node drivers in package.json, docker-compose images and the URL schemes
 * of `.env.example`. Each reader returns the engines a file names (several for a project that supports
 * several) and a short reason; values of environment files are never returned, only their scheme.
 * `.env` itself is never read.
 */
import type { Dialect } from '../model/schema';
import { splitLines } from '../model/text';

export interface Evidence {
  engines: Dialect[];
  /** The file name a user recognises (`drizzle.config.ts`). */
  from: string;
  /** Path of that file. */
  file: string;
  /** Why, in a few words: `provider = "sqlite"`, `driver github.com/lib/pq`, `image postgres`. */
  detail: string;
}

const WORDS: Record<string, Dialect> = {
  postgresql: 'postgresql',
  postgres: 'postgresql',
  pg: 'postgresql',
  pgsql: 'postgresql',
  sqlite: 'sqlite',
  sqlite3: 'sqlite',
  turso: 'sqlite',
  libsql: 'sqlite',
  mysql: 'mysql',
  mariadb: 'mysql',
  cockroachdb: 'cockroachdb',
  sqlserver: 'sqlserver',
};

function uniq(list: Dialect[]): Dialect[] {
  return [...new Set(list)].sort();
}

/** `provider = "postgresql"` in migration_lock.toml, or in a schema's datasource block. */
export function prismaProvider(text: string, schema: boolean): Dialect | undefined {
  const scope = schema ? (/datasource\s+\w+\s*\{([^}]*)\}/.exec(text)?.[1] ?? '') : text;
  const provider = /^\s*provider\s*=\s*"([^"]+)"/m.exec(scope)?.[1];
  return provider && Object.hasOwn(WORDS, provider) ? WORDS[provider] : undefined;
}

/** drizzle.config.*: `dialect: "sqlite"`, or drizzle-kit before 0.21: `driver: "pg" | "mysql2" | "better-sqlite" | "turso"`. */
export function drizzleConfig(text: string): { engine: Dialect; detail: string } | undefined {
  const dialect = /\bdialect\s*:\s*['"`]([\w-]+)['"`]/.exec(text)?.[1];
  if (dialect) {
    const d = dialect === 'singlestore' ? 'mysql' : WORDS[dialect];
    if (d) return { engine: d, detail: `dialect: "${dialect}"` };
  }
  const driver = /\bdriver\s*:\s*['"`]([\w-]+)['"`]/.exec(text)?.[1];
  if (!driver) return undefined;
  const d: Dialect | undefined = /^(pg|postgres)/.test(driver) ? 'postgresql' : /^mysql/.test(driver) ? 'mysql' : /sqlite|turso|libsql|^d1/.test(driver) ? 'sqlite' : undefined;
  return d && { engine: d, detail: `driver: "${driver}"` };
}

/** drizzle-kit's `meta/_journal.json`: `"dialect": "sqlite"` (older journals say `"pg"`). */
export function drizzleJournal(text: string): { engine: Dialect; detail: string } | undefined {
  const dialect = /"dialect"\s*:\s*"([\w-]+)"/.exec(text)?.[1];
  const d = dialect && Object.hasOwn(WORDS, dialect) ? WORDS[dialect] : undefined;
  return d && { engine: d, detail: `"dialect": "${dialect}"` };
}

/** Cargo.toml: features of diesel and sqlx, and the engine-specific crates. */
export function cargoEngines(text: string): { engines: Dialect[]; detail: string } {
  const found = new Map<Dialect, string>();
  const feature = (crate: string, list: string) => {
    for (const m of list.matchAll(/"([\w-]+)"/g)) {
      const f = m[1].replace(/[-_](backend|unbundled|bundled)$/, '');
      if (Object.hasOwn(WORDS, f)) found.set(WORDS[f], `${crate} feature "${m[1]}"`);
    }
  };
  for (const m of text.matchAll(/^\s*(diesel|sqlx)\s*=\s*\{[^\n]*?features\s*=\s*\[([^\]]*)\]/gm)) feature(m[1], m[2]);
  for (const m of text.matchAll(/^\[(?:workspace\.)?(?:dev-)?dependencies\.(diesel|sqlx)\]([^[]*?features\s*=\s*\[([^\]]*)\])?/gm)) if (m[3]) feature(m[1], m[3]);
  for (const m of text.matchAll(/"(diesel|sqlx)\/(\w+)"/g)) feature(m[1], `"${m[2]}"`);
  const crates: Record<string, Dialect> = { 'tokio-postgres': 'postgresql', postgres: 'postgresql', rusqlite: 'sqlite', libsql: 'sqlite', mysql_async: 'mysql', mysql: 'mysql' };
  for (const m of text.matchAll(/^\s*([\w-]+)\s*=/gm)) if (Object.hasOwn(crates, m[1]) && inDependencies(text, m.index)) found.set(crates[m[1]], `crate ${m[1]}`);
  return { engines: uniq([...found.keys()]), detail: [...found.values()].join(', ') };
}

/** Is the line at `at` in a `[dependencies]`-like table? */
function inDependencies(text: string, at: number): boolean {
  const before = text.slice(0, at);
  const table = /\[([^\]\n]+)\][^[]*$/.exec(before)?.[1] ?? '';
  return /(^|\.)(dev-|build-)?dependencies$/.test(table);
}

const GO_DRIVERS: [RegExp, Dialect][] = [
  [/^github\.com\/lib\/pq$/, 'postgresql'],
  [/^github\.com\/jackc\/pgx(\/v\d+)?$/, 'postgresql'],
  [/^gorm\.io\/driver\/postgres$/, 'postgresql'],
  [/^github\.com\/go-pg\/pg(\/v\d+)?$/, 'postgresql'],
  [/^github\.com\/uptrace\/bun\/driver\/pgdriver$/, 'postgresql'],
  [/^github\.com\/go-sql-driver\/mysql$/, 'mysql'],
  [/^gorm\.io\/driver\/mysql$/, 'mysql'],
  [/^github\.com\/mattn\/go-sqlite3$/, 'sqlite'],
  [/^modernc\.org\/sqlite$/, 'sqlite'],
  [/^gorm\.io\/driver\/sqlite$/, 'sqlite'],
  [/^github\.com\/glebarez\/(go-)?sqlite$/, 'sqlite'],
  [/^github\.com\/ncruces\/go-sqlite3$/, 'sqlite'],
];

/** go.mod: database drivers the module requires directly (not `// indirect`). */
export function goEngines(text: string): { engines: Dialect[]; detail: string } {
  const found = new Map<Dialect, string>();
  for (const line of splitLines(text)) {
    if (/\/\/\s*indirect/.test(line)) continue;
    const mod = /^\s*(?:require\s+)?([\w.-]+\.[\w]+\/[\w./-]+)\s+v\d/.exec(line)?.[1];
    if (!mod) continue;
    for (const [re, d] of GO_DRIVERS) if (re.test(mod) && !found.has(d)) found.set(d, `driver ${mod}`);
  }
  return { engines: uniq([...found.keys()]), detail: [...found.values()].join(', ') };
}

const NODE_DRIVERS: Record<string, Dialect> = {
  pg: 'postgresql',
  postgres: 'postgresql',
  'pg-promise': 'postgresql',
  slonik: 'postgresql',
  '@neondatabase/serverless': 'postgresql',
  '@vercel/postgres': 'postgresql',
  '@electric-sql/pglite': 'postgresql',
  '@prisma/adapter-pg': 'postgresql',
  '@prisma/adapter-neon': 'postgresql',
  mysql: 'mysql',
  mysql2: 'mysql',
  mariadb: 'mysql',
  '@planetscale/database': 'mysql',
  '@prisma/adapter-planetscale': 'mysql',
  '@prisma/adapter-mariadb': 'mysql',
  'better-sqlite3': 'sqlite',
  sqlite3: 'sqlite',
  sqlite: 'sqlite',
  '@libsql/client': 'sqlite',
  '@prisma/adapter-libsql': 'sqlite',
  '@prisma/adapter-better-sqlite3': 'sqlite',
  '@prisma/adapter-d1': 'sqlite',
};

/** package.json: database drivers among the dependencies. */
export function nodeEngines(text: string): { engines: Dialect[]; detail: string } {
  let json: Record<string, unknown>;
  try {
    json = JSON.parse(text) as Record<string, unknown>;
  } catch {
    return { engines: [], detail: '' };
  }
  const found = new Map<Dialect, string>();
  for (const key of ['dependencies', 'devDependencies', 'optionalDependencies']) {
    const deps = json?.[key];
    if (!deps || typeof deps !== 'object') continue;
    for (const name of Object.keys(deps).sort()) {
      if (Object.hasOwn(NODE_DRIVERS, name) && !found.has(NODE_DRIVERS[name])) found.set(NODE_DRIVERS[name], `dependency ${name}`);
    }
  }
  return { engines: uniq([...found.keys()]), detail: [...found.values()].join(', ') };
}

/** docker-compose: the database images it runs. */
export function composeEngines(text: string): { engines: Dialect[]; detail: string } {
  const found = new Map<Dialect, string>();
  for (const m of text.matchAll(/^\s*image\s*:\s*['"]?([^\s'"#]+)/gm)) {
    const image = m[1].replace(/[:@].*$/, '').toLowerCase();
    const name = image.split('/').pop() ?? image;
    const d: Dialect | undefined = /postgres|postgis|timescaledb|pgvector|^supabase\/postgres$/.test(image)
      ? 'postgresql'
      : /^(mysql|mariadb|percona)/.test(name) || /mysql/.test(name)
        ? 'mysql'
        : undefined;
    if (d && !found.has(d)) found.set(d, `image ${image}`);
  }
  return { engines: uniq([...found.keys()]), detail: [...found.values()].join(', ') };
}

/** `.env.example`: the scheme of database URLs (the values themselves are never kept). */
export function envExampleEngines(text: string): { engines: Dialect[]; detail: string } {
  const found = new Map<Dialect, string>();
  for (const m of text.matchAll(/^\s*(?:export\s+)?([A-Za-z_][A-Za-z0-9_]*)\s*=\s*["']?([a-z][a-z0-9+]*):/gm)) {
    const key = m[1];
    const scheme = m[2].split('+')[0];
    let d: Dialect | undefined = Object.hasOwn(WORDS, scheme) ? WORDS[scheme] : undefined;
    // Prisma's SQLite URLs are `file:./dev.db`.
    if (!d && scheme === 'file' && /DATABASE|_DB|^DB/i.test(key)) d = 'sqlite';
    if (d && !found.has(d)) found.set(d, `${key} is a ${scheme}: URL`);
  }
  return { engines: uniq([...found.keys()]), detail: [...found.values()].join(', ') };
}
