/**
 * Fix intents as TypeScript edits in the schema's own style: an `index('posts_author_id_idx').on(t.authorId)`
 * added to the table's extra-config callback (the callback created when there is none, `index` added to the
 * core import), `{ withTimezone: true }` on a timestamp builder, another builder for a type change
 * (`varchar(...)` -> `text(...)`, imported), `onDelete` in the options of `.references()`, an identity for a
 * serial builder.
 */
import type { TextEdit } from '../../model/findings';
import type { Span } from '../../model/text';
import { findColumn } from '../../model/schema';
import type { FixIntent } from '../../model/intents';
import { childNodes, parseSource, property, spanOf, stringValue, unwrap, type t } from '../parse';
import type { BuiltTable, DrizzleModel } from './build';

const DRIZZLE_ACTION: Record<string, string> = { cascade: 'cascade', 'set null': 'set null', 'set default': 'set default', restrict: 'restrict', 'no action': 'no action' };

export function renderDrizzleFix(intent: FixIntent, model: DrizzleModel): TextEdit[] | undefined {
  if (intent.kind === 'replace') return [{ uri: intent.at.uri, span: intent.at.span, newText: intent.newText }];
  if (intent.kind === 'edits') return intent.edits.map((e) => ({ uri: e.at.uri, span: e.at.span, newText: e.newText }));
  if (!('table' in intent)) return undefined;
  const b = model.tables.find((x) => x.table === intent.table);
  if (!b) return undefined;
  switch (intent.kind) {
    case 'addIndex':
      return addIndex(b, intent.columns, model);
    case 'widenIndex':
      return widenIndex(b, intent.index.source?.span, intent.columns);
    case 'changeColumnType':
      if (intent.sql === 'timestamptz') return withTimezone(b, intent.column.name);
      return intent.lengthCheck === undefined ? swapBuilder(b, intent.column.name, intent.sql, intent.keepParams) : undefined;
    case 'setOnDelete':
      return setOnDelete(b, intent.fk.source.span.start, DRIZZLE_ACTION[intent.action]);
    case 'useIdentity':
      return identity(b, intent.column.name, intent.type);
    case 'changeDefault':
      return intent.sql === undefined ? undefined : changeDefault(b, intent.column.name, intent.sql);
    default:
      return undefined;
  }
}

function lineIndent(text: string, offset: number): string {
  const start = text.lastIndexOf('\n', offset - 1) + 1;
  return /^[ \t]*/.exec(text.slice(start))![0];
}

/** The indentation unit the file uses (a tab, or the first indentation of spaces). */
function indentUnit(text: string): string {
  const m = /\n([ \t]+)\S/.exec(text);
  return m ? (m[1].startsWith('\t') ? '\t' : m[1]) : '  ';
}

function indexName(b: BuiltTable, columns: string[]): string {
  const taken = new Set(b.table.indexes.map((i) => i.name?.toLowerCase()));
  const base = `${b.table.name}_${columns.join('_')}_idx`;
  let name = base;
  for (let i = 1; taken.has(name.toLowerCase()); i++) name = `${base}${i}`;
  return name;
}

function addIndex(b: BuiltTable, columns: string[], model: DrizzleModel): TextEdit[] | undefined {
  const { file, drizzle: d, uri } = b;
  const text = file.text;
  const q = file.quote;
  const props = columns.map((c) => propertyName(b, c));
  if (props.some((p) => p === undefined)) return undefined;
  const param = d.extra?.param ?? 't';
  const call = `index(${q}${indexName(b, columns)}${q}).on(${props.map((p) => `${param}.${p}`).join(', ')})`;
  const edits: TextEdit[] = [];
  const unit = indentUnit(text);
  const base = lineIndent(text, d.statement.start);
  if (d.extra) {
    const c = d.extra.container;
    if (!c) return undefined;
    const items = c.type === 'ArrayExpression' ? c.elements.filter((e): e is NonNullable<typeof e> => !!e) : c.properties;
    const entry = c.type === 'ArrayExpression' ? call : `${uniqueKey(c, props.join('_') + 'Idx')}: ${call}`;
    const last = items[items.length - 1];
    if (last) {
      const indent = lineIndent(text, last.start ?? 0);
      const multiline = text.slice(c.start ?? 0, last.start ?? 0).includes('\n');
      const after = text.slice(last.end ?? 0, (c.end ?? 0) - 1);
      const comma = /^\s*,/.test(after);
      const at = comma ? (last.end ?? 0) + after.indexOf(',') + 1 : (last.end ?? 0);
      edits.push({ uri, span: { start: at, end: at }, newText: (comma ? '' : ',') + (multiline ? `\n${indent}` : ' ') + entry + (comma && multiline ? ',' : '') });
    } else {
      const open = (c.start ?? 0) + 1;
      edits.push({ uri, span: { start: open, end: open }, newText: `\n${base}${unit}${unit}${entry},\n${base}${unit}` });
    }
  } else {
    const cols = d.columnsObject;
    const end = cols.end ?? 0;
    edits.push({ uri, span: { start: end, end }, newText: `, (${param}) => [\n${base}${unit}${call},\n${base}]` });
  }
  const imp = importName(b, 'index');
  if (imp === null) return undefined;
  if (imp) edits.push(imp);
  void model;
  return edits;
}

