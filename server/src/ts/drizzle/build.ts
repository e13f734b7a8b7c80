/**
 * Drizzle schema files -> the shared model. References across files (`() => users.id` with `users`
 * imported, or re-exported through an index file) are followed through the files' imports and exports;
 * a name that cannot be followed (a path alias the project resolves elsewhere) falls back to the one
 * table of that variable name in the schema, when there is exactly one.
 */
import { emptyTable, type Column, type ColumnType, type DefaultValue, type ForeignKey, type Index, type ReferentialAction, type Schema, type Table } from '../../model/schema';
import type { SourceRef } from '../../model/text';
import { property, spanOf, stringValue, unwrap, type ChainLink, type t } from '../parse';
import { columnProp, referenceTarget, type DrizzleColumn, type DrizzleFile, type DrizzleTable } from './read';
import { builderType, dialectOf, SERIAL_BUILDERS, type Core } from './types';

/** Turns a module specifier written in `from` into the path of a file of the schema, if it is one. */
export type ModuleResolver = (from: string, specifier: string) => string | undefined;

export interface BuiltTable {
  table: Table;
  drizzle: DrizzleTable;
  file: DrizzleFile;
  uri: string;
  /** property -> column. */
  columns: Map<string, { column: Column; drizzle: DrizzleColumn }>;
}

export interface DrizzleModel {
  schema: Schema;
  tables: BuiltTable[];
}

export function tableKey(name: string, schema?: string): string {
  return (schema && schema !== 'public' ? `${schema}.${name}` : name).toLowerCase();
}

const ACTIONS: Record<string, ReferentialAction> = {
  cascade: 'cascade', 'set null': 'set null', 'set default': 'set default', restrict: 'restrict', 'no action': 'no action',
};

function action(node: t.Node | undefined): ReferentialAction | undefined {
  const v = stringValue(node);
  return v === undefined ? undefined : ACTIONS[v.toLowerCase()];
}

function numberOption(obj: t.ObjectExpression | undefined, key: string): number | undefined {
  const v = obj && property(obj, key)?.value;
  return v?.type === 'NumericLiteral' ? v.value : undefined;
}

