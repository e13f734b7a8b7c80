/**
 * The SQL front end's entry point: a file in, the shared model, syntax problems, comments and a fix
 * renderer out (the `FrontEndResult` contract), plus the parsed statements for statement-level rules.
 * Statements in a runner's down section (`-- +goose Down`, `-- migrate:down`) are not applied.
 */
import type { FrontEndResult, SourceText } from '../model/frontend';
import { emptySchema, type Dialect, type Schema } from '../model/schema';
import { applyStatement } from './build';
import { parseSqlFile, type SectionSyntax } from './file';
import { sqlParserReady, type ParsedStatement } from './parse';
import { renderSqlFix } from './render';

export interface SqlLoadOptions {
  dialect: Dialect;
  /** Replay into this schema (several files of a migration history); a fresh one otherwise. */
  schema?: Schema;
  /** Runners' up/down section markers: statements in a down section are not applied. */
  sections?: readonly SectionSyntax[];
}

export interface SqlLoadResult extends FrontEndResult {
  statements: ParsedStatement[];
  /** The file holds template placeholders: it is not SQL until a tool fills them in, so no syntax errors. */
  templated: boolean;
}

export function loadSql(file: SourceText, opts: SqlLoadOptions): SqlLoadResult {
  if (!sqlParserReady()) throw new Error('loadSql: await ensureSqlParser() first');
  const parsed = parseSqlFile(file, opts.dialect, opts.sections);
  const schema = opts.schema ?? emptySchema(opts.dialect);
  parsed.statements.forEach((st, i) => {
    if (parsed.directions[i] === 'up') applyStatement(schema, st, { uri: file.uri, dialect: opts.dialect });
  });
  return {
    language: 'sql',
    schema,
    files: [file],
    problems: [...parsed.problems],
    comments: [...parsed.comments],
    render: (intent) => renderSqlFix(intent, [file], schema),
    statements: parsed.statements,
    templated: parsed.templated,
  };
}
