/**
 * Where a new index goes in a PostgreSQL migration history. Right after the statement that adds its
 * foreign key, as written, when that statement also creates the table (or the table is created earlier in
 * the same file): the table is still empty. On a table an earlier migration created, the index is built
 * CONCURRENTLY (a plain CREATE INDEX blocks writes for the whole build): in place when the statement
 * runs outside any transaction, otherwise in a new migration the runner runs outside one. Where neither
 * is sure (the runner is not known, or it has no such migration), no fix: CONCURRENTLY might land in a
 * transaction and fail.
 */
import type { SourceText } from '../model/frontend';
import type { TextEdit } from '../model/findings';
import type { FixIntent } from '../model/intents';
import type { FileFacts, SqlStatement } from '../model/migration-file';
import type { Schema } from '../model/schema';
import { indexStatement, renderSqlFix } from '../sql/render';

type AddIndex = Extract<FixIntent, { kind: 'addIndex' }>;

interface MigrationParts {
  uri: string;
  files: readonly SourceText[];
  schema: Schema;
  file: FileFacts;
  statements: readonly SqlStatement[];
}

/** The statement that holds `at` (the outermost, for a statement inside a DO block). */
function statementAt(statements: readonly SqlStatement[], at: { start: number; end: number }): SqlStatement | undefined {
  return statements.find((s) => s.view.ref.span.start <= at.start && at.end <= s.view.ref.span.end);
}

/** Was the table there before the file (so it may hold rows)? */
function tableExisted(st: SqlStatement, key: string): boolean {
  if (st.createdInFile(key)) return false;
  return !(st.info.kind === 'create-table' && st.info.table.key === key);
}

/** The edits for `intent` in this migration, or 'as-written' when the plain render is right. */
export function placeIndex(intent: AddIndex, m: MigrationParts): TextEdit[] | undefined | 'as-written' {
  const after = intent.fk?.declaration ?? intent.table.declaration;
  if (intent.concurrently || m.schema.dialect !== 'postgresql' || m.file.role !== 'migration' || after.uri !== m.uri) return 'as-written';
  const st = statementAt(m.statements, after.span);
  if (!st || st.direction !== 'up' || !tableExisted(st, intent.table.key)) return 'as-written';
  if (st.tx.runnerUnknown) return undefined;
  if (!st.tx.inTransaction && m.file.run?.mode !== 'implicit') return renderSqlFix({ ...intent, concurrently: true }, m.files, m.schema);
  const next = m.file.newMigration?.('index');
  if (!next) return undefined;
  const sql = indexStatement(intent.table, intent.columns, m.schema, true);
  return next.edits(sql).map((e) => ({ uri: e.at.uri, span: { ...e.at.span }, newText: e.newText }));
}
