/**
 * Which SQL dialect a file is written in. The PostgreSQL parser rejects SQLite and MySQL syntax, so a
 * wrong guess means false syntax errors: configuration wins, then the path (projects that support several
 * engines keep one folder or file suffix per engine), then telltale syntax, and PostgreSQL by default.
 */
import type { Dialect } from '../model/schema';
import { CodePatterns } from './code-patterns';
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

/** Syntax only MySQL accepts (the PostgreSQL parser rejects each of these), with the words a reason shows. */
const MYSQL_NAMED: [RegExp, string][] = [
  [/\bENGINE\s*=/i, 'ENGINE='],
  [/\bAUTO_INCREMENT\b/i, 'AUTO_INCREMENT'],
  [/\bUNSIGNED\b/i, 'UNSIGNED'],
  [/\bDEFAULT\s+CHARSET\b/i, 'DEFAULT CHARSET'],
  [/\bON\s+UPDATE\s+CURRENT_TIMESTAMP\b/i, 'ON UPDATE CURRENT_TIMESTAMP'],
  // An index declared inside CREATE TABLE: `KEY name (...)`, `UNIQUE INDEX name (...)`.
  [/(?:^|,)\s*(?:UNIQUE\s+|FULLTEXT\s+|SPATIAL\s+)?(?:KEY|INDEX)\s+[`"\w]+\s*\(/im, 'KEY inside CREATE TABLE'],
];
/** Syntax only SQLite accepts. */
const SQLITE_NAMED: [RegExp, string][] = [
  [/\bAUTOINCREMENT\b/i, 'AUTOINCREMENT'],
  [/^\s*PRAGMA\b/im, 'PRAGMA'],
  [/\bWITHOUT\s+ROWID\b/i, 'WITHOUT ROWID'],
  [/\)\s*STRICT\s*(?:,|;|$)/im, 'STRICT tables'],
  [/\bINSERT\s+OR\s+(?:REPLACE|IGNORE|ABORT|FAIL|ROLLBACK)\b/i, 'INSERT OR ...'],
  [/\b(?:strftime|unixepoch|julianday)\s*\(/i, 'SQLite date functions'],
  [/\bdatetime\s*\(\s*'now'/i, "datetime('now')"],
];

export function dialectFromContent(text: string): Dialect | undefined {
  const mask = CODE.mask(text);
  const mysql = count(mask, MYSQL_NAMED) + count(mask, MYSQL_CLIENT);
  const sqlite = count(mask, SQLITE_NAMED) + count(mask, SQLITE_CLIENT);
  if (mysql === 0 && sqlite === 0) {
    // Backtick identifiers: MySQL or SQLite (Drizzle writes them for both); either way not PostgreSQL.
    return mask & bit(BACKTICK) ? 'mysql' : undefined;
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

/** MySQL-only syntax a PostgreSQL parser stumbles on first, with the words a reason shows. */
const MYSQL_CLIENT: [RegExp, string][] = [
  [/^[ \t]*#(?!!)/m, '`#` comments'],
  [/\bINSERT\s+IGNORE\b/i, 'INSERT IGNORE'],
  [/\bSET\s+@[A-Za-z_]\w*\s*:?=/i, '@variables'],
  [/@@(?:session\.|global\.)?(?:foreign_key_checks|sql_mode|unique_checks|character_set_\w+|collation_\w+|time_zone|autocommit|sql_notes|innodb_\w+)\b/i, '@@system variables'],
  [/^[ \t]*DELIMITER[ \t]+\S/im, 'DELIMITER'],
];
/** sqlite3 shell dot-commands at the start of a line. */
const SQLITE_CLIENT: [RegExp, string][] = [
  [/^\.(?:timeout|read|mode|headers|bail|echo|import|output|print|schema|tables|open|changes|nullvalue|separator|width|exit|quit|load|dump)\b/m, 'sqlite3 dot-commands'],
];
/** psql meta-commands and PostgreSQL-only syntax. */
const POSTGRES: [RegExp, string][] = [
  [/^[ \t]*\\(?:set|connect|c|i|ir|include|echo|copy|if|elif|else|endif|gset|unset|pset|timing|q|o|encoding)\b/m, 'psql meta-commands'],
  [/\bLANGUAGE\s+'?plpgsql\b/i, 'PL/pgSQL'],
  [/\bCREATE\s+EXTENSION\b/i, 'CREATE EXTENSION'],
  [/::\s*(?:text|int|integer|bigint|jsonb|uuid|regclass|timestamptz|name|oid)\b/i, ':: casts'],
];
export interface EngineMark {
  engine: Dialect;
  /** What was seen, for the reason shown to the user. */
  mark: string;
  /** How many distinct marks of this engine the text has. */
  count: number;
}

/**
 * Marks of each engine in a file's code (comments and string literals left out), the engine with the most
 * distinct marks first. Client commands (`#` comments, `DELIMITER`, sqlite3 dot-commands, psql meta-commands)
 * are looked for in the raw text, since the PostgreSQL splitter does not read them as comments.
 */
export function engineMarks(text: string): EngineMark[] {
  if (!text.trim()) return [];
  const mask = CODE.mask(text);
  const out: EngineMark[] = [];
  const look = (engine: Dialect, list: [RegExp, string][]) => {
    const hits = list.filter(([re]) => mask & bit(re));
    if (!hits.length) return;
    const existing = out.find((m) => m.engine === engine);
    if (existing) existing.count += hits.length;
    else out.push({ engine, mark: hits[0][1], count: hits.length });
  };
  look('mysql', MYSQL_CLIENT);
  look('sqlite', SQLITE_CLIENT);
  look('mysql', MYSQL_NAMED);
  look('sqlite', SQLITE_NAMED);
  look('postgresql', POSTGRES);
  if (!out.some((m) => m.engine !== 'postgresql') && mask & bit(BACKTICK)) out.push({ engine: 'mysql', mark: 'backtick-quoted names', count: 1 });
  return out.sort((a, b) => b.count - a.count);
}

/** A backtick-quoted name. */
const BACKTICK = /`[^`\r\n]+`/;
/** Every pattern above, read in one pass over a file's code (comments and string literals left out). */
const ALL = [...MYSQL_CLIENT, ...SQLITE_CLIENT, ...MYSQL_NAMED, ...SQLITE_NAMED, ...POSTGRES].map(([re]) => re).concat(BACKTICK);
const CODE = new CodePatterns(ALL);
const bit = (re: RegExp) => 1 << ALL.indexOf(re);

function count(mask: number, list: [RegExp, string][]): number {
  return list.reduce((n, [re]) => n + (mask & bit(re) ? 1 : 0), 0);
}

/** The engine named by a path, and whether by the file name (`x.mysql.up.sql`) or a folder (`sqlite/`). */
export function pathEngineWord(pathOrUri: string): { engine: Dialect; word: string; kind: 'suffix' | 'folder' } | undefined {
  let p = pathOrUri;
  try {
    p = decodeURIComponent(pathOrUri);
  } catch {
    // A malformed escape: read it as it is.
  }
  const segments = p.toLowerCase().split(/[/\\]+/);
  for (let s = segments.length - 1; s >= 0; s--) {
    const words = segments[s].split(/[._-]+/);
    for (let i = words.length - 1; i >= 0; i--) {
      if (Object.hasOwn(PATH_WORDS, words[i])) return s === segments.length - 1 ? { engine: PATH_WORDS[words[i]], word: `.${words[i]}.`, kind: 'suffix' } : { engine: PATH_WORDS[words[i]], word: `${segments[s]}/`, kind: 'folder' };
    }
  }
  return undefined;
}
