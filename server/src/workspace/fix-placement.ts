/**
 * What a design fix's statements meet where they land in a migration. A type change written into
 * `ALTER COLUMN ... TYPE` on a table an earlier migration created converts the rows already there: where
 * the statement as written costs nothing (the column already had that type, or a binary-compatible one)
 * and the new type would rewrite the table, the fix is not offered (change-column-type would report it at
 * once). Statements added where no transaction holds the file's one change get BEGIN/COMMIT of their own
 * (wrap-in-transaction would report the file at once).
 */
import type { FixIntent } from '../model/intents';
import type { FileFacts, SqlStatement } from '../model/migration-file';
import type { SourceRef } from '../model/text';
import { internalTypeName, type ColumnType } from '../model/schema';
import { isChange, sessionSetting } from '../model/statements';
import { alterTypeEffect } from '../model/type-change';
import { statementAt, tableExisted } from './index-placement';

type ChangeType = Extract<FixIntent, { kind: 'changeColumnType' }>;

/** The type `sql` names (`varchar(40)`, `timestamptz`), with the modifiers kept from `was` when asked. */
function typeOf(sql: string, keepParams: boolean, was: ColumnType): ColumnType {
  const open = sql.indexOf('(');
  const base = (open < 0 ? sql : sql.slice(0, open)).replace(/\[\]$/, '').trim();
  const params = keepParams ? was.params : open < 0 ? [] : sql.slice(open + 1, sql.indexOf(')', open)).split(',').map((p) => Number(p.trim()));
  return { ...was, name: internalTypeName(base), params, written: sql };
}

/** Would `intent`, rendered in this migration, turn an ALTER COLUMN TYPE that costs nothing into a rewrite? */
export function bringsOutRewrite(intent: ChangeType, uri: string, statements: readonly SqlStatement[], pgVersion: number): boolean {
  const src = intent.column.type.source;
  if (!src || src.uri !== uri) return false;
  const st = statementAt(statements, src.span);
  const info = st?.info;
  if (!st || st.direction !== 'up' || info?.kind !== 'alter-table' || !tableExisted(st, info.table.key)) return false;
  const name = intent.column.name.toLowerCase();
  const action = info.actions.find((a) => a.type === 'alter-type' && a.column.toLowerCase() === name);
  if (action?.type !== 'alter-type' || !action.newType) return false;
  const old = st.before(info.table.key)?.columns.find((c) => c.name.toLowerCase() === name)?.type;
  const timezone = sessionSetting(statements.filter((s) => s.index < st.index && s.direction === 'up').map((s) => s.info), 'timezone');
  const ctx = { pgVersion, timezone };
  if (alterTypeEffect(action, old, ctx) !== 'none') return false;
  return alterTypeEffect({ ...action, newType: typeOf(intent.sql, intent.keepParams, action.newType) }, old, ctx) !== 'none';
}

/**
 * Do statements added after `at` land outside any transaction, in a migration (its runner known) that has
 * at most one change outside one so far?
 */
export function loneChangeOutside(at: SourceRef, file: FileFacts, statements: readonly SqlStatement[]): boolean {
  // `implicit`: the runner sends the file as one query, which PostgreSQL runs as one transaction.
  if (file.role !== 'migration' || at.uri !== file.uri || file.run?.mode === 'unknown' || file.run?.mode === 'implicit') return false;
  const st = statementAt(statements, at.span);
  if (!st || st.direction !== 'up' || st.tx.inTransaction || st.tx.runnerUnknown) return false;
  return statements.filter((s) => s.direction === 'up' && !s.tx.inTransaction && isChange(s.info)).length < 2;
}