/** The property that holds a column in the table's columns object (what `t.<prop>` names), when it is a plain name. */
function propertyName(b: BuiltTable, column: string): string | undefined {
  const col = findColumn(b.table, column);
  const prop = col ? (col.fieldName ?? col.name) : undefined;
  return prop && /^[A-Za-z_$][\w$]*$/.test(prop) ? prop : undefined;
}

/** `index('x').on(t.a)` -> `.on(t.a, t.b)`: the key's other columns after the index's own. */
function widenIndex(b: BuiltTable, at: Span | undefined, columns: string[]): TextEdit[] | undefined {
  const extra = b.drizzle.extra;
  const entry = at && extra?.entries.find((e) => e.span.start === at.start && e.span.end === at.end);
  const on = entry?.chain.find((l) => l.name === 'on');
  const last = on?.args[on.args.length - 1];
  const props = columns.map((c) => propertyName(b, c));
  if (!last || !extra?.param || columns.length === 0 || props.some((p) => p === undefined)) return undefined;
  const end = last.end ?? 0;
  return [{ uri: b.uri, span: { start: end, end }, newText: props.map((p) => `, ${extra.param}.${p}`).join('') }];
}

function uniqueKey(obj: t.ObjectExpression, wanted: string): string {
  let key = wanted;
  for (let i = 1; property(obj, key); i++) key = `${wanted}${i}`;
  return key;
}

/**
 * A database default as an SQL expression: `.defaultRandom()` becomes `.default(sql`uuidv7()`)`, a written
 * `.default(...)` gets the new expression; `sql` is imported from `drizzle-orm`.
 */
