/**
 * The contract between the engine and the front ends (server/src/prisma, server/src/sql, server/src/ts).
 * A front end turns source text into the shared model, reports the problems its parser or engine
 * finds, lists comments (for suppression), and renders fix intents as text edits in its language.
 */
import type { FixIntent } from './intents';
import type { Severity, TextEdit } from './findings';
import type { Schema } from './schema';
import type { Span } from './text';

export interface SourceText {
  uri: string;
  text: string;
}

/** A finding that comes from a parser or engine rather than from a rule (`syntax-error`, `prisma-validation`). */
export interface Problem {
  rule: 'syntax-error' | 'prisma-validation';
  /** Prisma's own warnings are warnings; everything else defaults to the rule's severity. */
  severity?: Severity;
  message: string;
  uri: string;
  span: Span;
}

export interface Comment {
  uri: string;
  /** The whole comment, markers included. */
  span: Span;
  /** The comment's text without its markers (`--`, `//`, `/* *\/`), trimmed. */
  body: string;
}

export interface FrontEndResult {
  language: 'prisma' | 'sql' | 'typescript';
  schema: Schema;
  /** Every file that fed the schema (one for a SQL file; all files of a Prisma schema folder). */
  files: SourceText[];
  problems: Problem[];
  comments: Comment[];
  /** Design rules about what this source cannot declare (row-level security in TypeORM entities): not run on it. */
  cannotDeclare?: ReadonlySet<string>;
  /** Renders a fix intent as minimal edits, or undefined when this front end cannot express it. */
  render(intent: FixIntent): TextEdit[] | undefined;
  /**
   * Language-specific hover content (Markdown) at an offset of one of the files: what an attribute
   * or type becomes in the database, the lock a statement takes. The engine adds it to the rule and
   * table hovers it computes itself, with links to the documentation of the `rules` the hover names.
   */
  hover?(uri: string, offset: number): { markdown: string; span: Span; rules?: string[] } | undefined;
  /**
   * The line-comment marker valid at an offset of the analysed file, where its language has two (SQL inside
   * a TypeScript migration's strings takes `--`, the TypeScript around it `//`).
   */
  lineCommentAt?(offset: number): '--' | '//';
  /**
   * Where a span of the analysed text is in the source as written, when they differ: the SQL of a TS/JS
   * migration reads `\"` as a quote, so a quoted name begins and ends inside an escape.
   */
  sourceSpan?(span: Span): Span;
  /**
   * A reading that went ahead of an answer still being worked out elsewhere (Prisma's lint on its thread,
   * while a field is renamed): waits for it and says whether the reading stands; `problems` is complete
   * only after. When it does not stand, the file is read again.
   */
  settle?(): boolean;
  /**
   * For a place that several tables share (a base class's column is in every entity that extends it): one
   * sentence saying so. A rule then reports there once, not once per table, with this sentence added.
   */
  sharedAt?(uri: string, span: Span): string | undefined;
}
