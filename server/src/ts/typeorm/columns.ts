/**
 * One TypeORM column property -> the model's column: its decorators' type and options, the type TypeORM
 * derives when none is written, generated keys and date columns, enums, defaults as the SQL they become.
 */
import type { Column, DefaultValue, Dialect, Schema, Table } from '../../model/schema';
import type { SourceRef, Span } from '../../model/text';
import { property, spanOf, stringValue, unwrap, type t } from '../parse';
import { lineage, optionsOf, targetOf, type ClassNamed, type Decorator, type EntityFile, type EntityProperty } from './read';
import { columnType, dateColumnType, inferredType, type Naming } from './types';

export const COLUMN_DECORATORS = new Set(['Column', 'PrimaryColumn', 'PrimaryGeneratedColumn', 'CreateDateColumn', 'UpdateDateColumn', 'DeleteDateColumn', 'VersionColumn', 'ViewColumn']);

export interface PropertyColumn {
  /** The property's name, `address.city` for a property of an embedded class. */
  key: string;
  column: Column;
  property: EntityProperty;
  file: EntityFile;
  uri: string;
  primary?: Span;
  via?: 'embedded';
}

/**
 * The columns a property makes: its own, or those of the class it embeds (`@Column(() => Name)`), named as
 * the naming strategy names them: the prefix (the property's name, or the `prefix` option; none with
 * `prefix: false`), then the column's name (by default camelCase prefix, then the name with its first letter
 * capitalised and the rest in lower case: `name` + `firstName` -> `nameFirstname`).
 */
export function columnsOf(p: EntityProperty, file: EntityFile, uriOf: (path: string) => string, dialect: Dialect, table: Table, schema: Schema, classNamed: ClassNamed, naming: Naming, prefixes: string[] = [], depth = 0): PropertyColumn[] {
  const embed = p.decorators.find((d) => d.name === 'Column' && d.args[0] && /Function/.test(unwrap(d.args[0]).type));
  const uri = uriOf(file.path);
  if (!embed) {
    const built = readColumn(p, file, uri, dialect, table, schema, naming, prefixes);
    if (!built) return [];
    return [{ key: p.name, column: built.column, property: p, file, uri, ...(built.primary ? { primary: built.primary } : {}) }];
  }
  const name = targetOf(embed.args[0]);
  const target = name ? classNamed(name, file) : undefined;
  if (!target || depth > 5) return [];
  const opts = optionsOf(embed, 1);
  const prefixNode = opts && property(opts, 'prefix')?.value;
  const prefix = prefixNode && unwrap(prefixNode).type === 'BooleanLiteral' ? '' : (stringValue(prefixNode) ?? p.name);
  const inner = prefix ? [...prefixes, prefix] : prefixes;
  const out: PropertyColumn[] = [];
  for (const src of lineage(target.cls, target.file, classNamed)) {
    for (const ep of src.cls.properties) {
      for (const c of columnsOf(ep, src.file, uriOf, dialect, table, schema, classNamed, naming, inner, depth + 1)) out.push({ ...c, key: `${p.name}.${c.key}`, via: 'embedded' });
    }
  }
  return out;
}

export function numberOf(obj: t.ObjectExpression | undefined, key: string): number | undefined {
  const v = obj && property(obj, key)?.value;
  const u = v && unwrap(v);
  if (u?.type === 'NumericLiteral') return u.value;
  const s = stringValue(u);
  return s !== undefined && /^\d+$/.test(s) ? Number(s) : undefined;
}

export function boolOf(obj: t.ObjectExpression | undefined, key: string): boolean | undefined {
  const v = obj && property(obj, key)?.value;
  const u = v && unwrap(v);
  return u?.type === 'BooleanLiteral' ? u.value : undefined;
}

