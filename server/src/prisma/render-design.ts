/**
 * The design rules' fix intents as Prisma edits: removing an index or a `@unique`, reordering or widening
 * an index's fields, a partial-index `where:`, an `onDelete:` action, timestamp fields, a new default.
 * Like render.ts, each edit touches only what it must and leaves a formatted file formatted.
 */
import type { TextEdit } from '../model/findings';
import type { Dialect, ReferentialAction, Table } from '../model/schema';
import type { FixIntent, NewTimestamp } from '../model/intents';
import { lineEndAt, lineStartAt, pastLineBreak } from '../model/text';
import { providerDialect } from './build';
import { attributeAt, findField, findModel, insertion, previewFeatures, removal } from './edit';
import { argument, type ScannedFile } from './syntax';

const ACTIONS: Record<ReferentialAction, string> = {
  cascade: 'Cascade',
  'set null': 'SetNull',
  restrict: 'Restrict',
  'no action': 'NoAction',
  'set default': 'SetDefault',
};

function fieldName(table: Table, column: string): string {
  const col = table.columns.find((c) => c.name === column) ?? table.columns.find((c) => c.name.toLowerCase() === column.toLowerCase());
  return col?.fieldName ?? col?.name ?? column;
}

function isBlank(text: string, start: number, end: number): boolean {
  return text.slice(start, end).trim() === '';
}

/** Start of the line after the one holding `pos` (or the end of the text). */
function nextLineStart(text: string, pos: number): number {
  return pastLineBreak(text, lineEndAt(text, pos));
}

function dropIndex(scans: readonly ScannedFile[], intent: Extract<FixIntent, { kind: 'dropIndex' }>): TextEdit[] | undefined {
  const src = intent.index.source;
  const found = findModel(scans, intent.table);
  if (!src || !found || found.file.uri !== src.uri) return undefined;
  const { file, block } = found;
  const at = attributeAt(file, block, src.span);
  if (!at) return undefined;
  if (at.field) return [removal(file, at.attribute.span)];
  const text = file.text;
  const start = lineStartAt(text, at.attribute.span.start);
  const end = nextLineStart(text, at.attribute.span.end);
  // Another attribute on the same line stays: remove only this one.
  const others = block.attributes.filter((a) => a !== at.attribute && a.span.start >= start && a.span.start < end);
  if (others.length || !isBlank(text, start, at.attribute.span.start)) return [removal(file, at.attribute.span)];
  // A blank line left between the fields and the closing brace (or doubled) is one `prisma format` removes.
  let from = start;
  if (start > 0) {
    const prevStart = lineStartAt(text, start - 1);
    const nextContent = text.slice(end, lineEndAt(text, end)).trim();
    if (isBlank(text, prevStart, start) && (nextContent === '}' || nextContent === '')) from = prevStart;
  }
  return [{ uri: file.uri, span: { start: from, end }, newText: '' }];
}

function reorderIndex(scans: readonly ScannedFile[], intent: Extract<FixIntent, { kind: 'reorderIndex' }>): TextEdit[] | undefined {
  const src = intent.index.source;
  const found = findModel(scans, intent.table);
  if (!src || !found) return undefined;
  const at = attributeAt(found.file, found.block, src.span);
  const list = at && !at.field ? argument(at.attribute, 'fields', 0)?.value : undefined;
  if (!list || list.kind !== 'array' || !list.items) return undefined;
  const items = list.items.map((item) => ({ name: item.value ?? item.text, text: item.text }));
  const ordered = intent.columns.map((c) => items.find((i) => i.name === fieldName(intent.table, c)));
  if (ordered.some((x) => !x) || ordered.length !== items.length) return undefined;
  return [{ uri: found.file.uri, span: { ...list.span }, newText: `[${ordered.map((x) => x!.text).join(', ')}]` }];
}

/** `@@index([a])` -> `@@index([a, b])`: the new fields after the last one, the rest of the attribute as written. */
function widenIndex(scans: readonly ScannedFile[], intent: Extract<FixIntent, { kind: 'widenIndex' }>): TextEdit[] | undefined {
  const src = intent.index.source;
  const found = findModel(scans, intent.table);
  if (!src || !found || intent.columns.length === 0) return undefined;
  const at = attributeAt(found.file, found.block, src.span);
  const list = at && !at.field ? argument(at.attribute, 'fields', 0)?.value : undefined;
  const last = list?.kind === 'array' ? list.items?.[list.items.length - 1] : undefined;
  if (!last) return undefined;
  return [insertion(found.file.uri, last.span.end, intent.columns.map((c) => `, ${fieldName(intent.table, c)}`).join(''))];
}

function makeIndexPartial(scans: readonly ScannedFile[], intent: Extract<FixIntent, { kind: 'makeIndexPartial' }>): TextEdit[] | undefined {
  // Partial indexes in Prisma need the preview feature; without it the edit would not validate.
  if (!previewFeatures(scans).has('partialIndexes')) return undefined;
  const src = intent.index.source;
  const found = findModel(scans, intent.table);
  if (!src || !found) return undefined;
  const at = attributeAt(found.file, found.block, src.span);
  if (!at || argument(at.attribute, 'where')) return undefined;
  const where = `where: { ${intent.column.fieldName ?? intent.column.name}: ${intent.when === 'null' ? 'null' : 'false'} }`;
  const { attribute } = at;
  if (!attribute.argsSpan) return [insertion(found.file.uri, attribute.span.end, `(${where})`)];
  if (!attribute.closed) return undefined;
  const close = attribute.argsSpan.end - 1;
  const sep = attribute.args && attribute.args.length ? ', ' : '';
  return [insertion(found.file.uri, close, `${sep}${where}`)];
}

