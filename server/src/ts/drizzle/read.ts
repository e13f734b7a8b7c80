/**
 * One Drizzle schema file, read from its syntax tree: tables (`pgTable`, `sqliteTable`, `mysqlTable`,
 * `schema.table`), their columns (builder chains), the extra-config callback, enums, and the file's imports
 * and exports (for references across files). Nothing is evaluated: what is not written literally is left out.
 */
import { callChain, parseSource, property, propertyKey, spanOf, stringValue, unwrap, type ChainLink, type t } from '../parse';
import type { Span } from '../../model/text';
import { coreOf, ENUM_FUNCTIONS, SCHEMA_FUNCTIONS, TABLE_FUNCTIONS, type Core } from './types';

/** `() => users.id`: the table variable and the property named. */
export interface ColumnRef {
  table: string;
  prop: string;
  span: Span;
}

export interface DrizzleColumn {
  prop: string;
  /** Database name: the builder's name argument, else the property key. */
  name: string;
  builder: string;
  chain: ChainLink[];
  /** The property `prop: builder(...)...` */
  property: t.ObjectProperty;
  /** The name literal or the key. */
  nameSpan: Span;
  options?: t.ObjectExpression;
}

export interface ExtraEntry {
  chain: ChainLink[];
  /** The array element or object property that holds it. */
  span: Span;
}

export interface DrizzleTable {
  variable?: string;
  name: string;
  schema?: string;
  core: Core;
  call: t.CallExpression;
  nameSpan: Span;
  columnsObject: t.ObjectExpression;
  columns: DrizzleColumn[];
  /** The third argument, `(t) => [...]` or `(t) => ({...})`. */
  extra?: { fn: t.ArrowFunctionExpression | t.FunctionExpression; param?: string; container?: t.ArrayExpression | t.ObjectExpression; entries: ExtraEntry[] };
  /** The whole `export const x = pgTable(...)` statement (or the call when not in one). */
  statement: Span;
}

export interface DrizzleEnum {
  variable?: string;
  name: string;
  values: string[];
  span: Span;
}

export interface DrizzleFile {
  path: string;
  text: string;
  tables: DrizzleTable[];
  enums: DrizzleEnum[];
  /** local name -> where it comes from. */
  imports: Map<string, { source: string; imported: string }>;
  /** exported name -> local name. */
  exports: Map<string, string>;
  /** `export * from '...'` and `export { a } from '...'` sources. */
  reexports: { source: string; names?: Map<string, string> }[];
  /** The `import { ... } from 'drizzle-orm/xx-core'` declaration, for adding `index` to it. */
  coreImport?: t.ImportDeclaration;
  core?: Core;
  /** The quote the file writes strings with. */
  quote: '"' | "'";
  errors: { message: string; offset: number }[];
  /** Every module specifier the file imports or re-exports from. */
  specifiers: string[];
}

function isFunction(n: t.Node): n is t.ArrowFunctionExpression | t.FunctionExpression {
  return n.type === 'ArrowFunctionExpression' || n.type === 'FunctionExpression';
}

/** `(t) => [...]`, `(t) => ({...})`, `(t) => { return [...] }`: the array or object it returns. */
function returned(fn: t.ArrowFunctionExpression | t.FunctionExpression): t.ArrayExpression | t.ObjectExpression | undefined {
  const body = resultOf(fn);
  return body?.type === 'ArrayExpression' || body?.type === 'ObjectExpression' ? body : undefined;
}

/** What a function gives back: an arrow's expression body, or the argument of its first `return`. */
function resultOf(fn: t.ArrowFunctionExpression | t.FunctionExpression): t.Node | undefined {
  let body: t.Node = fn.body;
  if (body.type === 'BlockStatement') {
    const ret = body.body.find((s): s is t.ReturnStatement => s.type === 'ReturnStatement');
    if (!ret?.argument) return undefined;
    body = ret.argument;
  }
  return unwrap(body);
}

