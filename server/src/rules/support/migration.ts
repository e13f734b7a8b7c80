/**
 * Shared pieces of the migration-safety and query rules (sections B and C of the catalogue): which
 * statements they judge, how a message says why a statement runs in a transaction, and the fixes that
 * move a statement out of a transaction or into a migration of its own.
 */
import { quoteQualified } from '../../model/identifiers';
import type { Dialect, Table } from '../../model/schema';
import { lineBreak, lineEndAt, lineStartAt, pastLineBreak, type SourceRef } from '../../model/text';
import type { FixProposal } from '../../model/intents';
import type { FileFacts, SqlStatement } from '../../model/migration-file';
import type { StatementContext } from '../types';

/** An up statement of a migration: what the migration-safety rules judge. */
export function isMigrationUp(ctx: StatementContext, st: SqlStatement): boolean {
  return ctx.file.role === 'migration' && st.direction === 'up';
}

/** Is the table one that holds data when this statement runs: not created earlier in this same file? */
export function existing(st: SqlStatement, key: string): boolean {
  return !st.createdInFile(key);
}

/** The table as it stood before the statement, if the history knows it. */
export function tableBefore(st: SqlStatement, key: string): Table | undefined {
  return st.before(key);
}

/**
 * Does the statement surely run outside any transaction? Not when the runner is not known (it may wrap
 * the file): fixes that add CONCURRENTLY or BEGIN in place are offered only when this holds.
 */
export function surelyOutsideTransaction(st: SqlStatement): boolean {
  return !st.tx.inTransaction && !st.tx.runnerUnknown;
}

/**
 * Statements a fix adds next to `st` also run outside any transaction: `st` is outside one now, and the
 * runner does not send the file as one query string (which turns into one implicit transaction as soon
 * as the file holds two statements: Prisma Migrate before 7.4, golang-migrate).
 */
export function staysOutsideTransaction(ctx: StatementContext, st: SqlStatement): boolean {
  return surelyOutsideTransaction(st) && ctx.file.run?.mode !== 'implicit';
}

/** Appended to a CONCURRENTLY advice when the runner is not known. */
export const UNKNOWN_RUNNER_CONCURRENTLY =
  ' CONCURRENTLY cannot run inside a transaction, and whether the runner of these migrations runs them in one is not known: ' +
  'say how it runs them in db-design.json (`migrations.runner` or `migrations.inTransaction`).';

/** Why the statement runs inside a transaction, as a clause: "the file opens one with BEGIN". */
export function transactionReason(st: SqlStatement, file: FileFacts): string {
  switch (st.tx.how) {
    case 'explicit':
      return 'it is between BEGIN and COMMIT';
    case 'runner':
      return `${file.run?.reason ?? 'the migration runner wraps the file in a transaction'}`;
    case 'implicit':
      return `${file.run?.reason ?? 'the file is sent as one query string'}, and this file holds several statements`;
  }
  return 'it runs inside a transaction';
}

/** The file's text. */
function textOf(ctx: StatementContext): string {
  return ctx.file.text;
}

/**
 * The span that removes a statement cleanly: the statement, the rest of its line when only blanks
 * follow, and the line break.
 */
export function removalSpan(ctx: StatementContext, st: SqlStatement): SourceRef {
  const text = textOf(ctx);
  const { start, end } = st.view.ref.span;
  let s = start;
  while (s > 0 && (text[s - 1] === ' ' || text[s - 1] === '\t')) s--;
  let e = end;
  while (e < text.length && (text[e] === ' ' || text[e] === '\t')) e++;
  e = pastLineBreak(text, e);
  // Keep the statement's own line start when something else stands before it on the line.
  if (lineStartAt(text, s) !== s) s = start;
  return { uri: ctx.file.uri, span: { start: s, end: e } };
}

/** The statement's text with its `;`. */
export function statementSql(st: SqlStatement): string {
  const t = st.view.text.trimEnd();
  return t.endsWith(';') ? t : `${t};`;
}

/**
 * "Move to a migration of its own": remove the statements here and create the runner's next migration
 * holding them (`sql`, default: the statements as written), outside a transaction or, `atomic`, in one.
 * Undefined when the runner has no such file.
 */
