/**
 * The schema report as data: what `db-design report --format json` prints, what the `dbDesign/report`
 * request carries, and what the Markdown and HTML renderers read. Plain JSON (no Maps, no offsets):
 * positions are LSP-style 0-based lines and UTF-16 characters, as everywhere else users see them.
 */
import type { Severity, SeveritySetting } from '../model/findings';
import type { Dialect, KeyKind, ReferentialAction } from '../model/schema';

export const REPORT_VERSION = 1;

export interface Position {
  line: number;
  character: number;
}

/** A place in a source file: the URI to open it, and the path to show. */
export interface Location {
  uri: string;
  /** Relative to the report's base folder, `/`-separated. */
  path: string;
  range: { start: Position; end: Position };
}

export interface ReportColumn {
  name: string;
  /** The type as written in the schema's language (Prisma `DateTime @db.Timestamptz(3)`, SQL `timestamptz(3)`). */
  type: string;
  /** The short form the diagram shows (Prisma: the native type if any, else the scalar). */
  shortType: string;
  nullable: boolean;
  default?: string;
  /** Key markers, in the order an ER diagram shows them. */
  keys: ('PK' | 'FK' | 'UK')[];
  comment?: string;
  at: Location;
}

export interface ReportIndex {
  name?: string;
  kind: KeyKind;
  columns: string[];
  method?: string;
  where?: string;
  at?: Location;
}

export interface ReportForeignKey {
  name?: string;
  columns: string[];
  /** Key of the referenced table in `tables`, or undefined when the schema does not have it. */
  refTable?: string;
  refTableName: string;
  refColumns: string[];
  onDelete?: ReferentialAction;
  /** The index, unique constraint or primary key whose leading columns are the FK's columns. */
  coveredBy?: string;
  at: Location;
}

export interface ReportTable {
  key: string;
  /** Name as the user knows it: the Prisma model name, or the (schema-qualified) table name. */
  name: string;
  /** The database table name, when it differs from `name`. */
  tableName?: string;
  kind: 'table' | 'view' | 'materialized view';
  /** Diagram group (database schema or Prisma file); empty when the schema has only one. */
  group: string;
  comment?: string;
  columns: ReportColumn[];
  indexes: ReportIndex[];
  foreignKeys: ReportForeignKey[];
  rls?: { enabled: boolean; forced: boolean };
  /** Findings located in this table's declaration. */
  findings: number;
  at: Location;
}

/** A relation drawn in the ER diagram: many (or one) child rows point at one parent row. */
export interface ReportRelation {
  child: string;
  childColumns: string[];
  parent: string;
  parentColumns: string[];
  /** one-to-one when the FK columns are themselves unique in the child. */
  cardinality: 'many-to-one' | 'one-to-one';
  /** A nullable FK column: the child row may have no parent. */
  optional: boolean;
  label: string;
}

export interface HygieneItem {
  table: string;
  column: string;
  type: string;
  at: Location;
}

export interface HygieneCheck {
  id: string;
  label: string;
  /** Why it is worth counting; one sentence. */
  why: string;
  /** The rule that flags it, for the docs link. */
  rule?: string;
  items: HygieneItem[];
}

export interface FkCoverage {
  total: number;
  covered: number;
  /** `reported`: an fk-missing-index finding of this report points at it (the severity counts include it). */
  uncovered: { table: string; columns: string[]; refTable: string; at: Location; reported: boolean }[];
  /** Why some uncovered foreign keys have no finding here, when some have none. */
  unreportedWhy?: string;
}

export interface ReportFinding {
  severity: Severity;
  message: string;
  at: Location;
}

export interface RuleFindings {
  rule: string;
  summary: string;
  /** Default severity; the items carry the configured one. */
  defaultSeverity: SeveritySetting;
  docs: string;
  items: ReportFinding[];
}

export interface ReportData {
  version: typeof REPORT_VERSION;
  title: string;
  /** What the schema was read from: a Prisma schema, TypeScript schema files (Drizzle, TypeORM entities), or SQL files replayed in order. */
  source: {
    kind: 'prisma' | 'typescript' | 'sql' | 'empty';
    dialect: Dialect;
    files: string[];
    /** Migration files among `files`: up migrations (replayed) and down migrations (not replayed). */
    migrations?: { up: number; down: number };
  };
  summary: { tables: number; views: number; columns: number; indexes: number; relations: number; enums: number };
  tables: ReportTable[];
  relations: ReportRelation[];
  enums: { name: string; values: string[]; at?: Location }[];
  fkCoverage: FkCoverage;
  hygiene: HygieneCheck[];
  findings: { counts: Record<Severity, number>; byRule: RuleFindings[] };
  /** Things the reader should know about the scope (other schemas found, files that failed). */
  notes: string[];
}