export function buildDrizzle(files: DrizzleFile[], uriOf: (path: string) => string, resolve: ModuleResolver): DrizzleModel {
  const byPath = new Map(files.map((f) => [f.path, f]));
  const core: Core = files.find((f) => f.core)?.core ?? 'pg';
  const schema: Schema = { dialect: dialectOf(core), tables: new Map(), enums: new Map() };
  const built: BuiltTable[] = [];
  const byVariable = new Map<string, BuiltTable[]>();
  const byDecl = new Map<DrizzleTable, BuiltTable>();

  /** The declaration a name in a file stands for (following imports and re-exports). */
  function lookup<T>(file: DrizzleFile, local: string, pick: (f: DrizzleFile, variable: string) => T | undefined, seen = new Set<string>()): T | undefined {
    const key = `${file.path}\u0000${local}`;
    if (seen.has(key)) return undefined;
    seen.add(key);
    const here = pick(file, local);
    if (here !== undefined) return here;
    const imp = file.imports.get(local);
    if (!imp) return undefined;
    const target = resolve(file.path, imp.source);
    const f = target ? byPath.get(target) : undefined;
    return f ? exported(f, imp.imported, pick, seen) : undefined;
  }

  function exported<T>(file: DrizzleFile, name: string, pick: (f: DrizzleFile, variable: string) => T | undefined, seen: Set<string>): T | undefined {
    const local = file.exports.get(name);
    if (local !== undefined) return lookup(file, local, pick, seen);
    for (const r of file.reexports) {
      const inner = r.names ? r.names.get(name) : name;
      if (inner === undefined) continue;
      const target = resolve(file.path, r.source);
      const f = target ? byPath.get(target) : undefined;
      const found = f && exported(f, inner, pick, seen);
      if (found !== undefined) return found;
    }
    return undefined;
  }

  const pickTable = (f: DrizzleFile, v: string) => {
    const d = f.tables.find((tb) => tb.variable === v);
    return d ? byDecl.get(d) : undefined;
  };
  const pickEnum = (f: DrizzleFile, v: string) => f.enums.find((e) => e.variable === v);
  const tableNamed = (file: DrizzleFile, local: string): BuiltTable | undefined => {
    const found = lookup(file, local, pickTable);
    if (found) return found;
    const same = byVariable.get(local);
    return same?.length === 1 ? same[0] : undefined;
  };

  for (const file of files) {
    const uri = uriOf(file.path);
    for (const e of file.enums) schema.enums.set(e.name, { name: e.name, values: e.values, source: { uri, span: e.span } });
    for (const d of file.tables) {
      const ref = (s: { start: number; end: number }): SourceRef => ({ uri, span: s });
      const table = emptyTable({ key: tableKey(d.name, d.schema), name: d.name, schema: d.schema, source: ref(d.nameSpan), declaration: ref(d.statement) }, 'drizzle');
      const b: BuiltTable = { table, drizzle: d, file, uri, columns: new Map() };
      for (const c of d.columns) {
        const column = readColumn(c, d.core, file, uri, (v) => lookup(file, v, pickEnum), table);
        if (!column) continue;
        table.columns.push(column);
        b.columns.set(c.prop, { column, drizzle: c });
      }
      built.push(b);
      byDecl.set(d, b);
      if (d.variable) byVariable.set(d.variable, [...(byVariable.get(d.variable) ?? []), b]);
      if (!schema.tables.has(table.key)) schema.tables.set(table.key, table);
    }
  }

  // Second pass: what needs other tables (references) and the extra-config callback.
  for (const b of built) {
    const ref = (s: { start: number; end: number }): SourceRef => ({ uri: b.uri, span: s });
    for (const { column, drizzle: c } of b.columns.values()) {
      const link = c.chain.find((l) => l.name === 'references');
      const target = link && referenceTarget(link.args[0]);
      if (!link || !target) continue;
      const parent = target.table === b.drizzle.variable ? b : tableNamed(b.file, target.table);
      const parentColumn = parent?.columns.get(target.prop)?.column;
      const opts = link.args[1] && unwrap(link.args[1]);
      const options = opts?.type === 'ObjectExpression' ? opts : undefined;
      const fk: ForeignKey = {
        columns: [column.name],
        refTable: parent ? parent.table.key : target.table,
        refColumns: [parentColumn?.name ?? target.prop],
        source: ref(referencesSpan(link)),
        declaration: ref(spanOf(c.property)),
      };
      const onDelete = action(options && property(options, 'onDelete')?.value);
      const onUpdate = action(options && property(options, 'onUpdate')?.value);
      if (onDelete) fk.onDelete = onDelete;
      if (onUpdate) fk.onUpdate = onUpdate;
      b.table.foreignKeys.push(fk);
    }
    const extra = b.drizzle.extra;
    if (!extra) continue;
    const columnName = (n: t.Node) => {
      const prop = columnProp(n, extra.param);
      return prop === undefined ? undefined : (b.columns.get(prop)?.column.name ?? prop);
    };
    for (const entry of extra.entries) {
      const head = entry.chain[0];
      const at = ref(entry.span);
      if (head.name === 'index' || head.name === 'uniqueIndex' || head.name === 'unique') {
        const ix: Index = { kind: head.name === 'index' ? 'index' : 'unique', columns: [], source: at };
        const name = stringValue(head.args[0]);
        if (name !== undefined) ix.name = name;
        for (const l of entry.chain.slice(1)) {
          if (l.name === 'on' || l.name === 'onOnly') ix.columns.push(...l.args.map((a) => columnName(a) ?? `(${b.file.text.slice(a.start ?? 0, a.end ?? 0)})`));
          else if (l.name === 'using') {
            const method = stringValue(l.args[0]);
            if (method !== undefined) ix.method = method.toLowerCase();
            ix.columns.push(...l.args.slice(1).map((a) => columnName(a) ?? `(${b.file.text.slice(a.start ?? 0, a.end ?? 0)})`));
          } else if (l.name === 'where') ix.where = b.file.text.slice(l.args[0]?.start ?? 0, l.args[0]?.end ?? 0);
        }
        b.table.indexes.push(ix);
      } else if (head.name === 'primaryKey') {
        const obj = head.args[0] && unwrap(head.args[0]);
        const list = obj?.type === 'ObjectExpression' ? property(obj, 'columns')?.value : undefined;
        const nodes = list && unwrap(list).type === 'ArrayExpression' ? (unwrap(list) as t.ArrayExpression).elements : head.args;
        const ix: Index = { kind: 'primary', columns: nodes.flatMap((n) => (n ? (columnName(n) ?? []) : [])), source: at };
        const name = obj?.type === 'ObjectExpression' ? stringValue(property(obj, 'name')?.value) : undefined;
        if (name !== undefined) ix.name = name;
        b.table.indexes.push(ix);
        for (const c of b.table.columns) if (ix.columns.includes(c.name)) c.nullable = false;
      } else if (head.name === 'foreignKey') {
        const obj = head.args[0] && unwrap(head.args[0]);
        if (obj?.type !== 'ObjectExpression') continue;
        const arr = (k: string) => {
          const v = property(obj, k)?.value;
          const u = v && unwrap(v);
          return u?.type === 'ArrayExpression' ? u.elements.filter((e): e is t.Expression => !!e && e.type !== 'SpreadElement') : [];
        };
        const foreign = arr('foreignColumns').map((e) => {
          const m = unwrap(e);
          if (m.type !== 'MemberExpression' || m.property.type !== 'Identifier') return undefined;
          const obj2 = unwrap(m.object);
          const parent = obj2.type === 'Identifier' ? (obj2.name === b.drizzle.variable ? b : tableNamed(b.file, obj2.name)) : undefined;
          return { parent, column: parent?.columns.get(m.property.name)?.column.name ?? m.property.name };
        });
        const parent = foreign[0]?.parent;
        const fk: ForeignKey = {
          columns: arr('columns').flatMap((n) => columnName(n) ?? []),
          refTable: parent?.table.key ?? '',
          refColumns: foreign.map((f) => f?.column ?? ''),
          source: at,
          declaration: at,
        };
        const name = stringValue(property(obj, 'name')?.value);
        if (name !== undefined) fk.name = name;
        for (const l of entry.chain.slice(1)) {
          if (l.name === 'onDelete') fk.onDelete = action(l.args[0]);
          if (l.name === 'onUpdate') fk.onUpdate = action(l.args[0]);
        }
        if (fk.onDelete === undefined) delete fk.onDelete;
        if (fk.onUpdate === undefined) delete fk.onUpdate;
        b.table.foreignKeys.push(fk);
      } else if (head.name === 'check') {
        const name = stringValue(head.args[0]);
        const expr = head.args[1];
        b.table.checks!.push({
          ...(name !== undefined ? { name } : {}),
          expression: expr ? b.file.text.slice(expr.start ?? 0, expr.end ?? 0) : '',
          columns: [],
          source: at,
        });
      }
    }
  }
  return { schema, tables: built };
}