export function readColumn(p: EntityProperty, file: EntityFile, uri: string, dialect: Dialect, table: Table, schema: Schema, naming: Naming, prefixes: readonly string[] = []): { column: Column; primary?: Span } | undefined {
  const decs = p.decorators.filter((d) => COLUMN_DECORATORS.has(d.name));
  if (!decs.length) return undefined;
  // `@Column({ type: 'timestamp' }) @CreateDateColumn()`: the kind from the special one, options from all.
  const kind = decs.find((d) => d.name !== 'Column') ?? decs[0];
  let typeNode: t.Node | undefined;
  let opts: t.ObjectExpression | undefined;
  let strategy: string | undefined;
  for (const d of decs) {
    const first = d.args[0] && unwrap(d.args[0]);
    const o = optionsOf(d);
    if (d.name === 'PrimaryGeneratedColumn') strategy = stringValue(first) ?? strategy;
    else if (stringValue(first) !== undefined) typeNode = first;
    const ty = o && property(o, 'type')?.value;
    if (ty && stringValue(ty) !== undefined) typeNode = ty;
    if (o) opts = opts ?? o;
  }
  const all = decs.map((d) => optionsOf(d)).filter((o): o is t.ObjectExpression => !!o);
  const opt = (key: string) => all.map((o) => property(o, key)).find((x) => x);
  const nameNode = opt('name')?.value;
  const name = naming.column(p.name, stringValue(nameNode), prefixes);
  const pg = dialect === 'postgresql' || dialect === 'cockroachdb';
  let written: string;
  let params: number[] = [];
  if (typeNode) written = stringValue(typeNode)!;
  else if (kind.name === 'PrimaryGeneratedColumn' && strategy === 'uuid') {
    written = pg ? 'uuid' : 'varchar';
    if (!pg) params = [36];
  } else if (['CreateDateColumn', 'UpdateDateColumn', 'DeleteDateColumn'].includes(kind.name)) written = dateColumnType(dialect);
  else ({ written, params } = inferredType(dialect, kind.name === 'VersionColumn' || kind.name === 'PrimaryGeneratedColumn' ? 'number' : p.tsType));
  const length = all.map((o) => numberOf(o, 'length')).find((x) => x !== undefined);
  const precision = all.map((o) => numberOf(o, 'precision')).find((x) => x !== undefined);
  const scale = all.map((o) => numberOf(o, 'scale')).find((x) => x !== undefined);
  if (length !== undefined) params = [length];
  else if (precision !== undefined) params = scale !== undefined ? [precision, scale] : [precision];
  const enumOpt = opt('enum');
  let typeName = columnType(dialect, written);
  const isEnum = written === 'enum' || written === 'simple-enum' || (enumOpt !== undefined && !typeNode);
  if (isEnum && pg && written !== 'simple-enum') {
    typeName = stringValue(opt('enumName')?.value) ?? `${table.name}_${name}_enum`.toLowerCase();
    const values = enumValues(enumOpt?.value, file);
    if (!schema.enums.has(typeName)) schema.enums.set(typeName, { name: typeName, values, source: { uri, span: spanOf(enumOpt?.value ?? p.node) } });
  }
  const column: Column = {
    name,
    type: {
      name: typeName,
      params,
      array: all.some((o) => boolOf(o, 'array') === true),
      written: typeNode ? file.text.slice(typeNode.start ?? 0, typeNode.end ?? 0) : written,
      source: { uri, span: spanOf(typeNode ?? kind.expression) },
    },
    nullable: all.some((o) => boolOf(o, 'nullable') === true) || kind.name === 'DeleteDateColumn',
    // Where the column's name is written: its `name` option, else the property (as for the entity's table).
    source: { uri, span: spanOf(nameNode && stringValue(nameNode) !== undefined ? nameNode : p.key) },
    declaration: { uri, span: spanOf(p.node) },
  };
  if (isEnum && (pg || written === 'enum')) column.type.isEnum = true;
  if (name !== p.name) column.fieldName = p.name;
  if (kind.name === 'UpdateDateColumn') column.updatedAt = true;
  const at = (d: Decorator): SourceRef => ({ uri, span: spanOf(d.expression) });
  let def: DefaultValue | undefined;
  const defNode = opt('default')?.value;
  if (defNode) def = defaultValue(defNode, file, uri);
  if (kind.name === 'PrimaryGeneratedColumn') {
    if (strategy === 'uuid') def = pg ? { text: 'uuid_generate_v4()', fn: 'uuid_generate_v4', args: [], source: at(kind) } : undefined;
    else if (strategy === 'identity') def = { text: 'identity', generated: 'identity', source: at(kind) };
    else if (strategy !== 'rowid') def = pg ? { text: `nextval('${table.name}_${name}_seq')`, fn: 'nextval', generated: 'serial', source: at(kind) } : { text: 'autoincrement', generated: 'autoincrement', source: at(kind) };
  } else if ((kind.name === 'CreateDateColumn' || kind.name === 'UpdateDateColumn') && !def) {
    def = { text: pg ? 'now()' : 'CURRENT_TIMESTAMP', fn: pg ? 'now' : 'current_timestamp', args: [], source: at(kind) };
  }
  if (def) column.default = def;
  const primary = kind.name === 'PrimaryColumn' || kind.name === 'PrimaryGeneratedColumn' || boolOf(opts, 'primary') === true;
  if (primary) column.nullable = false;
  const unique = opt('unique');
  if (unique && unique.value.type === 'BooleanLiteral' && unique.value.value) table.indexes.push({ kind: 'unique', columns: [name], inline: true, source: { uri, span: spanOf(unique) } });
  return primary ? { column, primary: spanOf(kind.expression) } : { column };
}

function enumValues(node: t.Node | undefined, file: EntityFile): string[] {
  const n = node && unwrap(node);
  if (n?.type === 'ArrayExpression') return n.elements.flatMap((e) => (stringValue(e) !== undefined ? [stringValue(e)!] : []));
  if (n?.type === 'Identifier') return [...file.enumValues].filter(([k]) => k.startsWith(`${n.name}.`)).map(([, v]) => String(v));
  return [];
}

/** A `default` option as the SQL it becomes: `'active'`, `0`, `false`, or the expression `() => 'now()'` returns. */
function defaultValue(node: t.Node, file: EntityFile, uri: string): DefaultValue {
  const n = unwrap(node);
  const source = { uri, span: spanOf(node) };
  const quote = (s: string) => `'${s.replace(/'/g, "''")}'`;
  if (n.type === 'ArrowFunctionExpression' && n.body.type !== 'BlockStatement') {
    const sqlText = stringValue(n.body);
    if (sqlText !== undefined) {
      const d: DefaultValue = { text: sqlText, source };
      const m = /^([a-z_][\w.]*)\s*\((.*)\)$/is.exec(sqlText.trim());
      if (m) {
        d.fn = m[1].toLowerCase();
        d.args = m[2].trim() ? m[2].split(',').map((s) => s.trim()) : [];
      } else if (/^current_timestamp$/i.test(sqlText.trim())) d.fn = 'current_timestamp';
      return d;
    }
  }
  const s = stringValue(n);
  if (s !== undefined) return { text: quote(s), source };
  if (n.type === 'NumericLiteral' || n.type === 'BooleanLiteral') return { text: String(n.value), source };
  if (n.type === 'NullLiteral') return { text: 'NULL', source };
  if (n.type === 'MemberExpression' && !n.computed && n.object.type === 'Identifier' && n.property.type === 'Identifier') {
    const v = file.enumValues.get(`${n.object.name}.${n.property.name}`);
    if (v !== undefined) return { text: typeof v === 'string' ? quote(v) : String(v), source };
  }
  return { text: file.text.slice(node.start ?? 0, node.end ?? 0), source };
}

