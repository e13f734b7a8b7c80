/**
 * Migrations written in TypeScript or JavaScript (TypeORM, Knex, db-migrate, MikroORM, Kysely, slonik):
 * the SQL their raw-SQL calls carry (ts/migration-sql.ts) read as one SQL file whose offsets are the
 * source file's, so the replay, the statement rules, hovers and findings treat it like a `.sql`
 * migration. Statements in `down()` are the down section. A statement that holds a `${...}` substitution
 * is parsed with a parameter there, or a name where the SQL needs one; when neither reads, the statement
 * is left unread without a syntax error (the SQL is put together at run time). Fixes are kept only when
 * every edit stays inside one string, off escapes and substitutions, with text the string can hold, and
 * adds no statement to a call on an engine whose drivers run one statement per call (SQLite, MySQL).
 */
import type { Budget } from '../model/budget';
import type { Comment, Problem, SourceText } from '../model/frontend';
import type { TextEdit } from '../model/findings';
import { SCRIPT_MIGRATION_EXTENSIONS, SCRIPT_MIGRATION_FOLDERS } from '../model/migration-file';
import type { Dialect } from '../model/schema';
import type { Span } from '../model/text';
import { reportsSyntaxErrors } from '../sql/dialect';
import { parseSqlFile, type SectionDirection, type SectionSyntax, type SqlFileParse } from '../sql/file';
import { parseStatement, type ParsedStatement } from '../sql/parse';
import { splitStatements } from '../sql/split';
import { mentionsScriptSql, readScriptSql, type ScriptSql } from '../ts/migration-sql';

/** A TypeScript or JavaScript file name (not a declaration file). */
export const SCRIPT = new RegExp(`\\.(${SCRIPT_MIGRATION_EXTENSIONS.join('|')})$`, 'i');
const DECLARATION = /\.d\.(m|c)?ts$/i;

export function isScriptFile(uriOrPath: string): boolean {
  return SCRIPT.test(uriOrPath) && !DECLARATION.test(uriOrPath);
}

/** A path below one of the folders migration tools keep their scripts in. */
const MIGRATION_DIR = new RegExp(`(^|[\\\\/])(${SCRIPT_MIGRATION_FOLDERS.join('|')})[\\\\/]`, 'i');

/**
 * Cheap test before any parsing: a script in a migrations folder that calls a raw-SQL function with a
 * literal. Which set it belongs to, if any, is the runner modules' call.
 */
export function mayBeScriptMigration(uriOrPath: string, text: string): boolean {
  return inScriptMigrationFolder(uriOrPath) && mentionsScriptSql(text);
}

/** A script below a migrations folder (before reading it). */
export function inScriptMigrationFolder(uriOrPath: string): boolean {
  return isScriptFile(uriOrPath) && MIGRATION_DIR.test(uriOrPath.replace(/[^\\/]*$/, ''));
}

/** A migration file as the replay reads it: SQL as it is, a script through its raw-SQL calls. */
export function parseMigrationFile(file: SourceText, dialect: Dialect, sections: readonly SectionSyntax[], budget?: Budget): SqlFileParse {
  return isScriptFile(file.uri) ? parseScriptMigration(file, dialect) : parseSqlFile(file, dialect, sections, budget);
}

const cache = new Map<string, SqlFileParse>();

export function parseScriptMigration(file: SourceText, dialect: Dialect): SqlFileParse {
  const key = `${dialect}\u0000${file.uri}`;
  const hit = cache.get(key);
  if (hit && scriptTexts.get(hit) === file.text) return hit;
  const parsed = parseUncached(file, dialect);
  if (cache.size > 4000) cache.clear();
  cache.set(key, parsed);
  return parsed;
}

/** The source text each parse was read from (the parse's own `text` is the SQL view). */
const scriptTexts = new WeakMap<SqlFileParse, string>();
const scriptSql = new WeakMap<SqlFileParse, ScriptSql>();

/** What a parse of a script migration was read from, when it is one. */
export function scriptOf(parse: SqlFileParse): ScriptSql | undefined {
  return scriptSql.get(parse);
}