function setOnDelete(scans: readonly ScannedFile[], intent: Extract<FixIntent, { kind: 'setOnDelete' }>): TextEdit[] | undefined {
  const found = findModel(scans, intent.table);
  if (!found) return undefined;
  const at = attributeAt(found.file, found.block, intent.fk.source.span);
  const attr = at?.attribute;
  if (!attr || attr.name !== 'relation' || !attr.argsSpan || !attr.closed || argument(attr, 'onDelete')) return undefined;
  const last = attr.args?.[attr.args.length - 1];
  const text = `onDelete: ${ACTIONS[intent.action]}`;
  return [last ? insertion(found.file.uri, last.span.end, `, ${text}`) : insertion(found.file.uri, attr.argsSpan.end - 1, text)];
}

function nativeTimestamp(dialect: Dialect): string {
  return dialect === 'postgresql' || dialect === 'cockroachdb' ? ' @db.Timestamptz(3)' : '';
}

function timestampLine(ts: NewTimestamp, dialect: Dialect): { name: string; type: string; attrs: string } {
  const name = ts.fieldName ?? ts.name;
  const map = ts.fieldName && ts.fieldName !== ts.name ? ` @map("${ts.name}")` : '';
  // `@default(now())` on both: a required column needs a value for the rows a table already has.
  const attrs = `@default(now())${ts.role === 'updated' ? ' @updatedAt' : ''}${map}${nativeTimestamp(dialect)}`;
  return { name, type: 'DateTime', attrs };
}

function addTimestamps(scans: readonly ScannedFile[], intent: Extract<FixIntent, { kind: 'addTimestamps' }>): TextEdit[] | undefined {
  const found = findModel(scans, intent.table);
  if (!found || !found.block.closeSpan || intent.columns.length === 0) return undefined;
  const { file, block } = found;
  const dialect = providerDialect(scans).dialect;
  if (dialect === 'mongodb') return undefined;
  const lines = intent.columns.map((c) => timestampLine(c, dialect));
  if (lines.some((l) => block.fields.some((f) => f.name === l.name))) return undefined;
  const fields = [...block.fields].sort((a, b) => a.span.start - b.span.start);
  const last = fields[fields.length - 1];
  const indent = last ? file.text.slice(lineStartAt(file.text, last.nameSpan.start), last.nameSpan.start) : '  ';
  const nameWidth = Math.max(...lines.map((l) => l.name.length));
  const render = (l: { name: string; type: string; attrs: string }) => `${indent}${l.name.padEnd(nameWidth)} ${l.type} ${l.attrs}`;
  // The new fields form a run of their own (after a blank line), so no existing line has to move.
  const body = lines.map(render).join(file.eol);
  if (!last) return [insertion(file.uri, block.bodySpan.start, `${file.eol}${body}${file.eol}`)];
  const at = lineEndAt(file.text, last.span.end);
  return [insertion(file.uri, at, `${file.eol}${file.eol}${body}`)];
}

function changeDefault(scans: readonly ScannedFile[], intent: Extract<FixIntent, { kind: 'changeDefault' }>): TextEdit[] | undefined {
  if (intent.prisma === undefined) return undefined;
  const found = findModel(scans, intent.table);
  const field = found && findField(found.block, intent.column);
  const attr = field?.attributes.find((a) => a.name === 'default');
  const value = argument(attr, 'value', 0);
  if (!found || !value) return undefined;
  return [{ uri: found.file.uri, span: { ...value.value.span }, newText: intent.prisma }];
}

/** The design intents (the ones renderPrismaFix does not render itself). */
type DesignIntent = Exclude<FixIntent, { kind: 'replace' | 'edits' | 'changeColumnType' | 'addIndex' }>;

export function renderDesignFix(intent: DesignIntent, scans: readonly ScannedFile[]): TextEdit[] | undefined {
  switch (intent.kind) {
    case 'dropIndex':
      return dropIndex(scans, intent);
    case 'reorderIndex':
      return reorderIndex(scans, intent);
    case 'widenIndex':
      return widenIndex(scans, intent);
    case 'makeIndexPartial':
      return makeIndexPartial(scans, intent);
    case 'setOnDelete':
      return setOnDelete(scans, intent);
    case 'addTimestamps':
      return addTimestamps(scans, intent);
    case 'changeDefault':
      return changeDefault(scans, intent);
    case 'enableRls':
      // Row level security has no Prisma form.
      return undefined;
    case 'useIdentity':
      // Prisma writes autoincrement(): its own business.
      return undefined;
    default: {
      // A new intent must be rendered here (or in renderPrismaFix): this fails to compile until it is.
      const unrendered: never = intent;
      return unrendered;
    }
  }
}