function changeDefault(b: BuiltTable, columnName: string, expression: string): TextEdit[] | undefined {
  const c = [...b.columns.values()].find((x) => x.column.name === columnName)?.drizzle;
  const link = c?.chain.find((l) => l.name === 'defaultRandom' || l.name === 'default');
  const callee = link && unwrap(link.call.callee);
  if (!link || callee?.type !== 'MemberExpression' || /[`\\$]/.test(expression)) return undefined;
  let tag = [...b.file.imports].find(([, v]) => v.source === 'drizzle-orm' && v.imported === 'sql')?.[0];
  const edits: TextEdit[] = [];
  if (!tag) {
    if (b.file.imports.has('sql')) return undefined;
    const orm = parseSource(b.file.path, b.file.text)?.program.body.find((st): st is t.ImportDeclaration => st.type === 'ImportDeclaration' && st.source.value === 'drizzle-orm' && st.importKind !== 'type');
    const imp = orm ? importName(b, 'sql', orm) : undefined;
    if (imp === null) return undefined;
    if (imp) edits.push(imp);
    else {
      const core = b.file.coreImport;
      if (!core) return undefined;
      const q = b.file.quote;
      const semi = b.file.text[(core.end ?? 1) - 1] === ';' ? ';' : '';
      edits.push({ uri: b.uri, span: { start: core.end ?? 0, end: core.end ?? 0 }, newText: `\nimport { sql } from ${q}drizzle-orm${q}${semi}` });
    }
    tag = 'sql';
  }
  const value = `${tag}\`${expression}\``;
  if (link.name === 'default' && link.args[0]) return [{ uri: b.uri, span: spanOf(link.args[0]), newText: value }, ...edits];
  return [{ uri: b.uri, span: { start: callee.property.start ?? 0, end: link.call.end ?? 0 }, newText: `default(${value})` }, ...edits];
}

/**
 * Adds `name` to an import (the core one unless `decl` says which) when the file does not import it; null when
 * there is no such import to add it to.
 */
function importName(b: BuiltTable, name: string, decl?: t.ImportDeclaration): TextEdit | undefined | null {
  const imp = decl ?? b.file.coreImport;
  if (!imp) return null;
  const names = imp.specifiers.filter((s): s is t.ImportSpecifier => s.type === 'ImportSpecifier');
  if (names.some((s) => (s.imported.type === 'Identifier' ? s.imported.name : s.imported.value) === name && s.local.name === name)) return undefined;
  if (b.file.imports.has(name)) return null;
  const last = names[names.length - 1];
  if (!last) return null;
  const text = b.file.text;
  const multiline = text.slice(imp.start ?? 0, last.start ?? 0).includes('\n');
  const after = text.slice(last.end ?? 0, imp.source.start ?? 0);
  const comma = /^\s*,/.test(after);
  const at = comma ? (last.end ?? 0) + after.indexOf(',') + 1 : (last.end ?? 0);
  const indent = lineIndent(text, last.start ?? 0);
  return { uri: b.uri, span: { start: at, end: at }, newText: (comma ? '' : ',') + (multiline ? `\n${indent}${name}` : ` ${name}`) + (comma && multiline ? ',' : '') };
}

/** PostgreSQL builders a type change can turn a column into, and the options each needs. */
const PG_BUILDERS: Record<string, { builder: string; options?: string }> = {
  text: { builder: 'text' },
  jsonb: { builder: 'jsonb' },
  int8: { builder: 'bigint', options: 'mode: "number"' },
  integer: { builder: 'integer' },
  smallint: { builder: 'smallint' },
  bigint: { builder: 'bigint', options: 'mode: "number"' },
  uuid: { builder: 'uuid' },
  numeric: { builder: 'numeric' },
};

/** `varchar("title", { length: 20 })` -> `text("title")`: the builder swapped, its name argument kept, the builder imported. */
function swapBuilder(b: BuiltTable, columnName: string, sql: string, keepParams: boolean): TextEdit[] | undefined {
  // `numeric(12,2)`: Drizzle spells the digits as the builder's options.
  const sized = /^(?:numeric|decimal)\((\d+),(\d+)\)$/.exec(sql);
  const target = sized && !keepParams ? { builder: 'numeric', options: `precision: ${sized[1]}, scale: ${sized[2]}` } : PG_BUILDERS[sql];
  const c = [...b.columns.values()].find((x) => x.column.name === columnName)?.drizzle;
  if (!target || !c || b.drizzle.core !== 'pg' || c.builder === target.builder) return undefined;
  const call = c.chain[0].call;
  const callee = unwrap(call.callee);
  const id = callee.type === 'Identifier' ? callee : callee.type === 'MemberExpression' && callee.property.type === 'Identifier' ? callee.property : undefined;
  if (!id) return undefined;
  const text = b.file.text;
  const q = b.file.quote;
  const nameArg = call.arguments[0] && stringValue(call.arguments[0]) !== undefined ? text.slice(call.arguments[0].start ?? 0, call.arguments[0].end ?? 0) : undefined;
  const kept = keepParams && c.options ? text.slice(c.options.start ?? 0, c.options.end ?? 0) : undefined;
  const options = kept ?? (target.options ? `{ ${target.options.replace(/"/g, q)} }` : undefined);
  const args = [nameArg, options].filter((x) => x !== undefined).join(', ');
  const open = text.indexOf('(', callee.end ?? 0);
  const edits: TextEdit[] = [
    { uri: b.uri, span: spanOf(id), newText: target.builder },
    { uri: b.uri, span: { start: open + 1, end: (call.end ?? 1) - 1 }, newText: args },
  ];
  if (callee.type === 'Identifier') {
    const imp = importName(b, target.builder);
    if (imp === null) return undefined;
    if (imp) edits.push(imp);
    const unused = unimport(b, callee.name);
    if (unused) edits.push(unused);
  }
  return edits;
}

/**
 * Removes `name` from the core import when the call being replaced is its only use (a builder swapped for
 * another would otherwise stay imported and unused).
 */
function unimport(b: BuiltTable, name: string): TextEdit | undefined {
  const imp = b.file.coreImport;
  const parsed = parseSource(b.file.path, b.file.text);
  if (!imp || !parsed) return undefined;
  let uses = 0;
  const visit = (node: t.Node): void => {
    if (node.type === 'ImportDeclaration') return;
    if (node.type === 'Identifier' && node.name === name) uses++;
    for (const child of childNodes(node)) {
      // A property name is not a use of the binding: `x.varchar`, `{ varchar: 1 }`.
      if (node.type === 'MemberExpression' && !node.computed && child === node.property) continue;
      if (node.type === 'ObjectProperty' && !node.computed && !node.shorthand && child === node.key) continue;
      visit(child);
    }
  };
  visit(parsed.program);
  if (uses !== 1) return undefined;
  const specs = imp.specifiers;
  const i = specs.findIndex((sp) => sp.local.name === name);
  if (i < 0 || specs.length < 2) return undefined;
  const span = i + 1 < specs.length ? { start: specs[i].start ?? 0, end: specs[i + 1].start ?? 0 } : { start: specs[i - 1].end ?? 0, end: specs[i].end ?? 0 };
  return { uri: b.uri, span, newText: '' };
}

/** `serial("id")` -> `integer("id").generatedByDefaultAsIdentity()` (`bigserial` keeps its `{ mode }` as `bigint`). */
function identity(b: BuiltTable, columnName: string, type: string): TextEdit[] | undefined {
  const c = [...b.columns.values()].find((x) => x.column.name === columnName)?.drizzle;
  const swapped = c && swapBuilder(b, columnName, type, true);
  if (!c || !swapped) return undefined;
  const end = c.chain[0].call.end ?? 0;
  return [...swapped, { uri: b.uri, span: { start: end, end }, newText: '.generatedByDefaultAsIdentity()' }];
}

function withTimezone(b: BuiltTable, columnName: string): TextEdit[] | undefined {
  const c = [...b.columns.values()].find((x) => x.column.name === columnName)?.drizzle;
  if (!c || c.builder !== 'timestamp' && c.builder !== 'time') return undefined;
  const call = c.chain[0].call;
  const uri = b.uri;
  if (c.options) {
    const existing = property(c.options, 'withTimezone');
    if (existing) return [{ uri, span: spanOf(existing.value), newText: 'true' }];
    const open = (c.options.start ?? 0) + 1;
    const empty = c.options.properties.length === 0;
    return [{ uri, span: { start: open, end: open }, newText: empty ? ' withTimezone: true ' : ' withTimezone: true,' }];
  }
  const args = call.arguments;
  const at = args.length ? (args[args.length - 1].end ?? 0) : (call.end ?? 1) - 1;
  return [{ uri, span: { start: at, end: at }, newText: `${args.length ? ', ' : ''}{ withTimezone: true }` }];
}

function setOnDelete(b: BuiltTable, sourceStart: number, action: string | undefined): TextEdit[] | undefined {
  if (!action) return undefined;
  const q = b.file.quote;
  for (const { drizzle: c } of b.columns.values()) {
    const link = c.chain.find((l) => l.name === 'references');
    if (!link) continue;
    const callee = link.call.callee;
    if (callee.type !== 'MemberExpression' || callee.property.start !== sourceStart) continue;
    const opts = link.args[1] && unwrap(link.args[1]);
    if (opts?.type === 'ObjectExpression') {
      const existing = property(opts, 'onDelete');
      if (existing) return [{ uri: b.uri, span: spanOf(existing.value), newText: `${q}${action}${q}` }];
      const open = (opts.start ?? 0) + 1;
      return [{ uri: b.uri, span: { start: open, end: open }, newText: ` onDelete: ${q}${action}${q}${opts.properties.length ? ',' : ' '}` }];
    }
    const first = link.args[0];
    if (!first) return undefined;
    const at = first.end ?? 0;
    return [{ uri: b.uri, span: { start: at, end: at }, newText: `, { onDelete: ${q}${action}${q} }` }];
  }
  // `foreignKey({...})` in the callback: `.onDelete('cascade')` after it.
  const entry = b.drizzle.extra?.entries.find((e) => e.span.start === sourceStart || (e.chain[0].call.start ?? -1) === sourceStart);
  if (!entry || entry.chain[0].name !== 'foreignKey') return undefined;
  const last = entry.chain[entry.chain.length - 1].call;
  const existing = entry.chain.find((l) => l.name === 'onDelete');
  if (existing?.args[0]) return [{ uri: b.uri, span: spanOf(existing.args[0]), newText: `${q}${action}${q}` }];
  return [{ uri: b.uri, span: { start: last.end ?? 0, end: last.end ?? 0 }, newText: `.onDelete(${q}${action}${q})` }];
}
