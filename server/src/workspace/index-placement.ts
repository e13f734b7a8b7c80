/**
 * Where a new index goes in a migration history. Right after the statement that adds its foreign key, as
 * written, when that statement also creates the table (or the table is created earlier in the same file):
 * the table is still empty; after the rename, when the file rebuilds the table under a temporary name; on
 * the name the statement writes when a later migration renames the table. On a table an earlier migration created, the index is built
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
import type { SourceRef } from '../model/text';
import { quoteQualified } from '../model/identifiers';
import { lineBreak } from '../model/text';
import { indexStatement, renderSqlFix } from '../sql/render';
import { plainIndexStatement } from '../sql/render-design';

type AddIndex = Extract<FixIntent, { kind: 'addIndex' }>;
type WidenIndex = Extract<FixIntent, { kind: 'widenIndex' }>;

interface MigrationParts {
  uri: string;
  files: readonly SourceText[];
  schema: Schema;
  file: FileFacts;
  statements: readonly SqlStatement[];
}

/** The statement that holds `at` (the outermost, for a statement inside a DO block). */
export function statementAt(statements: readonly SqlStatement[], at: { start: number; end: number }): SqlStatement | undefined {
  return statements.find((s) => s.view.ref.span.start <= at.start && at.end <= s.view.ref.span.end);
}

/** Was the table there before the file (so it may hold rows)? */
export function tableExisted(st: SqlStatement, key: string): boolean {
  if (st.createdInFile(key)) return false;
  return !(st.info.kind === 'create-table' && st.info.table.key === key);
}

/** The intent with its index placed after `ref` instead of the statement that declares the foreign key. */
function after(intent: AddIndex, ref: SourceRef): AddIndex {
  return intent.fk ? { ...intent, fk: { ...intent.fk, declaration: ref } } : { ...intent, table: { ...intent.table, declaration: ref } };
}

/** The edits for `intent` in this migration, or 'as-written' when the plain render is right. */
export function placeIndex(intent: AddIndex, m: MigrationParts): TextEdit[] | undefined | 'as-written' {
  const declared = intent.fk?.declaration ?? intent.table.declaration;
  if (m.file.role !== 'migration' || declared.uri !== m.uri) return 'as-written';
  const st = statementAt(m.statements, declared.span);
  if (!st || st.direction !== 'up') return 'as-written';
  // A table rebuilt under a temporary name (SQLite; drizzle-kit writes `__new_<table>`): the index goes after
  // the rename that gives the table its name, not onto the old table about to be dropped.
  const name = intent.table.name.toLowerCase();
  const rename = m.statements.find((s) => s.index > st.index && s.direction === 'up' && s.info.kind === 'rename-table' && s.info.newName.toLowerCase() === name);
  // A name a later migration renames (a rebuild spread over several migrations, as pop writes them): the index is
  // made on the table as this statement names it, and follows it through the rename.
  const rel = 'table' in st.info ? st.info.table : undefined;
  const renamedLater = !rename && rel && rel.name.toLowerCase() !== name ? rel : undefined;
  const placed = rename ? after(intent, rename.view.ref) : renamedLater ? { ...intent, table: { ...intent.table, name: renamedLater.name, schema: renamedLater.schema } } : intent;
  if (intent.concurrently || m.schema.dialect !== 'postgresql' || !tableExisted(st, rel?.key ?? intent.table.key)) return rename || renamedLater ? renderSqlFix(placed, m.files, m.schema) : 'as-written';
  if (st.tx.runnerUnknown) return undefined;
  if (!st.tx.inTransaction && m.file.run?.mode !== 'implicit') return renderSqlFix({ ...placed, concurrently: true }, m.files, m.schema);
  const next = m.file.newMigration?.('index');
  if (!next) return undefined;
  const sql = indexStatement(intent.table, intent.columns, m.schema, true);
  return next.edits(sql).map((e) => ({ uri: e.at.uri, span: { ...e.at.span }, newText: e.newText }));
}

/**
 * Widening an index another migration built: that statement has run and stays as it ran. On PostgreSQL a new
 * migration builds the wider index CONCURRENTLY and then drops the narrow one CONCURRENTLY (the table holds
 * data; the runner's new migrations keep each statement out of a transaction), when the narrow index is a
 * plain one the new statement rebuilds whole. Elsewhere, or where the runner is not known, no fix. An index
 * this migration creates is widened where it is written.
 */
export function placeWidening(intent: WidenIndex, m: MigrationParts, textOf: (uri: string) => string | undefined): TextEdit[] | undefined | 'as-written' {
  const src = intent.index.source;
  if (!src || src.uri === m.uri) return 'as-written';
  const fk = intent.fk;
  if (!fk || fk.declaration.uri !== m.uri || m.file.role !== 'migration' || m.schema.dialect !== 'postgresql' || !intent.index.name) return undefined;
  const st = statementAt(m.statements, fk.declaration.span);
  if (!st || st.direction !== 'up' || st.tx.runnerUnknown) return undefined;
  const written = textOf(src.uri)?.slice(src.span.start, src.span.end);
  if (!written || !plainIndexStatement(written)) return undefined;
  const next = m.file.newMigration?.('index');
  if (!next) return undefined;
  const { table, index } = intent;
  const wide = indexStatement(table, [...index.columns, ...intent.columns], m.schema, true);
  const sql = `${wide}${lineBreak(written)}DROP INDEX CONCURRENTLY ${quoteQualified(table.schema, index.name!)};`;
  return next.edits(sql).map((e) => ({ uri: e.at.uri, span: { ...e.at.span }, newText: e.newText }));
}
