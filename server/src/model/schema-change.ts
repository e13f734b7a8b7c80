/**
 * What a DDL statement does to the schema, in model pieces: both SQL readers (PostgreSQL's AST reader in
 * `sql/` and the SQLite/MySQL token reader in `sql/lite/`) turn a statement into a list of these, and
 * `applyChange` (model/apply.ts) is the one place that changes a `Schema`. Readers only read: whatever
 * depends on the schema as the history leaves it (does the table exist, the name PostgreSQL gives an
 * unnamed key, the parent's primary key a bare `REFERENCES parent` means) is settled when applying.
 */
import type { CheckConstraint, Column, ColumnType, DefaultValue, EnumType, ForeignKey, Index, Table } from './schema';
import type { SourceRef } from './text';

/** A table a statement names: its lookup key, and what a table made up from this statement would look like. */
export interface TableName {
  /** `Table.key`. */
  key: string;
  name: string;
  schema?: string;
  /** The name as written. */
  source: SourceRef;
  /** The whole statement. */
  declaration: SourceRef;
}

/** How the engine names what the statement leaves unnamed; settled against the schema when applying. */
export type ImplicitName =
  /** PostgreSQL: `t_pkey`, `t_a_b_key`, `t_a_idx` (numbered when taken), `t_a_fkey`. */
  | { style: 'postgresql'; label: 'pkey' | 'key' | 'idx' | 'fkey'; parts: string[] }
  /** PostgreSQL and SQLite checks: `t_col_check`, after the first column the check names. */
  | { style: 'check'; column?: string }
  /** MySQL foreign keys: `t_ibfk_<n>`, numbered after the table's others. */
  | { style: 'mysql-fk' };

/** A key, index, foreign key or check a statement declares on a table. */
export type Declared =
  | {
      kind: 'index';
      index: Index;
      implicit?: ImplicitName;
      /** A key or index of the same name already there wins (CREATE INDEX, MySQL keys). */
      unlessNamed?: boolean;
      /** A new primary key replaces the old one (SQLite/MySQL restating it). */
      replacesPrimary?: boolean;
    }
  /** `ADD CONSTRAINT name PRIMARY KEY|UNIQUE USING INDEX idx`: an existing index becomes the key. */
  | { kind: 'using-index'; index: string; as: 'primary' | 'unique'; name?: string; source: SourceRef }
  /** An empty `refColumns` means the referenced table's primary key. */
  | { kind: 'foreign'; fk: ForeignKey; implicit?: ImplicitName }
  | {
      kind: 'check';
      check: CheckConstraint;
      implicit?: ImplicitName;
      /** The columns are candidate words from the expression: keep those the table has. */
      columnsFromTable?: boolean;
    };

/** One column of a CREATE TABLE, or the columns a `LIKE other` clause copies, in the order written. */
export type TablePart = { column: Column } | { like: string };

export type SchemaChange =
  | {
      op: 'create-table';
      table: TableName;
      kind: Table['kind'];
      /** CREATE OR REPLACE (views): replaces a relation of the same kind. */
      replace?: boolean;
      /** A statement the parser rejected: the table exists, what it holds is unknown. */
      unread?: boolean;
      /** Keys of INHERITS / PARTITION OF parents, whose columns come first. */
      parents?: string[];
      /** PARTITION OF: the parent's indexes and foreign keys come along too. */
      partition?: boolean;
      parts: TablePart[];
      declared: Declared[];
    }
  /** A table the statement changes: a partial stand-in is made up when the history does not have it. */
  | { op: 'ensure-table'; table: TableName }
  | { op: 'drop-table'; key: string }
  /** RENAME TO and SET SCHEMA: `name` undefined keeps the table's name. */
  | { op: 'rename-table'; key: string; schema?: string; name?: string }
  | {
      op: 'add-column';
      table: string;
      column: Column;
      declared: Declared[];
      /** MySQL MODIFY / CHANGE: the column is restated (added when absent); ADD skips an existing one. */
      restate?: boolean;
    }
  | { op: 'drop-column'; table: string; column: string }
  | { op: 'rename-column'; table: string; from: string; to: string }
  | {
      op: 'alter-column';
      table: string;
      column: string;
      type?: ColumnType;
      /** A partial table without the column gets this one (all that `ALTER COLUMN ... TYPE` tells). */
      ifAbsent?: Column;
      nullable?: boolean;
      /** `null`: DROP DEFAULT. */
      default?: DefaultValue | null;
      identity?: 'add' | 'drop';
    }
  | { op: 'declare'; table: string; declared: Declared }
  | { op: 'drop-primary'; table: string }
  /** DROP CONSTRAINT / DROP INDEX: on `table`, or the first table of `namespace` that has it (`'*'`: any). */
  | { op: 'drop-named'; table?: string; namespace?: string; name: string }
  | { op: 'rename-named'; table?: string; namespace?: string; from: string; to: string }
  | { op: 'validate-check'; table: string; name: string }
  | { op: 'row-security'; table: string; enabled?: boolean; forced?: boolean }
  | { op: 'create-enum'; key: string; enum: EnumType }
  | { op: 'drop-enum'; key: string }
  | { op: 'alter-enum'; key: string; rename?: { from: string; to: string }; add?: { value: string; neighbor?: string; after: boolean } }
  /** COMMENT ON TABLE / COLUMN; `text` undefined removes it. */
  | { op: 'comment'; table: string; column?: string; text?: string }
  | { op: 'create-policy'; table: string; name: string; source: SourceRef }
  | { op: 'drop-policy'; table: string; name: string }
  | { op: 'rename-policy'; table: string; from: string; to: string };
