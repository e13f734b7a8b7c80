/**
 * Fix intents rendered as Prisma text edits. Each edit touches only the text it must: a new
 * `@@index` line, one `@db.X(...)` attribute, one type name. The user's alignment, comments and line
 * endings stay as they were, so `prisma format` output stays formatted.
 */
import type { SourceText } from '../model/frontend';
import type { TextEdit } from '../model/findings';
import type { Column, Table } from '../model/schema';
import type { FixIntent } from '../rules/intents';
import { providerDialect } from './build';
import { scanPrisma } from './scan';
import { nativeAttribute, type Block, type Field, type ScannedFile } from './syntax';
import { prismaTypeFor, scalarOfNative, SCALARS } from './types';

function scanned(files: readonly (SourceText | ScannedFile)[]): ScannedFile[] {
  return files.map((f) => ('blocks' in f ? f : scanPrisma(f.uri, f.text)));
}

function findModel(scans: readonly ScannedFile[], table: Table): { file: ScannedFile; block: Block } | undefined {
  const decl = table.declaration;
  for (const file of scans) {
    if (file.uri !== decl.uri) continue;
    const block = file.blocks.find((b) => b.keywordSpan.start === decl.span.start && (b.kind === 'model' || b.kind === 'view'));
    if (block) return { file, block };
  }
  const name = table.modelName ?? table.name;
  for (const file of scans) {
    const block = file.blocks.find((b) => (b.kind === 'model' || b.kind === 'view') && b.name === name);
    if (block) return { file, block };
  }
  return undefined;
}

function findField(block: Block, column: Column): Field | undefined {
  return (
    block.fields.find((f) => f.nameSpan.start === column.source.span.start) ??
    block.fields.find((f) => f.name === (column.fieldName ?? column.name))
  );
}

function lineStartOf(text: string, pos: number): number {
  let i = pos;
  while (i > 0 && text[i - 1] !== '\n' && text[i - 1] !== '\r') i--;
  return i;
}

function lineEndOf(text: string, pos: number): number {
  let i = pos;
  while (i < text.length && text[i] !== '\n' && text[i] !== '\r') i++;
  return i;
}

/** The whitespace before `pos` on its line. */
function indentOf(text: string, pos: number): string {
  return text.slice(lineStartOf(text, pos), pos);
}

const KEY_ATTRIBUTES = new Set(['id', 'unique', 'index']);

function renderAddIndex(scans: readonly ScannedFile[], table: Table, columns: readonly string[]): TextEdit[] | undefined {
  const found = findModel(scans, table);
  if (!found || !found.block.closeSpan) return undefined;
  const { file, block } = found;
  // The user writes field names in @@index; the intent speaks database column names.
  const names = columns.map((c) => {
    const col = table.columns.find((x) => x.name === c) ?? table.columns.find((x) => x.name.toLowerCase() === c.toLowerCase());
    const fieldName = col?.fieldName ?? col?.name ?? c;
    return block.fields.some((f) => f.name === fieldName) ? fieldName : c;
  });
  const first = block.attributes[0]?.span.start ?? block.fields[0]?.nameSpan.start;
  const indent = first !== undefined ? indentOf(file.text, first) : '  ';
  const line = `${indent}@@index([${names.join(', ')}])`;
  // `prisma format` orders block attributes @@id, @@unique, @@index, then the rest (@@map, @@schema...):
  // the new line goes after the last key attribute, else before the first other one.
  const keys = block.attributes.filter((a) => KEY_ATTRIBUTES.has(a.name));
  if (keys.length === 0 && block.attributes.length > 0) {
    const at = lineStartOf(file.text, block.attributes[0].span.start);
    return [{ uri: file.uri, span: { start: at, end: at }, newText: `${line}${file.eol}` }];
  }
  const members = keys.length ? keys.map((a) => a.span) : block.fields.map((f) => f.span);
  const lastEnd = members.reduce((max, s) => Math.max(max, s.end), block.bodySpan.start);
  // After that member's line, its trailing comment included.
  const at = lineEndOf(file.text, lastEnd);
  // Fields and block attributes are kept apart by a blank line, as `prisma format` does.
  const gap = keys.length === 0 && block.fields.length > 0 ? file.eol : '';
  return [{ uri: file.uri, span: { start: at, end: at }, newText: `${file.eol}${gap}${line}` }];
}

/**
 * Removes an attribute with the blank run before it (`String @db.VarChar(255)` -> `String`, a
 * trailing comment moving up to where `prisma format` puts it), or the run after it when another
 * attribute follows, so that one keeps its column.
 */
function removal(file: ScannedFile, span: { start: number; end: number }): TextEdit {
  const blank = (c: string | undefined) => c === ' ' || c === '\t';
  let end = span.end;
  while (blank(file.text[end])) end++;
  if (end > span.end && file.text[end] === '@') return { uri: file.uri, span: { start: span.start, end }, newText: '' };
  let start = span.start;
  while (start > 0 && blank(file.text[start - 1])) start--;
  return { uri: file.uri, span: { start, end: span.end }, newText: '' };
}

function sqlParams(sql: string): string | undefined {
  const m = /\(([^)]*)\)\s*$/.exec(sql);
  return m ? m[1].split(',').map((p) => p.trim()).join(', ') : undefined;
}

