/**
 * The SQL front end's entry point: a file in, the shared model, syntax problems, comments and a fix
 * renderer out (the `FrontEndResult` contract), plus the parsed statements for statement-level rules.
 */
import type { Comment, FrontEndResult, Problem, SourceText } from '../model/frontend';
import { emptySchema, type Dialect, type Schema } from '../model/schema';
import { applyStatement } from './build';
import { reportsSyntaxErrors } from './dialect';
import { parseStatement, sqlParserReady, type ParsedStatement } from './parse';
import { renderSqlFix } from './render';
import { splitStatements } from './split';

export interface SqlLoadOptions {
  dialect: Dialect;
  /** Replay into this schema (several files of a migration history); a fresh one otherwise. */
  schema?: Schema;
}

export interface SqlLoadResult extends FrontEndResult {
  statements: ParsedStatement[];
  /** The file holds template placeholders: it is not SQL until a tool fills them in, so no syntax errors. */
  templated: boolean;
}

export function loadSql(file: SourceText, opts: SqlLoadOptions): SqlLoadResult {
  if (!sqlParserReady()) throw new Error('loadSql: await ensureSqlParser() first');
  const split = splitStatements(file.text, opts.dialect);
  const schema = opts.schema ?? emptySchema(opts.dialect);
  const statements: ParsedStatement[] = [];
  const problems: Problem[] = [];
  // Only PostgreSQL is checked by this parser; other dialects contribute what it happens to understand.
  const report = reportsSyntaxErrors(opts.dialect) && !split.templated;
  for (const s of split.statements) {
    for (const st of parseStatement(file.text, s)) {
      statements.push(st);
      if (st.error && report && !st.psqlVariables) {
        problems.push({ rule: 'syntax-error', message: st.error.message, uri: file.uri, span: st.error.span });
      }
      applyStatement(schema, st, { uri: file.uri });
    }
  }
  const comments: Comment[] = split.comments.map((c) => ({ uri: file.uri, span: c.span, body: c.body }));
  return {
    language: 'sql',
    schema,
    files: [file],
    problems,
    comments,
    render: (intent) => renderSqlFix(intent, [file], schema),
    statements,
    templated: split.templated,
  };
}
