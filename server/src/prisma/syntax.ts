/**
 * What the scanner reads: the Prisma syntax tree, as written, with UTF-16 spans on every node, and
 * the small queries the rest of the front end asks of it.
 */
import type { Span } from '../model/text';

export type BlockKind = 'datasource' | 'generator' | 'model' | 'view' | 'enum' | 'type';

export interface Expr {
  kind: 'string' | 'number' | 'ident' | 'call' | 'array' | 'other';
  /** The expression exactly as written. */
  text: string;
  span: Span;
  /** string: the unescaped content; ident and call: the (possibly dotted) name. */
  value?: string;
  /** call: its arguments. */
  args?: Argument[];
  /** array: its items. */
  items?: Expr[];
}

export interface Argument {
  /** Named arguments (`map: "x"`); positional ones have none. */
  name?: string;
  nameSpan?: Span;
  value: Expr;
  /** From the name (or the value when positional) to the end of the value. */
  span: Span;
}

export interface Attribute {
  /** Without the `@`/`@@` markers: `id`, `default`, `db.Timestamptz`, `index`. */
  name: string;
  /** `@@index` (a block attribute) rather than `@unique` (a field attribute). */
  block: boolean;
  /** From the first `@` to the closing parenthesis (or the end of the name when there are no arguments). */
  span: Span;
  nameSpan: Span;
  /** Undefined when the attribute has no parentheses. */
  args?: Argument[];
  /** The parenthesised argument list, parentheses included. */
  argsSpan?: Span;
  /** False when the argument list was still open at the end of the line (a half-typed attribute). */
  closed: boolean;
}

export interface ScanComment {
  /** The whole comment, markers included. */
  span: Span;
  /** Without the `//` or `///` marker, trimmed. */
  body: string;
  /** A `///` documentation comment (Prisma attaches those to the next model, field or value). */
  doc: boolean;
}

export interface Field {
  name: string;
  nameSpan: Span;
  /** The base type name (`String`, `User`, `Unsupported`); empty while the type is still being typed. */
  type: string;
  /** The whole type token, modifiers included (`DateTime?`, `Unsupported("tsvector")[]`). */
  typeSpan: Span;
  /** The base type name alone. */
  typeNameSpan: Span;
  /** `Unsupported("tsvector")`: the arguments of the type. */
  typeArgs?: Argument[];
  optional: boolean;
  list: boolean;
  attributes: Attribute[];
  /** From the name to the end of the last token, trailing comment excluded. */
  span: Span;
  trailingComment?: ScanComment;
  /** `///` lines right above the field. */
  doc?: string;
}

export interface EnumValue {
  name: string;
  nameSpan: Span;
  attributes: Attribute[];
  span: Span;
  doc?: string;
}

export interface ConfigEntry {
  key: string;
  keySpan: Span;
  value?: Expr;
  span: Span;
}

export interface Block {
  kind: BlockKind;
  keywordSpan: Span;
  name: string;
  nameSpan: Span;
  /** From the keyword to the closing brace (or to the end of the last member when unclosed). */
  span: Span;
  /** Between the braces. */
  bodySpan: Span;
  /** The `}`; undefined when the block was never closed. */
  closeSpan?: Span;
  fields: Field[];
  values: EnumValue[];
  entries: ConfigEntry[];
  /** `@@index(...)` and friends, in source order. */
  attributes: Attribute[];
  doc?: string;
}

export interface ScannedFile {
  uri: string;
  text: string;
  blocks: Block[];
  comments: ScanComment[];
  /** The file's line ending, for text that fixes insert. */
  eol: '\n' | '\r\n';
  bom: boolean;
}

/** The argument called `name`, or else the positional argument at `position`. */
export function argument(attr: { args?: Argument[] } | undefined, name: string, position?: number): Argument | undefined {
  const args = attr?.args;
  if (!args) return undefined;
  const named = args.find((a) => a.name === name);
  if (named || position === undefined) return named;
  return args.filter((a) => a.name === undefined)[position];
}

/** The names in a field list (`[a, b(sort: Desc)]`), as written. */
export function fieldList(e: Expr | undefined): string[] {
  if (!e) return [];
  const items = e.kind === 'array' ? e.items ?? [] : [e];
  return items.filter((i) => i.kind === 'ident' || i.kind === 'call').map((i) => i.value ?? i.text);
}

/** The first attribute called `name` (`id`, `db.VarChar`; block attributes with `block`). */
export function findAttribute(attrs: readonly Attribute[], name: string): Attribute | undefined {
  return attrs.find((a) => a.name === name);
}

/** The `@db.X(...)` attribute of a field, if any. */
export function nativeAttribute(field: Field): Attribute | undefined {
  return field.attributes.find((a) => a.name.startsWith('db.'));
}

/** The value of a datasource or generator entry as a string (`provider = "postgresql"`). */
export function entryString(block: Block | undefined, key: string): string | undefined {
  const v = block?.entries.find((e) => e.key === key)?.value;
  return v?.kind === 'string' ? v.value : undefined;
}

/** The string items of an array entry (`previewFeatures = ["views"]`). */
export function entryStrings(block: Block | undefined, key: string): string[] {
  const v = block?.entries.find((e) => e.key === key)?.value;
  if (v?.kind !== 'array') return [];
  return (v.items ?? []).filter((i) => i.kind === 'string').map((i) => i.value ?? '');
}