export function moveToOwnMigration(
  ctx: StatementContext,
  sts: SqlStatement[],
  suffix: string,
  sql?: string,
  how?: { atomic?: boolean; /** The caller writes other SQL where the statements were. */ replaced?: boolean },
): FixProposal | undefined {
  const next = ctx.file.newMigration?.(suffix, { atomic: how?.atomic });
  if (!next || sts.length === 0) return undefined;
  // Moved past the migrations that follow, the statements would act on a table they change later.
  if (sts.some((st) => tablesOf(st).some((key) => ctx.file.changedLater?.(key)))) return undefined;
  if (sts.some((st) => overtakesTwin(ctx, st, sts))) return undefined;
  // Nothing would be left of this migration: some runners refuse an empty one (Diesel), and the statement's
  // place in the history is this migration's. Its runner's own opt-out, where it has one, is the fix.
  if (!how?.replaced && !ctx.statements.some((s) => s.direction === sts[0].direction && !sts.includes(s))) return undefined;
  const nl = lineBreak(ctx.file.text);
  const generated = ctx.file.generatedComment?.(sts[0].view.ref.span.start);
  const body = (generated ? generated + nl : '') + (sql ?? sts.map(statementSql).join(nl));
  return {
    title: `Move to a new migration ${next.name}`,
    safe: false,
    intent: { kind: 'edits', edits: [...sts.map((st) => ({ at: removalSpan(ctx, st), newText: '' })), ...next.edits(body)] },
  };
}

/**
 * Does the CREATE INDEX `st`, moved to the end of the history, pass an index over the same columns (in the
 * same order) that this file declares after it (and that stays)? Of two such twins redundant-index reports
 * the later one: the move would make it report the other. (A twin in a later migration changes the table
 * later, which already keeps the statement here.)
 */
function overtakesTwin(ctx: StatementContext, st: SqlStatement, moved: readonly SqlStatement[]): boolean {
  const info = st.info;
  if (info.kind !== 'create-index') return false;
  const table = ctx.schema.tables.get(info.table.key);
  const inFile = (at: SourceRef | undefined, s: SqlStatement) => at?.uri === ctx.file.uri && s.view.ref.span.start <= at.span.start && at.span.end <= s.view.ref.span.end;
  const mine = table?.indexes.find((ix) => inFile(ix.source, st));
  if (!table || !mine) return false;
  const same = (cols: readonly string[]) => cols.length === mine.columns.length && cols.every((c, k) => c.toLowerCase() === mine.columns[k].toLowerCase());
  return table.indexes.some(
    (ix) => ix !== mine && same(ix.columns) && ix.source?.uri === ctx.file.uri && ix.source.span.start >= st.view.ref.span.end && !moved.some((m) => inFile(ix.source, m)),
  );
}

/** The keys of the tables a statement names: its table, or the tables it drops or truncates. */
export function namedTables(st: SqlStatement): string[] {
  const info = st.info;
  if ('table' in info && info.table && typeof info.table === 'object' && 'key' in info.table) return [info.table.key];
  if (info.kind === 'truncate' || info.kind === 'drop-table') return info.tables.map((t: { key: string }) => t.key);
  return [];
}

/** The keys of the tables a statement acts on: the ones it names, and for DROP INDEX the tables of its indexes. */
function tablesOf(st: SqlStatement): string[] {
  if (st.info.kind === 'drop-index') return st.info.indexes.flatMap((ix) => st.indexTable(ix.name)?.key ?? []);
  return namedTables(st);
}

/** An empty span right after the statement (and its line), where a follow-up statement goes. */
export function afterStatement(ctx: StatementContext, st: SqlStatement): SourceRef {
  const text = textOf(ctx);
  // After a trailing comment on the same line (`;  -- note`, `;--> statement-breakpoint`).
  const e = lineEndAt(text, st.view.ref.span.end);
  return { uri: ctx.file.uri, span: { start: e, end: e } };
}

