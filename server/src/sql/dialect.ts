/**
 * Which SQL dialect a file is written in. The PostgreSQL parser rejects SQLite and MySQL syntax, so a
 * wrong guess means false syntax errors: configuration wins, then the path (projects that support several
 * engines keep one folder or file suffix per engine), then telltale syntax, and PostgreSQL by default.
 */
import type { Dialect } from '../model/schema';
import { splitStatements } from './split';

const PATH_WORDS: Record<string, Dialect> = {
  postgres: 'postgresql',
  postgresql: 'postgresql',
  pg: 'postgresql',
  pgsql: 'postgresql',
  sqlite: 'sqlite',
  sqlite3: 'sqlite',
  mysql: 'mysql',
  mariadb: 'mysql',
  cockroach: 'cockroachdb',
  cockroachdb: 'cockroachdb',
  crdb: 'cockroachdb',
  mssql: 'sqlserver',
  sqlserver: 'sqlserver',
};

/**
 * The dialect named by the path: the nearest segment wins (`x.sqlite.sql` inside `postgres/`
 * is SQLite). Segments split at `/ . - _`, so `mysql-sakila-db/` and `0001_init.mysql.up.sql` count.
 */
export function dialectFromPath(uri: string): Dialect | undefined {
  let path = uri;
  try {
    path = decodeURIComponent(uri);
  } catch {
    // A malformed escape: read the URI as it is.
  }
  const words = path.toLowerCase().split(/[/\\._-]+/);
  for (let i = words.length - 1; i >= 0; i--) {
    if (Object.hasOwn(PATH_WORDS, words[i])) return PATH_WORDS[words[i]];
  }
  return undefined;
}

/** Syntax only MySQL accepts (the PostgreSQL parser rejects each of these). */
const MYSQL: RegExp[] = [
  /\bENGINE\s*=/i,
  /\bAUTO_INCREMENT\b/i,
  /\bUNSIGNED\b/i,
  /\bDEFAULT\s+CHARSET\b/i,
  /\bON\s+UPDATE\s+CURRENT_TIMESTAMP\b/i,
  // An index declared inside CREATE TABLE: `KEY name (...)`, `UNIQUE INDEX name (...)`.
  /(?:^|,)\s*(?:UNIQUE\s+|FULLTEXT\s+|SPATIAL\s+)?(?:KEY|INDEX)\s+[`"\w]+\s*\(/im,
];
/** Syntax only SQLite accepts. */
const SQLITE: RegExp[] = [
  /\bAUTOINCREMENT\b/i,
  /^\s*PRAGMA\b/im,
  /\bWITHOUT\s+ROWID\b/i,
  /\)\s*STRICT\s*(?:,|;|$)/im,
  /\bINSERT\s+OR\s+(?:REPLACE|IGNORE|ABORT|FAIL|ROLLBACK)\b/i,
];

function count(patterns: RegExp[], code: string): number {
  return patterns.reduce((n, p) => n + (p.test(code) ? 1 : 0), 0);
}

/**
 * The file without comments, string literals and function bodies: a comment that mentions
 * `AUTO_INCREMENT` or a string with `backticks` proves nothing.
 */
function codeOnly(text: string): string {
  const { comments, literals = [] } = splitStatements(text, 'postgresql', { literals: true });
  const cuts = [...comments.map((c) => c.span), ...literals].sort((a, b) => a.start - b.start);
  let out = '';
  let at = 0;
  for (const c of cuts) {
    if (c.start < at) continue;
    out += text.slice(at, c.start) + ' ';
    at = c.end;
  }
  return out + text.slice(at);
}

export function dialectFromContent(text: string): Dialect | undefined {
  const code = codeOnly(text);
  const mysql = count(MYSQL, code);
  const sqlite = count(SQLITE, code);
  if (mysql === 0 && sqlite === 0) {
    // Backtick identifiers: MySQL or SQLite (Drizzle writes them for both); either way not PostgreSQL.
    return /`[^`\r\n]+`/.test(code) ? 'mysql' : undefined;
  }
  return sqlite > mysql ? 'sqlite' : 'mysql';
}

export function detectSqlDialect(uri: string, text: string, configured?: Dialect): Dialect {
  return configured ?? dialectFromPath(uri) ?? dialectFromContent(text) ?? 'postgresql';
}

/**
 * Text that a tool fills in before PostgreSQL sees it (Go/Jinja templates, `@extschema@`, `${var}`):
 * the parser's complaints about it would be noise.
 */
export function isTemplated(text: string): boolean {
  return splitStatements(text).templated;
}

/** Dialects whose files get syntax errors from the PostgreSQL parser. */
export function reportsSyntaxErrors(dialect: Dialect): boolean {
  return dialect === 'postgresql';
}