function readColumn(p: t.ObjectProperty): DrizzleColumn | undefined {
  const prop = propertyKey(p);
  const chain = callChain(p.value);
  if (!prop || !chain) return undefined;
  const base = chain[0];
  const first = base.args[0];
  const written = stringValue(first);
  const options = base.args.find((a): a is t.ObjectExpression => a.type === 'ObjectExpression');
  return {
    prop,
    name: written ?? prop,
    builder: base.name,
    chain,
    property: p,
    nameSpan: written !== undefined && first ? spanOf(first) : spanOf(p.key),
    options,
  };
}

function readTable(call: t.CallExpression, core: Core, schema: string | undefined, statement: Span, variable?: string): DrizzleTable | undefined {
  const [nameArg, columnsArg, extraArg] = call.arguments;
  const name = stringValue(nameArg);
  const columnsNode = columnsArg && unwrap(columnsArg);
  if (name === undefined || !columnsNode) return undefined;
  let columnsObject: t.ObjectExpression | undefined;
  if (columnsNode.type === 'ObjectExpression') columnsObject = columnsNode;
  else if (isFunction(columnsNode)) {
    // drizzle 0.36+: `pgTable('x', (t) => ({ id: t.integer() }))`
    const r = returned(columnsNode);
    if (r?.type === 'ObjectExpression') columnsObject = r;
  }
  if (!columnsObject) return undefined;
  const columns = columnsObject.properties.flatMap((p) => (p.type === 'ObjectProperty' ? (readColumn(p) ?? []) : []));
  const table: DrizzleTable = { variable, name, schema, core, call, nameSpan: spanOf(nameArg), columnsObject, columns, statement };
  if (schema !== undefined) table.schema = schema;
  const extra = extraArg && unwrap(extraArg);
  if (extra && isFunction(extra)) {
    const param = extra.params[0]?.type === 'Identifier' ? extra.params[0].name : undefined;
    const container = returned(extra);
    const entries: ExtraEntry[] = [];
    if (container?.type === 'ArrayExpression') {
      for (const el of container.elements) {
        const chain = el && callChain(el);
        if (chain) entries.push({ chain, span: spanOf(el!) });
      }
    } else if (container?.type === 'ObjectExpression') {
      for (const p of container.properties) {
        const chain = p.type === 'ObjectProperty' ? callChain(p.value) : undefined;
        if (chain) entries.push({ chain, span: spanOf(p) });
      }
    }
    table.extra = { fn: extra, param, container, entries };
  }
  return table;
}