function sqlBase(sql: string): string {
  return sql.replace(/\(.*$/, '').trim();
}

/**
 * The fields `prisma format` aligns with `field`: its neighbours up to the nearest blank line
 * (comment lines do not break the run).
 */
function alignedWith(file: ScannedFile, block: Block, field: Field): Field[] {
  const fields = [...block.fields].sort((a, b) => a.span.start - b.span.start);
  const i = fields.indexOf(field);
  const adjacent = (a: Field, b: Field) => {
    const between = file.text.slice(lineEndOf(file.text, a.span.end), lineStartOf(file.text, b.nameSpan.start));
    return between.split(/\r\n|\r|\n/).slice(1, -1).every((line) => line.trim() !== '');
  };
  let lo = i;
  while (lo > 0 && adjacent(fields[lo - 1], fields[lo])) lo--;
  let hi = i;
  while (hi < fields.length - 1 && adjacent(fields[hi], fields[hi + 1])) hi++;
  return fields.slice(lo, hi + 1);
}

/**
 * Spaces before a field's first attribute: where `prisma format` puts the attribute column (one
 * past the widest type of the aligned run) when the run is formatted, a single space otherwise.
 */
function firstAttributePadding(file: ScannedFile, block: Block, field: Field): number {
  const group = alignedWith(file, block, field);
  const column = (pos: number) => pos - lineStartOf(file.text, pos);
  const typeColumn = column(field.typeSpan.start);
  if (group.some((f) => column(f.typeSpan.start) !== typeColumn)) return 1;
  const widest = Math.max(...group.map((f) => column(f.typeSpan.end)));
  return Math.max(1, widest + 1 - column(field.typeSpan.end));
}

function renderChangeType(
  scans: readonly ScannedFile[],
  intent: Extract<FixIntent, { kind: 'changeColumnType' }>,
): TextEdit[] | undefined {
  const found = findModel(scans, intent.table);
  const field = found && findField(found.block, intent.column);
  if (!found || !field) return undefined;
  const { file } = found;
  const existing = nativeAttribute(field);
  const dialect = providerDialect(scans).dialect;

  // What to write: a native type name (or none), and the scalar it needs.
  let native: string | undefined;
  let scalar = field.type;
  if (intent.prismaNative === null) {
    native = undefined;
  } else if (intent.prismaNative) {
    native = intent.prismaNative;
    scalar = scalarOfNative(native) ?? field.type;
  } else {
    const params = sqlParams(intent.sql)?.split(',').map(Number);
    const target = prismaTypeFor(dialect, sqlBase(intent.sql), params);
    if (!target) return undefined;
    native = target.native;
    scalar = target.scalar;
  }
  if (!SCALARS.has(field.type)) return undefined; // enums, relations, Unsupported: no type to change

  const edits: TextEdit[] = [];
  if (scalar !== field.type) {
    edits.push({ uri: file.uri, span: field.typeNameSpan, newText: scalar });
    // Keep the attribute column where it was when the padding after the type allows it.
    const delta = scalar.length - field.type.length;
    const wsStart = field.typeSpan.end;
    let wsEnd = wsStart;
    while (file.text[wsEnd] === ' ') wsEnd++;
    const followed = field.attributes.length > 0 && wsEnd < lineEndOf(file.text, wsStart);
    if (followed && delta !== 0 && wsEnd - wsStart - delta >= 1) {
      edits.push({ uri: file.uri, span: { start: wsStart, end: wsEnd }, newText: ' '.repeat(wsEnd - wsStart - delta) });
    }
  }

  if (native === undefined) {
    if (existing) edits.push(removal(file, existing.span));
  } else {
    let params = '';
    if (intent.keepParams) {
      if (existing?.argsSpan && existing.args?.length) params = file.text.slice(existing.argsSpan.start, existing.argsSpan.end);
      else if (intent.column.type.params.length) params = `(${intent.column.type.params.join(', ')})`;
    } else {
      const p = sqlParams(intent.sql);
      if (p) params = `(${p})`;
    }
    const attr = `@db.${native}${params}`;
    if (existing) {
      edits.push({ uri: file.uri, span: existing.span, newText: attr });
    } else if (field.attributes.length) {
      const at = field.attributes[field.attributes.length - 1].span.end;
      edits.push({ uri: file.uri, span: { start: at, end: at }, newText: ` ${attr}` });
    } else {
      const at = field.typeSpan.end;
      edits.push({ uri: file.uri, span: { start: at, end: at }, newText: `${' '.repeat(firstAttributePadding(file, found.block, field))}${attr}` });
    }
  }
  return edits.length ? edits : undefined;
}

/**
 * Renders a fix intent as Prisma edits over the schema's files (scanned or plain), or undefined when
 * the intent cannot be written in Prisma or its target is not found.
 */
export function renderPrismaFix(intent: FixIntent, files: readonly (SourceText | ScannedFile)[]): TextEdit[] | undefined {
  const scans = scanned(files);
  switch (intent.kind) {
    case 'addIndex':
      return intent.columns.length ? renderAddIndex(scans, intent.table, intent.columns) : undefined;
    case 'changeColumnType':
      return renderChangeType(scans, intent);
    case 'replace':
      return [{ uri: intent.at.uri, span: intent.at.span, newText: intent.newText }];
    case 'edits':
      return intent.edits.map((e) => ({ uri: e.at.uri, span: { ...e.at.span }, newText: e.newText }));
    default:
      return undefined;
  }
}
