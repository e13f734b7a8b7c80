/**
 * What a SQL statement does, in a small typed form the statement rules and the lock analysis share:
 * "CREATE INDEX on t, not concurrently", "ALTER TABLE t: add column c NOT NULL without a default".
 * The SQL front end fills it from the parser's AST and tokens (server/src/sql/statements.ts); rules
 * read only this, plus the spans they need for findings and fixes.
 */
import type { ColumnType } from './schema';
import type { SourceRef } from './text';

/** A relation a statement names, with where its name is written. */
export interface Rel {
  schema?: string;
  name: string;
  /** `Table.key` of the relation. */
  key: string;
  at?: SourceRef;
}

export interface NewConstraint {
  kind: 'foreign' | 'check' | 'unique' | 'primary' | 'exclusion' | 'other';
  name?: string;
  /** Written with NOT VALID: existing rows are not checked now. */
  notValid: boolean;
  /** `ADD CONSTRAINT ... UNIQUE USING INDEX idx`: an existing index becomes the constraint. */
  usingIndex?: string;
  /** Key or FK columns (CHECK: the columns its expression mentions). */
  columns: string[];
  /** FOREIGN KEY: the referenced table. */
  references?: Rel;
  /** CHECK: the expression as written, inside the parentheses. */
  expression?: string;
  /** The constraint as written (`CONSTRAINT x FOREIGN KEY (...) REFERENCES ...`). */
  at?: SourceRef;
  /** Where a finding about it points, without scrolling sideways: its name, else `FOREIGN KEY (cols)`. */
  head?: SourceRef;
}

export interface DefaultFacts {
  text: string;
  /** A default that calls a volatile function (`gen_random_uuid`): every row gets its own value. */
  volatile?: string;
  /** The function is not a known built-in: volatile by PostgreSQL's default for user functions. */
  volatileAssumed?: boolean;
  /** `DEFAULT NULL`. */
  isNull: boolean;
  at?: SourceRef;
}

export type AlterAction = {
  /** The whole action, as written (`ADD COLUMN email text NOT NULL`). */
  at?: SourceRef;
} & (
  | {
      type: 'add-column';
      column: string;
      notNull: boolean;
      /** The `NOT NULL` words, for fixes that remove them. */
      notNullAt?: SourceRef;
      default?: DefaultFacts;
      /** How the column fills itself for existing rows: identity, a stored generated expression, a serial sequence. */
      generated?: 'identity' | 'stored' | 'serial';
      /** Constraints written on the column. */
      constraints: NewConstraint[];
      ifNotExists: boolean;
      /** The column's type as written, e.g. `text`. */
      typeText: string;
    }
  | { type: 'drop-column'; column: string; cascade: boolean }
  /** `collation`: a COLLATE clause (`TYPE text COLLATE "C"`): indexes on the column are rebuilt for it. */
  | { type: 'alter-type'; column: string; newType?: ColumnType; using: boolean; collation?: string }
  | { type: 'set-not-null'; column: string }
  | { type: 'drop-not-null'; column: string }
  | { type: 'set-default'; column: string; default?: DefaultFacts }
  | { type: 'add-constraint'; constraint: NewConstraint }
  | { type: 'validate-constraint'; name: string }
  | { type: 'drop-constraint'; name: string; cascade: boolean }
  | { type: 'other'; subtype: string; concurrently?: boolean }
);

/** A `*` in a select list. */
export interface StarRef {
  at: SourceRef;
  /** `t.*`: the qualifier as written. */
  qualifier?: string;
  /** The one table the select reads from, when the star stands for its columns. */
  table?: Rel;
}

export interface SelectFacts {
  /** `*` in select lists (not `count(*)`, not inside EXISTS (...)). */
  stars: StarRef[];
  /** Reads from a table (not just `SELECT 1`, `SELECT now()`). */
  hasFrom: boolean;
  /** LIMIT or FETCH FIRST at the top level. */
  limited: boolean;
  /** Returns at most one row anyway: aggregates without GROUP BY. */
  singleRow: boolean;
  /** The OFFSET clause (a non-zero offset), for offset-pagination. */
  offsetAt?: SourceRef;
}

/** An INSERT/UPDATE/DELETE/MERGE, at the top or inside a WITH. */
export interface DmlFacts {
  op: 'insert' | 'update' | 'delete' | 'merge';
  table?: Rel;
  hasWhere: boolean;
  /** Columns the WHERE compares with `=` to a constant or parameter, at its top level (ANDed). */
  whereEquals: string[];
  /** The WHERE limits the rows with a subquery that has a LIMIT: one batch of a batched update. */
  batched: boolean;
  at?: SourceRef;
}

