/**
 * Which files the engine reads and how it names them: the language of a path, file URIs and paths, and
 * the notices for files it does not analyse (too big, binary).
 */
import * as path from 'node:path';
import { URI } from 'vscode-uri';
import type { Finding, Severity } from '../model/findings';
import { mentionsDrizzle } from '../ts/drizzle';
import { mentionsTypeorm } from '../ts/typeorm';
import { mayBeScriptMigration } from '../workspace/script-migrations';

export type Language = 'prisma' | 'sql' | 'typescript';

/** Bigger files are not analysed: the user gets one clear finding instead of a frozen editor. */
export const MAX_FILE_BYTES = 8 * 1024 * 1024;

/** TypeScript and JavaScript files: read only when they declare a Drizzle schema or TypeORM entities (see `languageOf`). */
export function isScriptPath(uriOrPath: string): boolean {
  return /\.(ts|mts|cts|js|mjs|cjs)$/i.test(uriOrPath) && !/\.d\.(m|c)?ts$/i.test(uriOrPath);
}

/**
 * The language db-design reads a file as. A script file is read only when its text is given and declares a
 * Drizzle schema (it imports a `drizzle-orm/*-core` module) or TypeORM entities (decorated columns), or is
 * a migration with raw SQL: every other TypeScript file is left alone.
 */
export function languageOf(uriOrPath: string, text?: string): Language | undefined {
  const lower = uriOrPath.toLowerCase();
  if (lower.endsWith('.prisma')) return 'prisma';
  if (text !== undefined && isScriptPath(lower) && (mentionsDrizzle(text) || mentionsTypeorm(text))) return 'typescript';
  // A migration written in TypeScript or JavaScript is read through the SQL its raw-SQL calls carry.
  if (text !== undefined && mayBeScriptMigration(lower, text)) return 'sql';
  if (/\.sql(\.(postgres|postgresql|sqlite|sqlite3|mysql|cockroach))?$/.test(lower)) return 'sql';
  return undefined;
}

/**
 * `convert` with its answers remembered. Paths and URIs are converted back and forth for every file of a history,
 * again in every analysis, and the conversions are pure and not cheap.
 */
function remembered<T>(convert: (s: string) => T): (s: string) => T {
  const memo = new Map<string, T>();
  return (s) => {
    if (memo.has(s)) return memo.get(s) as T;
    const out = convert(s);
    if (memo.size >= 50_000) memo.clear();
    memo.set(s, out);
    return out;
  };
}

export const uriToPath = remembered((uri: string): string | undefined => {
  const parsed = URI.parse(uri);
  return parsed.scheme === 'file' ? parsed.fsPath : undefined;
});

/** An absolute path's URI does not depend on the current folder: remembered. */
const absoluteUri = remembered((fsPath: string) => URI.file(path.resolve(fsPath)).toString());

export function pathToUri(fsPath: string): string {
  return path.isAbsolute(fsPath) ? absoluteUri(fsPath) : URI.file(path.resolve(fsPath)).toString();
}

/** Text is binary when it has NUL characters: not a file anyone wants linted. */
export function looksBinary(text: string): boolean {
  return text.slice(0, 8192).includes('\u0000');
}

/** A finding that covers the start of the file, for whole-file conditions (too big, binary). */
export function fileNotice(uri: string, rule: string, severity: Severity, message: string): Finding {
  return { rule, severity, message, uri, span: { start: 0, end: 0 }, fixes: [] };
}