/** `schema.table` as written in the statement, or quoted from the name the way `dialect` needs. */
export function tableText(rel: { name: string; schema?: string; at?: SourceRef }, text: string, dialect: Dialect): string {
  if (rel.at) return text.slice(rel.at.span.start, rel.at.span.end);
  return quoteQualified(rel.schema, rel.name, dialect);
}

/** Why the table counts as existing, for messages: "created by an earlier migration". */
export function existingWhy(st: SqlStatement, key: string): string {
  const t = st.before(key);
  if (t && !t.partial) return 'created by an earlier migration';
  return 'not created in this file, so it already exists';
}

/** The statement up to the name of the table it acts on (`CREATE INDEX x ON orders`): where findings point. */
export function headTo(st: SqlStatement, rel: { at?: SourceRef } | undefined): SourceRef {
  const start = st.view.ref.span.start;
  if (rel?.at && rel.at.span.end > start) return { uri: st.view.ref.uri, span: { start, end: rel.at.span.end } };
  // No table name to stop at (DROP INDEX a, b): the statement's first line, without its `;`.
  const text = st.view.text;
  let end = lineEndAt(text, 0);
  while (end > 0 && /[\s;]/.test(text[end - 1])) end--;
  return end > 0 ? { uri: st.view.ref.uri, span: { start, end: start + end } } : st.view.head(3);
}

/** PostgreSQL's name for an unnamed constraint: `orders_customer_id_fkey`, cut to 63 bytes the way it does. */
export function implicitConstraintName(table: string, columns: string[], label: 'fkey' | 'check' | 'key' | 'pkey'): string {
  const bytes = (s: string) => Buffer.byteLength(s, 'utf8');
  const clip = (s: string, n: number) => {
    let out = '';
    for (const ch of s) {
      if (bytes(out + ch) > n) break;
      out += ch;
    }
    return out;
  };
  const name2 = label === 'pkey' ? undefined : columns.join('_');
  const avail = 63 - label.length - 1 - (name2 ? 1 : 0);
  let n1 = bytes(table);
  let n2 = name2 ? bytes(name2) : 0;
  while (n1 + n2 > avail) {
    if (n1 > n2) n1--;
    else n2--;
  }
  return [clip(table, n1), ...(name2 ? [clip(name2, n2)] : []), label].join('_');
}

/** The next statement that ends the transaction block `st` is in (COMMIT / ROLLBACK), if the file has one. */
export function blockEnd(ctx: StatementContext, st: SqlStatement): SqlStatement | undefined {
  for (const s of ctx.statements) {
    if (s.index <= st.index || s.direction !== st.direction) continue;
    if (s.info.kind === 'transaction' && (s.info.op === 'commit' || s.info.op === 'rollback' || s.info.op === 'prepare')) return s;
  }
  return undefined;
}

/** An empty span at the start of the statement's line (where a statement inserted before it goes). */
export function lineStartOf(ctx: StatementContext, st: SqlStatement): SourceRef {
  const text = ctx.file.text;
  const s = lineStartAt(text, st.view.ref.span.start);
  // Only when nothing but blanks precede the statement on its line; otherwise right before it.
  const at = /^[ \t]*$/.test(text.slice(s, st.view.ref.span.start)) ? s : st.view.ref.span.start;
  return { uri: ctx.file.uri, span: { start: at, end: at } };
}

/**
 * Every UPDATE or DELETE (`op`) without a WHERE clause in the statements of a script, CTEs included,
 * with where to report it: the shared loop of update-without-where and delete-without-where.
 */
export function unfilteredDml(ctx: StatementContext, op: 'update' | 'delete'): { table: string; at: SourceRef }[] {
  const out: { table: string; at: SourceRef }[] = [];
  if (ctx.file.role !== 'script') return out;
  for (const st of ctx.statements) {
    const info = st.info;
    if (info.kind !== 'dml' && info.kind !== 'select') continue;
    const parts = info.kind === 'dml' ? [info, ...info.ctes] : info.ctes;
    for (const d of parts) {
      if (d.op !== op || d.hasWhere || !d.table) continue;
      out.push({ table: d.table.name, at: d === info ? headTo(st, d.table) : (d.at ?? headTo(st, d.table)) });
    }
  }
  return out;
}
