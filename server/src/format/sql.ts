/**
 * SQL formatting with sql-formatter, in the file's dialect, one statement at a time. Going statement by
 * statement (with the SQL front end's splitter) keeps everything between statements exactly as written:
 * suppression comments stay on the line before the statement they govern, psql meta-commands and COPY
 * data are never touched, and a statement sql-formatter cannot read stays as it is instead of failing
 * the whole file.
 */
import { format, type FormatOptionsWithLanguage, type SqlLanguage } from 'sql-formatter';
import type { Dialect } from '../model/schema';
import { lineBreak, type Span } from '../model/text';
import { splitStatements, type SplitStatement } from '../sql';
import { minimalReplacement, type Replacement } from './edit';

export type KeywordCase = 'preserve' | 'upper' | 'lower';

export interface SqlFormatOptions {
  dialect: Dialect;
  tabSize?: number;
  insertSpaces?: boolean;
  keywordCase?: KeywordCase;
}

export interface SqlFormatResult {
  /** The edit to apply, or undefined when the text is already formatted. */
  edit?: Replacement;
  /** Statements left as written (sql-formatter could not read them, or they use psql variables). */
  skipped: number;
}

export class SqlFormatError extends Error {}

const LANGUAGE: Partial<Record<Dialect, SqlLanguage>> = {
  postgresql: 'postgresql',
  cockroachdb: 'postgresql',
  sqlite: 'sqlite',
  mysql: 'mysql',
  sqlserver: 'transactsql',
};

/** Formats the whole file. */
export function formatSql(text: string, opts: SqlFormatOptions): SqlFormatResult {
  return formatStatements(text, opts, () => true);
}

/** Formats the statements that the range touches, whole (half a statement cannot be laid out). */
export function formatSqlRange(text: string, range: Span, opts: SqlFormatOptions): SqlFormatResult {
  return formatStatements(text, opts, (s) => s.span.end > range.start && s.span.start < Math.max(range.end, range.start + 1));
}

function formatStatements(text: string, opts: SqlFormatOptions, wanted: (s: SplitStatement) => boolean): SqlFormatResult {
  const split = splitStatements(text, opts.dialect);
  // `{{ col }}`, `${schema}`: the file is a template, not SQL; reformatting could break the placeholders.
  if (split.templated) throw new SqlFormatError('this file holds template placeholders, so it is not formatted');
  const statements = split.statements.filter(wanted);
  if (!statements.length) return { skipped: 0 };
  const eol = lineBreak(text);
  const config: FormatOptionsWithLanguage = {
    language: LANGUAGE[opts.dialect] ?? 'sql',
    tabWidth: opts.tabSize ?? 2,
    useTabs: opts.insertSpaces === false,
    keywordCase: opts.keywordCase ?? 'preserve',
    linesBetweenQueries: 1,
  };

  let out = '';
  let skipped = 0;
  let pos = statements[0].span.start;
  for (const s of statements) {
    out += gap(text.slice(pos, s.span.start), eol);
    const original = text.slice(s.span.start, s.span.end);
    const formatted = s.psqlVariables ? undefined : formatOne(original, config);
    if (formatted === undefined) skipped++;
    out += formatted === undefined ? original : formatted.replace(/\n/g, eol);
    pos = s.span.end;
  }
  const start = statements[0].span.start;
  return { edit: minimalReplacement(text.slice(start, pos), out, start), skipped };
}

/**
 * Whitespace between two statements becomes one line break (two where there was a blank line), so
 * `a; b;` ends up one statement per line. Comments there stay exactly as written, with runs of blank
 * lines around them cut to one, as sql-formatter does inside statements.
 */
function gap(between: string, eol: string): string {
  if (between === '') return between;
  if (/\S/.test(between)) return between.replace(/\r?\n(?:[ \t]*\r?\n){2,}/g, eol + eol);
  return /\n[ \t]*\r?\n/.test(between) ? eol + eol : eol;
}

/**
 * One statement through sql-formatter, or undefined when it cannot be read or the output lost anything
 * but whitespace and keyword case (a formatter must never change what a migration does).
 */
function formatOne(statement: string, config: FormatOptionsWithLanguage): string | undefined {
  let formatted: string;
  try {
    formatted = format(statement, config);
  } catch {
    return undefined;
  }
  const essence = (s: string) => s.replace(/\s+/g, '').toLowerCase();
  return essence(formatted) === essence(statement) ? formatted : undefined;
}
