/**
 * Fixes as intents: what should change in the schema, not how to write it. Each front end renders an
 * intent as the smallest text edit in its own language (prisma/render.ts, sql/render.ts), so a
 * design rule states its fix once for both.
 */
import type { Column, ForeignKey, Table } from '../model/schema';
import type { SourceRef } from '../model/text';

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
    }
  /** Replace a span of text verbatim (an empty span inserts): for fixes that are already language-specific. */
  | { kind: 'replace'; at: SourceRef; newText: string }
  /** Several verbatim replacements that form one fix (they must not overlap). */
  | { kind: 'edits'; edits: { at: SourceRef; newText: string }[] };

export interface FixProposal {
  title: string;
  intent: FixIntent;
  safe: boolean;
  preferred?: boolean;
}
