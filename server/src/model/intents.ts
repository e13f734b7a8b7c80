/**
 * Fixes as intents: what should change in the schema, not how to write it. Each front end renders an
 * intent as the smallest text edit in its own language (prisma/render.ts, sql/render.ts), so a
 * design rule states its fix once for both.
 */
import type { Column, ForeignKey, Index, ReferentialAction, Table } from './schema';
import type { SourceRef } from './text';

export type FixIntent =
  /** Index the FK columns (Prisma `@@index`, SQL `CREATE INDEX` after the statement that adds the FK). */
  | { kind: 'addIndex'; table: Table; columns: string[]; fk?: ForeignKey; concurrently?: boolean }
  /**
   * Change a column's type. `sql` is the new SQL type name (modifiers kept when `keepParams`);
   * `prismaNative` the `@db.` attribute name, or null to drop the native type attribute.
   */
  | {
      kind: 'changeColumnType';
      table: Table;
      column: Column;
      sql: string;
      prismaNative?: string | null;
      keepParams: boolean;
      /** Arguments of the new `@db.` attribute as written (`["36"]`, `["max"]`); otherwise taken from `sql`. */
      prismaArgs?: string[];
      /** Keep a maximum length as `CHECK (char_length(col) <= n)` beside the new type (SQL only). */
      lengthCheck?: number;
      /**
       * Columns that change with it, each to its own type: the foreign keys referencing a widened key, which
       * would otherwise no longer match it (SQL only: if one of them cannot be changed, the SQL fix is not offered).
       */
      also?: { table: Table; column: Column; sql: string }[];
    }
  /**
   * Remove an index, unique constraint or key (Prisma `@@index` line or `@unique` attribute; SQL
   * `CREATE INDEX` statement or a constraint inside `CREATE TABLE`).
   */
  | { kind: 'dropIndex'; table: Table; index: Index }
  /** Rewrite an index's column list in a new order (`columns`: the same columns, reordered). */
  | { kind: 'reorderIndex'; table: Table; index: Index; columns: string[] }
  /**
   * Append `columns` to an existing index's column list (an index on (a) widened to (a, b) for a foreign
   * key on (a, b), instead of a second index that would make it redundant).
   */
  | { kind: 'widenIndex'; table: Table; index: Index; columns: string[] }
  /**
   * Restrict an index to the rows where `column` is null (`when: 'null'`) or false (`'false'`): SQL
   * `WHERE deleted_at IS NULL`, Prisma `where: { deletedAt: null }` (preview feature `partialIndexes`).
   */
  | { kind: 'makeIndexPartial'; table: Table; index: Index; column: Column; when: 'null' | 'false' }
  /** Say what deleting the referenced row does (Prisma `onDelete:`, SQL `ON DELETE`). */
  | { kind: 'setOnDelete'; table: Table; fk: ForeignKey; action: ReferentialAction }
  /**
   * Add bookkeeping timestamp columns. Each front end picks the type and default its database
   * needs (timestamptz on PostgreSQL, `@updatedAt` in Prisma...).
   */
  | { kind: 'addTimestamps'; table: Table; columns: NewTimestamp[] }
  /**
   * Replace a column's default. `prisma` is the new `@default(...)` argument, `sql` the new SQL
   * expression; a front end without its own text renders nothing.
   */
  | { kind: 'changeDefault'; table: Table; column: Column; prisma?: string; sql?: string }
  /** Turn on (and force) row level security with a tenant-isolation policy skeleton on `column`. */
  | { kind: 'enableRls'; table: Table; column: Column; setting: string }
  /** Replace a span of text verbatim (an empty span inserts): for fixes that are already language-specific. */
  | { kind: 'replace'; at: SourceRef; newText: string }
  /** Several verbatim replacements that form one fix (they must not overlap). */
  | { kind: 'edits'; edits: { at: SourceRef; newText: string }[] };

export interface NewTimestamp {
  /** Database column name. */
  name: string;
  /** Prisma field name, when it differs from the column name (written with `@map`). */
  fieldName?: string;
  /** `created`: set once on insert; `updated`: set on every update. */
  role: 'created' | 'updated';
}

export interface FixProposal {
  title: string;
  intent: FixIntent;
  /** More intents of the same fix (the same change on each column of a table): offered only when all render. */
  also?: FixIntent[];
  safe: boolean;
  preferred?: boolean;
}