export function readDrizzleFile(path: string, text: string): DrizzleFile {
  const file: DrizzleFile = {
    path,
    text,
    tables: [],
    enums: [],
    imports: new Map(),
    exports: new Map(),
    reexports: [],
    quote: '"',
    errors: [],
    specifiers: [],
  };
  const parsed = parseSource(path, text);
  if (!parsed) return file;
  file.errors = parsed.errors;
  const tableFns = new Map<string, Core>();
  const enumFns = new Set<string>();
  const schemaFns = new Set<string>();
  /** Variables holding `pgSchema('name')`. */
  const schemas = new Map<string, { name: string; core: Core }>();
  let quoteVotes = 0;

  for (const st of parsed.program.body) {
    if (st.type === 'ImportDeclaration') {
      const source = st.source.value;
      file.specifiers.push(source);
      const core = coreOf(source);
      if (core && st.importKind !== 'type') {
        file.coreImport ??= st;
        file.core ??= core;
        quoteVotes += text[st.source.start ?? 0] === "'" ? -1 : 1;
      }
      for (const s of st.specifiers) {
        if (s.type !== 'ImportSpecifier') continue;
        const imported = s.imported.type === 'Identifier' ? s.imported.name : s.imported.value;
        file.imports.set(s.local.name, { source, imported });
        if (core) {
          if (TABLE_FUNCTIONS[imported]) tableFns.set(s.local.name, TABLE_FUNCTIONS[imported]);
          if (ENUM_FUNCTIONS.has(imported)) enumFns.add(s.local.name);
          if (SCHEMA_FUNCTIONS.has(imported)) schemaFns.add(s.local.name);
        }
      }
      continue;
    }
    if (st.type === 'ExportAllDeclaration') {
      file.specifiers.push(st.source.value);
      file.reexports.push({ source: st.source.value });
      continue;
    }
    if (st.type === 'ExportNamedDeclaration' && st.source) {
      file.specifiers.push(st.source.value);
      const names = new Map<string, string>();
      for (const s of st.specifiers) {
        if (s.type !== 'ExportSpecifier') continue;
        const exported = s.exported.type === 'Identifier' ? s.exported.name : s.exported.value;
        names.set(exported, s.local.name);
      }
      file.reexports.push({ source: st.source.value, names });
      continue;
    }
    if (st.type === 'ExportNamedDeclaration' && !st.declaration) {
      for (const s of st.specifiers) {
        if (s.type !== 'ExportSpecifier') continue;
        file.exports.set(s.exported.type === 'Identifier' ? s.exported.name : s.exported.value, s.local.name);
      }
      continue;
    }
    const exported = st.type === 'ExportNamedDeclaration';
    const decl = exported ? st.declaration : st;
    if (decl?.type !== 'VariableDeclaration') continue;
    for (const d of decl.declarations) {
      if (d.id.type !== 'Identifier' || !d.init) continue;
      const variable = d.id.name;
      if (exported) file.exports.set(variable, variable);
      const init = unwrap(d.init);
      if (init.type !== 'CallExpression') continue;
      const callee = unwrap(init.callee);
      const statementSpan = spanOf(st);
      if (callee.type === 'Identifier' && tableFns.has(callee.name)) {
        const table = readTable(init, tableFns.get(callee.name)!, undefined, statementSpan, variable);
        if (table) file.tables.push(table);
      } else if (callee.type === 'MemberExpression' && callee.object.type === 'Identifier' && schemas.has(callee.object.name)) {
        const s = schemas.get(callee.object.name)!;
        const member = callee.property.type === 'Identifier' ? callee.property.name : '';
        if (member === 'table') {
          const table = readTable(init, s.core, s.name, statementSpan, variable);
          if (table) file.tables.push(table);
        } else if (member === 'enum') readEnum(file, init, variable);
      } else if (callee.type === 'Identifier' && enumFns.has(callee.name)) {
        readEnum(file, init, variable);
      } else if (callee.type === 'Identifier' && schemaFns.has(callee.name)) {
        const name = stringValue(init.arguments[0]);
        if (name !== undefined) schemas.set(variable, { name, core: callee.name === 'mysqlSchema' ? 'mysql' : 'pg' });
      }
    }
  }
  if (quoteVotes < 0) file.quote = "'";
  else if (quoteVotes === 0 && file.tables[0]) file.quote = text[file.tables[0].nameSpan.start] === "'" ? "'" : '"';
  return file;
}

function readEnum(file: DrizzleFile, call: t.CallExpression, variable: string): void {
  const name = stringValue(call.arguments[0]);
  const list = call.arguments[1] && unwrap(call.arguments[1]);
  if (name === undefined || list?.type !== 'ArrayExpression') return;
  const values = list.elements.map((e) => stringValue(e)).filter((v): v is string => v !== undefined);
  file.enums.push({ variable, name, values, span: spanOf(call) });
}

/** `t.authorId`, `t.authorId.asc()`, `sql\`...\``: the column property named, if any. */
export function columnProp(node: t.Node, param: string | undefined): string | undefined {
  let n = unwrap(node);
  while (n.type === 'CallExpression' && n.callee.type === 'MemberExpression') n = unwrap(n.callee.object);
  if (n.type !== 'MemberExpression' || n.computed) return undefined;
  const object = unwrap(n.object);
  if (param !== undefined && (object.type !== 'Identifier' || object.name !== param)) return undefined;
  return n.property.type === 'Identifier' ? n.property.name : undefined;
}

/** `() => users.id` or `(): AnyPgColumn => users.id`. */
export function referenceTarget(node: t.Node | undefined): ColumnRef | undefined {
  if (!node) return undefined;
  const fn = unwrap(node);
  if (!isFunction(fn)) return undefined;
  const body = resultOf(fn);
  if (body?.type !== 'MemberExpression' || body.computed || body.property.type !== 'Identifier') return undefined;
  const object = unwrap(body.object);
  if (object.type !== 'Identifier') return undefined;
  return { table: object.name, prop: body.property.name, span: spanOf(body) };
}

export { property };
