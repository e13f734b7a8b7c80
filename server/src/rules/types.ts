/**
 * What a rule is: metadata (which drives docs, settings schema and the CLI's `rules` list) and a
 * check over the shared model. A rule never sees LSP types or raw parser output.
 */
import type { SeveritySetting } from '../model/findings';
import type { Dialect, Schema, Table } from '../model/schema';
import type { SourceRef } from '../model/text';
import type { SectionMarker, StatementInfo, StatementSyntax } from '../model/statements';
import type { FileRun, RunnerInfo } from '../workspace/runners';
import type { TxState } from '../workspace/transactions';
import type { FixProposal } from './intents';

/** Where a rule applies: `prisma` schemas, or SQL of a dialect. */
export type Target = 'prisma' | 'pg' | 'sqlite' | 'mysql';
export type Category = 'design' | 'migration' | 'query' | 'tool';

export interface RuleOption {
  type: 'boolean' | 'number' | 'string' | 'string[]';
  default: boolean | number | string | string[];
  description: string;
}

export interface RuleExample {
  language: 'prisma' | 'sql';
  /**
   * The file the example is checked as, relative to its project folder (default `schema.prisma` /
   * `migration.sql`, a migration). Query rules give a query file such as `queries/report.sql`.
   */
  file?: string;
  /** Flagged code; must produce at least one finding of this rule. */
  bad: string;
  /** The same idea done right; must produce no finding of this rule. */
  good: string;
}

export interface RuleMeta {
  id: string;
  category: Category;
  defaultSeverity: SeveritySetting;
  appliesTo: Target[];
  fixable: boolean;
  /** One line: what is wrong. */
  summary: string;
  /** Why it matters (Markdown, a short paragraph). Shown in hovers and docs. */
  why: string;
  /** What to do instead, and what the quick fix does. */
  fix: string;
  /** The design principle behind the rule, for the docs page. */
  principle?: string;
  options?: Record<string, RuleOption>;
  examples: RuleExample[];
}

export interface Report {
  message: string;
  at: SourceRef;
  fixes?: FixProposal[];
  related?: { message: string; at: SourceRef }[];
  /** What to do in this project (its runner, engine, PostgreSQL version), one sentence: the hover shows it. */
  advice?: string;
}

export interface DesignContext {
  schema: Schema;
  dialect: Dialect;
  /** Prisma schema or SQL file(s)? Rules use it for wording, never for logic they can read off the model. */
  language: 'prisma' | 'sql';
  pgVersion: number;
  options: Record<string, unknown>;
  report(r: Report): void;
}

/**
 * A file's role: a `migration` (an up migration of a migration set, or a file with up/down sections),
 * a `down` migration (not replayed), or a `script` (schema dumps, views, functions, query files).
 */
export type FileRole = 'migration' | 'down' | 'script';

/** A new migration file right after this one, for fixes that move statements out of its transaction. */
export interface NewMigrationRef {
  /** The new file, relative to the migration folder (for fix titles). */
  name: string;
  /** Edits that create the new migration holding `sql` (statements with their `;`). */
  edits(sql: string): { at: SourceRef; newText: string }[];
}

export interface FileFacts {
  uri: string;
  text: string;
  role: FileRole;
  /** The runner of the file's migration set (migrations and down files only). */
  runner?: RunnerInfo;
  /** How the runner runs the file's up section: in a transaction, as one query string, statement by statement. */
  run?: FileRun;
  /** How the runner runs the down section, for files that hold both (goose, dbmate). */
  downRun?: FileRun;
  /** Where this up migration's down migration is: another file, a section of this one, nowhere. */
  down: 'file' | 'section' | 'missing' | 'not-used';
  /** Runner section markers (`-- +goose Up`, `-- migrate:down`). */
  markers: SectionMarker[];
  /** The file's name in its migration set (`20240101_init/migration.sql`). */
  setName?: string;
  /** A migration right after this one, named as its runner expects; undefined when none would help. */
  newMigration?(suffix: string): NewMigrationRef | undefined;
  /** BEGIN statements issued inside an open transaction, and a BEGIN never closed (indexes into `statements`). */
  nestedBegins: number[];
  unclosedBegin?: number;
}

/** One statement of the file, with what the migration history says about it. */
export interface SqlStatement {
  view: StatementSyntax;
  info: StatementInfo;
  /** Position in the file's statement list. */
  index: number;
  direction: 'up' | 'down';
  tx: TxState;
  /** A table as it stood just before this statement (undefined: not known to the history). */
  before(key: string): Table | undefined;
  /** Created earlier in this same file: not an existing table, whatever the statement does to it. */
  createdInFile(key: string): boolean;
  /** An index created earlier in this same file. */
  indexCreatedInFile(name: string): boolean;
  /** The table an index named in the statement belonged to just before it (DROP INDEX). */
  indexTable(name: string): Table | undefined;
}

export interface StatementContext {
  file: FileFacts;
  statements: SqlStatement[];
  /** The schema after the whole migration history (for a script: after the script). */
  schema: Schema;
  dialect: Dialect;
  pgVersion: number;
  options: Record<string, unknown>;
  report(r: Report): void;
}

export interface Rule {
  meta: RuleMeta;
  /** Design rules: run over the schema as it ends up. */
  checkSchema?(ctx: DesignContext): void;
  /** Statement rules (SQL only): run over the statements of the file being analysed, in order. */
  checkStatements?(ctx: StatementContext): void;
}

export function defineRule(rule: Rule): Rule {
  return rule;
}

/** Does the rule apply to this language and dialect? */
export function ruleApplies(meta: RuleMeta, language: 'prisma' | 'sql', dialect: Dialect): boolean {
  if (language === 'prisma') return meta.appliesTo.includes('prisma');
  const target: Target | undefined =
    dialect === 'postgresql' || dialect === 'cockroachdb' ? 'pg' : dialect === 'sqlite' ? 'sqlite' : dialect === 'mysql' ? 'mysql' : undefined;
  return target !== undefined && meta.appliesTo.includes(target);
}
