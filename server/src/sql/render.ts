/**
 * Fix intents as SQL text edits: the smallest change that does what the intent says, in the file's
 * own line endings and case, with PostgreSQL's naming for new indexes.
 */
import type { SourceText } from '../model/frontend';
import type { TextEdit } from '../model/findings';
import type { Column, Dialect, Schema, Table } from '../model/schema';
import type { FixIntent } from '../model/intents';
import { lineBreak, lineEndAt } from '../model/text';
import { quoteIdent } from '../model/identifiers';
import { chooseRelationName, quoteTable, relationNameTaken } from './names';
import { renderDesignSql, tokensOf } from './render-design';

export function renderSqlFix(intent: FixIntent, files: readonly SourceText[], schema?: Schema): TextEdit[] | undefined {
  switch (intent.kind) {
    case 'replace':
      return [{ uri: intent.at.uri, span: { ...intent.at.span }, newText: intent.newText }];
    case 'edits':
      return intent.edits.map((e) => ({ uri: e.at.uri, span: { ...e.at.span }, newText: e.newText }));
    case 'changeColumnType': {
      const dialect = schema?.dialect ?? 'postgresql';
      const edits = [changeColumnType(intent.column, intent.sql, intent.keepParams, intent.lengthCheck, files, dialect)];
      for (const a of intent.also ?? []) edits.push(changeColumnType(a.column, a.sql, false, undefined, files, dialect));
      if (edits.some((e) => !e)) return undefined;
      // A partition's column is declared by its parent's: one edit serves both.
      const seen = new Set<string>();
      return edits.flat().filter((e) => {
        const key = `${e!.uri} ${e!.span.start} ${e!.span.end}`;
        return !seen.has(key) && seen.add(key);
      }) as TextEdit[];
    }
    case 'addIndex':
      return addIndex(intent.table, intent.columns, files, schema, intent.fk?.declaration ?? intent.table.declaration, !!intent.concurrently);
    default:
      return renderDesignSql(intent, files, schema, (file, end) => insertionPoint(file.text, end));
  }
}

/**
 * Where a statement that follows the one ending at `end` goes: right after it, or at the end of the line
 * when only a comment follows there (`...; -- note`, Drizzle's `;--> statement-breakpoint`).
 */
function insertionPoint(text: string, end: number): number {
  let i = end;
  while (i < text.length && (text[i] === ' ' || text[i] === '\t')) i++;
  const lineEnd = lineEndAt(text, i);
  return lineEnd === i || text.startsWith('--', i) ? lineEnd : end;
}

/** `CREATE INDEX [CONCURRENTLY] <a free name> ON <table> (<columns>);` */
export function indexStatement(table: Table, columns: string[], schema: Schema | undefined, concurrently: boolean): string {
  const name = chooseRelationName(table.name, columns.join('_'), 'idx', relationNameTaken(schema, table));
  const dialect = schema?.dialect ?? 'postgresql';
  return (
    `CREATE INDEX ${concurrently ? 'CONCURRENTLY ' : ''}${quoteIdent(name, dialect)} ` +
    `ON ${quoteTable(table, dialect)} (${columns.map((c) => quoteIdent(c, dialect)).join(', ')});`
  );
}

function addIndex(
  table: Table,
  columns: string[],
  files: readonly SourceText[],
  schema: Schema | undefined,
  after: { uri: string; span: { start: number; end: number } },
  concurrently: boolean,
): TextEdit[] | undefined {
  const file = files.find((f) => f.uri === after.uri);
  if (!file || columns.length === 0) return undefined;
  const text = file.text;
  const end = Math.min(after.span.end, text.length);
  const statement = indexStatement(table, columns, schema, concurrently);
  // A last statement written without its `;` gets one, or the new statement would run into it.
  const close = text[end - 1] === ';' ? '' : ';';
  const at = close ? end : insertionPoint(text, end);
  // drizzle-kit's migrator runs the text between two breakpoints as one statement: the new one gets its own.
  const breakpoint = BREAKPOINT.test(text.slice(end, at)) && text.slice(at).trim() !== '' ? '--> statement-breakpoint' : '';
  return [{ uri: file.uri, span: { start: at, end: at }, newText: `${close}${lineBreak(text)}${statement}${breakpoint}` }];
}

const BREAKPOINT = /^\s*--> statement-breakpoint\s*$/;

/** The written type's modifiers (`(3)`) and array part (`[]`, ` ARRAY`), as written. */
function typeParts(written: string): { mods?: string; array?: string } {
  const tokens = tokensOf(written);
  const parts: { mods?: string; array?: string } = {};
  const arrayAt = tokens.findIndex((t) => t.text === '[' || t.text.toLowerCase() === 'array');
  const open = tokens.findIndex((t) => t.text === '(');
  if (open >= 0 && (arrayAt < 0 || open < arrayAt)) {
    const close = tokens.findIndex((t, k) => k > open && t.text === ')');
    if (close > open) parts.mods = written.slice(tokens[open].start, tokens[close].end);
  }
  if (arrayAt >= 0) {
    const sep = tokens[arrayAt].text === '[' ? '' : ' ';
    parts.array = sep + written.slice(tokens[arrayAt].start).trimEnd();
  }
  return parts;
}

/**
 * Is the column's declaration a column definition (`name type ...` in CREATE TABLE or ADD COLUMN),
 * where a column constraint may follow the type? `ALTER COLUMN name TYPE ...` is not one.
 */
function isColumnDefinition(column: Column, files: readonly SourceText[]): boolean {
  const file = files.find((f) => f.uri === column.declaration.uri);
  const type = column.type.source;
  if (!file || !type || type.span.start < column.source.span.end) return false;
  return file.text.slice(column.source.span.end, type.span.start).trim() === '';
}

function changeColumnType(column: Column, sql: string, keepParams: boolean, lengthCheck: number | undefined, files: readonly SourceText[], dialect: Dialect): TextEdit[] | undefined {
  const source = column.type.source;
  if (!source) return undefined;
  const written = column.type.written;
  const parts = typeParts(written);
  let newText = sql;
  if (keepParams && parts.mods) newText += parts.mods;
  else if (keepParams && column.type.params.length && !parts.mods) newText += `(${column.type.params.join(', ')})`;
  if (parts.array) newText += parts.array;
  else if (column.type.array) newText += '[]';
  if (lengthCheck !== undefined) {
    // The limit moves into a constraint, which only a column definition can carry.
    if (column.type.array || !isColumnDefinition(column, files)) return undefined;
    const file = files.find((f) => f.uri === column.declaration.uri)!;
    // Keywords in the case the definition uses (`not null` or `NOT NULL`); upper case when it has none.
    const lower = /\b(not null|default|references|primary key|unique|check)\b/.test(file.text.slice(column.declaration.span.start, column.declaration.span.end));
    newText += ` ${lower ? 'check' : 'CHECK'} (char_length(${quoteIdent(column.name, dialect)}) <= ${lengthCheck})`;
  }
  return [{ uri: source.uri, span: { ...source.span }, newText }];
}
