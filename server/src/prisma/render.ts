/**
 * Fix intents rendered as Prisma text edits. Each edit touches only the text it must: a new
 * `@@index` line, one `@db.X(...)` attribute, one type name. The user's alignment, comments and line
 * endings stay as they were, so `prisma format` output stays formatted.
 */
import type { SourceText } from '../model/frontend';
import type { TextEdit } from '../model/findings';
import type { Table } from '../model/schema';
import type { FixIntent } from '../model/intents';
import { lineEndAt, lineStartAt } from '../model/text';
import { providerDialect } from './build';
import { findField, findModel, firstAttributePadding, indentOf, removal, retype, scanned } from './edit';
import { renderDesignFix } from './render-design';
import { nativeAttribute, type ScannedFile } from './syntax';
import { prismaTypeFor, scalarOfNative, SCALARS } from './types';

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
    const at = lineStartAt(file.text, block.attributes[0].span.start);
    return [{ uri: file.uri, span: { start: at, end: at }, newText: `${line}${file.eol}` }];
  }
  const members = keys.length ? keys.map((a) => a.span) : block.fields.map((f) => f.span);
  const lastEnd = members.reduce((max, s) => Math.max(max, s.end), block.bodySpan.start);
  // After that member's line, its trailing comment included.
  const at = lineEndAt(file.text, lastEnd);
  // Fields and block attributes are kept apart by a blank line, as `prisma format` does.
  const gap = keys.length === 0 && block.fields.length > 0 ? file.eol : '';
  return [{ uri: file.uri, span: { start: at, end: at }, newText: `${file.eol}${gap}${line}` }];
}

function sqlParams(sql: string): string | undefined {
  const m = /\(([^)]*)\)\s*$/.exec(sql);
  return m ? m[1].split(',').map((p) => p.trim()).join(', ') : undefined;
}

function sqlBase(sql: string): string {
  return sql.replace(/\(.*$/, '').trim();
}

function renderChangeType(
  scans: readonly ScannedFile[],
  intent: Extract<FixIntent, { kind: 'changeColumnType' }>,
): TextEdit[] | undefined {
  const found = findModel(scans, intent.table);
  const field = found && findField(found.block, intent.column);
  // A length kept as a CHECK constraint cannot be written in Prisma.
  if (!found || !field || intent.lengthCheck !== undefined) return undefined;
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

  const { edits, padding } = retype(file, found.block, field, scalar);

  if (native === undefined) {
    if (existing) {
      const cut = removal(file, existing.span);
      // The gap before the attribute goes with it.
      const kept = edits.filter((e) => e.span.end <= cut.span.start || e.span.start >= cut.span.end);
      edits.length = 0;
      edits.push(...kept, cut);
    }
  } else {
    let params = '';
    if (intent.keepParams) {
      if (existing?.argsSpan && existing.args?.length) params = file.text.slice(existing.argsSpan.start, existing.argsSpan.end);
      else if (intent.column.type.params.length) params = `(${intent.column.type.params.join(', ')})`;
    } else if (intent.prismaArgs) {
      if (intent.prismaArgs.length) params = `(${intent.prismaArgs.join(', ')})`;
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
      const pad = scalar !== field.type ? padding : firstAttributePadding(file, found.block, field);
      edits.push({ uri: file.uri, span: { start: at, end: at }, newText: `${' '.repeat(pad)}${attr}` });
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
      return renderDesignFix(intent, scans);
  }
}