export type StatementInfo =
  /** Rejected by the parser; `creates`: what its head still says (`CREATE TABLE name (...`: the table exists, columns unknown). */
  | { kind: 'unparsed'; creates?: Rel }
  | { kind: 'create-table'; table: Rel; ifNotExists: boolean; partitionOf?: Rel }
  | { kind: 'create-table-as'; table: Rel; matview: boolean; withNoData: boolean; select?: SelectFacts }
  | { kind: 'create-view'; table: Rel; select?: SelectFacts }
  | { kind: 'create-index'; table: Rel; name?: string; unique: boolean; concurrently: boolean; ifNotExists: boolean; partial: boolean; columns: string[] }
  | { kind: 'drop-index'; indexes: Rel[]; concurrently: boolean; cascade: boolean; ifExists: boolean }
  | { kind: 'drop-table'; objectType: 'table' | 'view' | 'materialized view'; tables: Rel[]; cascade: boolean; ifExists: boolean }
  | { kind: 'alter-table'; table: Rel; actions: AlterAction[]; ifExists: boolean }
  | { kind: 'rename-table'; table: Rel; newName: string; objectType: 'table' | 'view' | 'materialized view' }
  | { kind: 'rename-column'; table: Rel; column: string; newName: string }
  | { kind: 'rename-other'; table?: Rel }
  | { kind: 'truncate'; tables: Rel[]; cascade: boolean }
  | { kind: 'refresh'; view: Rel; concurrently: boolean; withNoData: boolean }
  | { kind: 'reindex'; concurrently: boolean; table?: Rel; target: string }
  | { kind: 'vacuum'; full: boolean; vacuum: boolean; tables: Rel[] }
  | { kind: 'cluster'; table?: Rel }
  | { kind: 'policy'; op: 'create' | 'alter'; table: Rel; name: string }
  | { kind: 'trigger'; table: Rel }
  | { kind: 'transaction'; op: 'begin' | 'commit' | 'rollback' | 'savepoint' | 'release' | 'rollback-to' | 'prepare' | 'other' }
  | { kind: 'set'; name: string; local: boolean; value?: string }
  | ({ kind: 'dml'; ctes: DmlFacts[]; select?: SelectFacts } & DmlFacts)
  | { kind: 'select'; into: boolean; select: SelectFacts; ctes: DmlFacts[] }
  | { kind: 'explain'; analyze: boolean; inner: StatementInfo }
  | { kind: 'alter-enum'; addValue: boolean }
  | { kind: 'create-function' }
  /** `sequence`: the key of the sequence a CREATE SEQUENCE makes (a relation, like a table's). */
  | { kind: 'other'; tag: string; sequence?: string };

/** Positions inside one statement, for findings and fixes. */
export interface StatementSyntax {
  /** The whole statement, `;` included. */
  readonly ref: SourceRef;
  readonly text: string;
  /** The first token whose lower-case text is `word`, from token `from`. */
  keyword(word: string, from?: number): { index: number; ref: SourceRef } | undefined;
  /** The first `n` tokens (what a statement finding points at: `CREATE INDEX`). */
  head(n: number): SourceRef;
  /** An empty span right before the terminating `;` (or at the end): where ` NOT VALID` goes. */
  beforeSemicolon(): SourceRef;
  /** An empty span right after the token at `index`: where ` CONCURRENTLY` goes after `INDEX`. */
  after(index: number): SourceRef;
}

/** A runner marker comment that starts a section (`-- +goose Up`, `-- migrate:down`). */
export interface SectionMarker {
  direction: 'up' | 'down';
  span: { start: number; end: number };
  /** The whole comment line as written. */
  text: string;
}

/**
 * The value a session setting (`timezone`) has after `earlier` statements of the same session, if they
 * set it (`SET timezone = 'UTC'`, `SET TIME ZONE 'UTC'`; `RESET` and values the reader cannot tell: undefined).
 */
export function sessionSetting(earlier: readonly StatementInfo[], name: string): string | undefined {
  let value: string | undefined;
  for (const info of earlier) if (info.kind === 'set' && info.name === name) value = info.value;
  return value;
}

/** Does the statement change the schema or the data (rather than read, set a variable or control a transaction)? */
export function isChange(info: StatementInfo): boolean {
  switch (info.kind) {
    case 'unparsed':
    case 'transaction':
    case 'set':
    case 'explain':
      return false;
    case 'select':
      return info.into;
    case 'other':
      return !/^(VariableShowStmt|DiscardStmt|ListenStmt|NotifyStmt|UnlistenStmt|CheckPointStmt|LoadStmt|PrepareStmt|ExecuteStmt|DeallocateStmt|DeclareCursorStmt|FetchStmt|ClosePortalStmt|LockStmt|ConstraintsSetStmt)$/.test(info.tag);
    default:
      return true;
  }
}

/** Statements PostgreSQL refuses to run inside a transaction block. */
export function cannotRunInTransaction(info: StatementInfo, pgVersion: number): string | undefined {
  switch (info.kind) {
    case 'create-index':
      return info.concurrently ? 'CREATE INDEX CONCURRENTLY' : undefined;
    case 'drop-index':
      return info.concurrently ? 'DROP INDEX CONCURRENTLY' : undefined;
    case 'reindex':
      return info.concurrently ? 'REINDEX CONCURRENTLY' : info.target === 'database' || info.target === 'system' ? 'REINDEX DATABASE' : undefined;
    case 'vacuum':
      return info.vacuum ? 'VACUUM' : undefined;
    case 'alter-table':
      return info.actions.some((a) => a.type === 'other' && a.subtype === 'AT_DetachPartition' && a.concurrently) ? 'DETACH PARTITION CONCURRENTLY' : undefined;
    case 'alter-enum':
      return info.addValue && pgVersion < 12 ? 'ALTER TYPE ... ADD VALUE (before PostgreSQL 12)' : undefined;
    case 'other':
      return info.tag === 'CreatedbStmt' ? 'CREATE DATABASE' : info.tag === 'DropdbStmt' ? 'DROP DATABASE' : info.tag === 'AlterSystemStmt' ? 'ALTER SYSTEM' : undefined;
  }
  return undefined;
}

/** Whether the statement uses CONCURRENTLY (the statements this project's rules move out of transactions). */
export function isConcurrent(info: StatementInfo): boolean {
  switch (info.kind) {
    case 'create-index':
    case 'drop-index':
    case 'reindex':
      return info.concurrently;
    case 'refresh':
      return info.concurrently;
    case 'alter-table':
      return info.actions.some((a) => a.type === 'other' && a.subtype === 'AT_DetachPartition' && !!a.concurrently);
  }
  return false;
}

