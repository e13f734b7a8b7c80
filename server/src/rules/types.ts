/**
 * What a rule is: metadata (which drives docs, settings schema and the CLI's `rules` list) and a
 * check over the shared model. A rule never sees LSP types or raw parser output.
 */
import type { SeveritySetting } from '../model/findings';
import type { FileFacts, SqlStatement } from '../model/migration-file';
import type { Dialect, Schema, Table } from '../model/schema';
import type { SourceRef } from '../model/text';
import type { FixProposal } from '../model/intents';

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
  /**
   * Left in place, it costs in production (table scans, locks that stop writes, a migration that fails or
   * half-applies, rows lost or rewritten), unlike a convention or a cost paid later: the report lists it
   * before other findings of the same severity.
   */
  hurtsProduction?: boolean;
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
  /**
   * Other rules whose settings decide which fixes this one offers (a fix that would bring out their
   * finding is not offered); `optionsOf` reads them.
   */
  consults?: string[];
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
  /** The options of a rule named in `meta.consults`, or undefined when that rule is off. */
  optionsOf(ruleId: string): Record<string, unknown> | undefined;
  report(r: Report): void;
}

/** A design rule's context for one table (`checkTable`): the schema's other tables are not its business. */
export type TableContext = Omit<DesignContext, 'schema'>;

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
  /**
   * Design rules whose reports on a table read that table only (not other tables, not the schema's enums): run
   * once per table of the schema, in order, any kind (views too). A table an edit did not reach is the same
   * object in the next state of the schema, so its reports are kept rather than worked out again.
   */
  checkTable?(ctx: TableContext, table: Table): void;
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
