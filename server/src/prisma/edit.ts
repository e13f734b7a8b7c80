/**
 * What every Prisma fix renderer needs: finding the model, field and attribute an intent names in
 * the scanned files, lines and indentation around a position, and the alignment `prisma format`
 * gives a run of fields, so that an edit leaves a formatted file formatted.
 */
import type { SourceText } from '../model/frontend';
import type { TextEdit } from '../model/findings';
import type { Column, Table } from '../model/schema';
import { lineEndAt, lineStartAt, splitLines, type Span } from '../model/text';
import { scanPrisma } from './scan';
import { entryStrings, type Attribute, type Block, type Field, type ScannedFile } from './syntax';

export function scanned(files: readonly (SourceText | ScannedFile)[]): ScannedFile[] {
  return files.map((f) => ('blocks' in f ? f : scanPrisma(f.uri, f.text)));
}

export function findModel(scans: readonly ScannedFile[], table: Table): { file: ScannedFile; block: Block } | undefined {
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

export function findField(block: Block, column: Column): Field | undefined {
  return (
    block.fields.find((f) => f.nameSpan.start === column.source.span.start) ??
    block.fields.find((f) => f.name === (column.fieldName ?? column.name))
  );
}

/** The whitespace before `pos` on its line. */
export function indentOf(text: string, pos: number): string {
  return text.slice(lineStartAt(text, pos), pos);
}

/**
 * Removes an attribute with the blank run before it (`String @db.VarChar(255)` -> `String`, a
 * trailing comment moving up to where `prisma format` puts it), or the run after it when another
 * attribute follows, so that one keeps its column.
 */
export function removal(file: ScannedFile, span: { start: number; end: number }): TextEdit {
  const blank = (c: string | undefined) => c === ' ' || c === '\t';
  let end = span.end;
  while (blank(file.text[end])) end++;
  if (end > span.end && file.text[end] === '@') return { uri: file.uri, span: { start: span.start, end }, newText: '' };
  let start = span.start;
  while (start > 0 && blank(file.text[start - 1])) start--;
  return { uri: file.uri, span: { start, end: span.end }, newText: '' };
}

/**
 * The fields `prisma format` aligns with `field`: its neighbours up to the nearest blank line
 * (comment lines do not break the run).
 */
export function alignedWith(file: ScannedFile, block: Block, field: Field): Field[] {
  const fields = [...block.fields].sort((a, b) => a.span.start - b.span.start);
  const i = fields.indexOf(field);
  const adjacent = (a: Field, b: Field) => {
    const between = file.text.slice(lineEndAt(file.text, a.span.end), lineStartAt(file.text, b.nameSpan.start));
    return splitLines(between).slice(1, -1).every((line) => line.trim() !== '');
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
export function firstAttributePadding(file: ScannedFile, block: Block, field: Field): number {
  const group = alignedWith(file, block, field);
  const column = (pos: number) => pos - lineStartAt(file.text, pos);
  const typeColumn = column(field.typeSpan.start);
  if (group.some((f) => column(f.typeSpan.start) !== typeColumn)) return 1;
  const widest = Math.max(...group.map((f) => column(f.typeSpan.end)));
  return Math.max(1, widest + 1 - column(field.typeSpan.end));
}


/** The block or field attribute written at `span` (an `Index.source` or `ForeignKey.source`). */
export function attributeAt(file: ScannedFile, block: Block, span: Span): { attribute: Attribute; field?: Field } | undefined {
  const attribute = block.attributes.find((a) => a.span.start === span.start);
  if (attribute) return { attribute };
  for (const field of block.fields) {
    const a = field.attributes.find((x) => x.span.start === span.start);
    if (a) return { attribute: a, field };
  }
  return undefined;
}

/** The preview features any generator block enables. */
export function previewFeatures(scans: readonly ScannedFile[]): Set<string> {
  const out = new Set<string>();
  for (const s of scans) for (const b of s.blocks) if (b.kind === 'generator') for (const f of entryStrings(b, 'previewFeatures')) out.add(f);
  return out;
}

export function insertion(uri: string, at: number, newText: string): TextEdit {
  return { uri, span: { start: at, end: at }, newText };
}

function column(file: ScannedFile, pos: number): number {
  return pos - lineStartAt(file.text, pos);
}

/**
 * Changes a field's type name, keeping the run as `prisma format` would lay it out: when the run is
 * formatted and the new type is wider than the widest one, every attribute column of the run moves
 * with it. Returns the edits and the padding the field's first attribute needs (for a caller that
 * adds one to a field that has none).
 */
export function retype(file: ScannedFile, block: Block, field: Field, newTypeName: string): { edits: TextEdit[]; padding: number } {
  const edits: TextEdit[] = [];
  const delta = newTypeName.length - (field.typeNameSpan.end - field.typeNameSpan.start);
  if (delta !== 0 || file.text.slice(field.typeNameSpan.start, field.typeNameSpan.end) !== newTypeName) {
    edits.push({ uri: file.uri, span: { ...field.typeNameSpan }, newText: newTypeName });
  }
  const run = alignedWith(file, block, field);
  const typeCol = column(file, field.typeSpan.start);
  const oldAttrCol = Math.max(...run.map((f) => column(file, f.typeSpan.end))) + 1;
  const formatted =
    run.every((f) => column(file, f.typeSpan.start) === typeCol) &&
    run.every((f) => f.attributes.length === 0 || column(file, f.attributes[0].span.start) === oldAttrCol);
  const newEnd = column(file, field.typeSpan.end) + delta;
  const gapAfter = (f: Field) => {
    let end = f.typeSpan.end;
    while (file.text[end] === ' ' || file.text[end] === '\t') end++;
    return { start: f.typeSpan.end, end };
  };
  if (!formatted) {
    // Keep the field's own attribute column where the padding allows it.
    const gap = gapAfter(field);
    const width = gap.end - gap.start;
    if (field.attributes.length && delta !== 0 && width - delta >= 1) edits.push({ uri: file.uri, span: gap, newText: ' '.repeat(width - delta) });
    return { edits, padding: 1 };
  }
  const others = run.filter((f) => f !== field).map((f) => column(file, f.typeSpan.end));
  const newAttrCol = Math.max(newEnd, ...others) + 1;
  for (const f of run) {
    if (f === field || f.attributes.length === 0 || newAttrCol === oldAttrCol) continue;
    edits.push({ uri: file.uri, span: gapAfter(f), newText: ' '.repeat(newAttrCol - column(file, f.typeSpan.end)) });
  }
  if (field.attributes.length) {
    const gap = gapAfter(field);
    const want = newAttrCol - newEnd;
    if (gap.end - gap.start !== want) edits.push({ uri: file.uri, span: gap, newText: ' '.repeat(want) });
  }
  return { edits, padding: newAttrCol - newEnd };
}

/** The files with the edits that concern each applied (edits must not overlap). */
export function applyToFiles(files: readonly SourceText[], edits: readonly TextEdit[]): SourceText[] {
  return files.map((f) => {
    let text = f.text;
    for (const e of edits.filter((x) => x.uri === f.uri).sort((a, b) => b.span.start - a.span.start)) {
      text = text.slice(0, e.span.start) + e.newText + text.slice(e.span.end);
    }
    return { uri: f.uri, text };
  });
}