function parseUncached(file: SourceText, dialect: Dialect): SqlFileParse {
  const script = readScriptSql(file.uri, file.text);
  const text = script.sqlView;
  const statements: ParsedStatement[] = [];
  const directions: SectionDirection[] = [];
  const comments: Comment[] = script.comments.map((c) => ({ uri: file.uri, span: c.span, body: c.body }));
  const problems: Problem[] = [];
  const report = reportsSyntaxErrors(dialect);
  for (const r of script.regions) {
    const split = splitStatements(text.slice(r.span.start, r.span.end), dialect);
    for (const c of split.comments) comments.push({ uri: file.uri, span: shift(c.span, r.span.start), body: c.body });
    for (const s of split.statements) {
      const shifted = { ...s, span: shift(s.span, r.span.start), ...(s.backticks ? { backticks: s.backticks.map((b) => b + r.span.start) } : {}) };
      const substituted = r.placeholders.some((p) => p.start < shifted.span.end && p.end > shifted.span.start);
      let parsed = parseStatement(text, shifted);
      if (substituted && parsed.some((st) => st.error)) {
        const named = parseStatement(script.nameView, shifted);
        if (!named.some((st) => st.error)) parsed = named;
      }
      for (const st of parsed) {
        statements.push(st);
        directions.push(r.direction);
        if (st.error && report && !substituted) problems.push({ rule: 'syntax-error', message: st.error.message, uri: file.uri, span: st.error.span });
      }
    }
  }
  comments.sort((a, b) => a.span.start - b.span.start);
  const parse: SqlFileParse = { uri: file.uri, text, dialect, statements, directions, markers: [], comments, problems, templated: false };
  scriptTexts.set(parse, file.text);
  scriptSql.set(parse, script);
  return parse;
}

function shift(span: Span, by: number): Span {
  return { start: span.start + by, end: span.end + by };
}

/**
 * The edits of a fix, when each is a safe edit of one SQL string of the script at `uri`: inside the
 * string, off its escapes and substitutions, and with text the string can hold as written. Otherwise
 * undefined (the fix is not offered: editing the TypeScript around the SQL is not a text edit we can vouch for).
 */
export function scriptSafeEdits(script: ScriptSql, uri: string, dialect: Dialect, edits: TextEdit[] | undefined): TextEdit[] | undefined {
  if (!edits?.length) return edits;
  const out: TextEdit[] = [];
  for (const edit of edits) {
    const e = atStringEnd(script, edit);
    // One call, one statement, except on PostgreSQL (a query string without parameters may hold several).
    if (dialect !== 'postgresql' && e.newText.includes(';')) return undefined;
    if (e.uri !== uri) return undefined;
    const r = script.regions.find((x) => x.span.start <= e.span.start && e.span.end <= x.span.end);
    if (!r) return undefined;
    const inOpaque = r.opaque.some((o) => (e.span.start === e.span.end ? o.start < e.span.start && e.span.start < o.end : o.start < e.span.end && e.span.start < o.end));
    if (inOpaque) return undefined;
    if (e.newText.includes('\\') || e.newText.includes(r.quote)) return undefined;
    if (r.quote === '`' ? e.newText.includes('${') : /[\r\n\u2028\u2029]/.test(e.newText)) return undefined;
    out.push(e);
  }
  return out;
}

/**
 * An insertion after a statement lands where the SQL view is blank up to the end of the line: past the
 * string's closing quote in the source. The SQL is the same when it goes at the end of the string instead.
 */
function atStringEnd(script: ScriptSql, e: TextEdit): TextEdit {
  if (e.span.start !== e.span.end || script.regions.some((r) => r.span.start <= e.span.start && e.span.start <= r.span.end)) return e;
  let before: ScriptSql['regions'][number] | undefined;
  for (const r of script.regions) if (r.span.end <= e.span.start) before = r;
  if (!before || script.sqlView.slice(before.span.end, e.span.start).trim() !== '') return e;
  return { ...e, span: { start: before.span.end, end: before.span.end } };
}

/** `--` inside one of the script's SQL strings (a template literal may hold a line of its own), `//` elsewhere. */
export function scriptLineComment(script: ScriptSql): (offset: number) => '--' | '//' {
  return (offset) => (script.regions.some((r) => r.span.start <= offset && offset < r.span.end && r.quote === '`') ? '--' : '//');
}