/** From `references` to the end of its call: where a foreign key finding points. */
function referencesSpan(link: ChainLink): { start: number; end: number } {
  const callee = link.call.callee;
  const start = callee.type === 'MemberExpression' ? (callee.property.start ?? 0) : (link.call.start ?? 0);
  return { start, end: link.call.end ?? 0 };
}

function readColumn(
  c: DrizzleColumn,
  core: Core,
  file: DrizzleFile,
  uri: string,
  enumOf: (variable: string) => { name: string } | undefined,
  table: Table,
): Column | undefined {
  const base = c.chain[0];
  const canonical = builderType(core, c.builder);
  const e = canonical === undefined ? enumOf(c.builder) : undefined;
  const opts = c.options;
  const modeOf = opts && stringValue(property(opts, 'mode')?.value);
  let name = canonical ?? (e ? e.name : c.builder.toLowerCase());
  const params: number[] = [];
  if (name === 'timestamp' || name === 'time') {
    const tz = opts && property(opts, 'withTimezone')?.value;
    if (tz?.type === 'BooleanLiteral' && tz.value) name = name === 'timestamp' ? 'timestamptz' : 'timetz';
    const p = numberOption(opts, 'precision');
    if (p !== undefined) params.push(p);
  } else if (name === 'varchar' || name === 'bpchar') {
    const n = numberOption(opts, 'length');
    if (n !== undefined) params.push(n);
  } else if (name === 'numeric') {
    const p = numberOption(opts, 'precision');
    const s = numberOption(opts, 'scale');
    if (p !== undefined) params.push(p, ...(s !== undefined ? [s] : []));
  }
  if (core === 'sqlite' && c.builder === 'integer' && (modeOf === 'timestamp' || modeOf === 'timestamp_ms')) name = 'int8';
  const type: ColumnType = {
    name,
    params,
    array: c.chain.some((l) => l.name === 'array'),
    written: file.text.slice(base.call.start ?? 0, base.call.end ?? 0),
    source: { uri, span: spanOf(base.call) },
  };
  if (e) type.isEnum = true;
  const column: Column = {
    name: c.name,
    type,
    nullable: true,
    source: { uri, span: c.nameSpan },
    declaration: { uri, span: spanOf(c.property) },
  };
  if (c.prop !== c.name) column.fieldName = c.prop;
  const at = (l: ChainLink): SourceRef => ({ uri, span: spanOf(l.call) });
  let def: DefaultValue | undefined;
  if (SERIAL_BUILDERS.has(c.builder) && core !== 'sqlite') def = { text: `nextval('${table.name}_${c.name}_seq')`, fn: 'nextval', generated: 'serial', source: at(base) };
  for (const l of c.chain.slice(1)) {
    switch (l.name) {
      case 'notNull':
        column.nullable = false;
        break;
      case 'primaryKey': {
        column.nullable = false;
        table.indexes.push({ kind: 'primary', columns: [c.name], inline: true, source: at(l) });
        const o = l.args[0] && unwrap(l.args[0]);
        const auto = o?.type === 'ObjectExpression' ? property(o, 'autoIncrement')?.value : undefined;
        if (auto?.type === 'BooleanLiteral' && auto.value) def = { text: 'autoincrement', generated: 'autoincrement', source: at(l) };
        break;
      }
      case 'unique': {
        const ix: Index = { kind: 'unique', columns: [c.name], inline: true, source: at(l) };
        const n = stringValue(l.args[0]);
        if (n !== undefined) ix.name = n;
        table.indexes.push(ix);
        break;
      }
      case 'default': {
        const arg = l.args[0];
        if (!arg) break;
        const text = file.text.slice(arg.start ?? 0, arg.end ?? 0);
        def = { text, source: { uri, span: spanOf(arg) } };
        const inner = unwrap(arg);
        if (inner.type === 'TaggedTemplateExpression') {
          const sqlText = inner.quasi.quasis.map((q) => q.value.cooked ?? '').join('?').trim();
          def.text = sqlText;
          const m = /^([a-z_][\w.]*)\s*\((.*)\)$/is.exec(sqlText);
          if (m) {
            def.fn = m[1].toLowerCase();
            def.args = m[2].trim() ? m[2].split(',').map((s) => s.trim()) : [];
          }
        }
        break;
      }
      case 'defaultNow':
        def = { text: 'now()', fn: 'now', args: [], source: at(l) };
        break;
      case 'defaultRandom':
        def = { text: 'gen_random_uuid()', fn: 'gen_random_uuid', args: [], source: at(l) };
        break;
      case 'generatedAlwaysAsIdentity':
      case 'generatedByDefaultAsIdentity':
        column.nullable = false;
        def = { text: 'identity', generated: 'identity', source: at(l) };
        break;
    }
  }
  if (def) column.default = def;
  return column;
}
