/**
 * TypeORM entity classes -> the shared model, as TypeORM's default naming strategy names things: a table
 * is `@Entity('name')` or the class name in snake_case, a column its `name` option or the property name,
 * a relation's join column `<property>Id` (camelCase of property and referenced column) unless
 * `@JoinColumn({ name })` says otherwise. Columns come from the class and the classes it extends; a
 * many-to-many's owning side adds its junction table (junction.ts).
 */
import { emptyTable, type Column, type DefaultValue, type Dialect, type ForeignKey, type Index, type ReferentialAction, type Schema, type Table } from '../../model/schema';
import type { SourceRef, Span } from '../../model/text';
import { property, spanOf, stringValue, unwrap, type t } from '../parse';
import { junctionTable } from './junction';
import { optionsOf, type Decorator, type EntityClass, type EntityFile, type EntityProperty } from './read';
import { columnType, dateColumnType, inferredType, joinColumnName, snakeCase } from './types';

export interface BuiltColumn {
  column: Column;
  property: EntityProperty;
  /** The file the property is written in (a base class's, for inherited columns). */
  file: EntityFile;
  uri: string;
}

export interface BuiltRelation {
  property: EntityProperty;
  decorator: Decorator;
  file: EntityFile;
  uri: string;
  fk: ForeignKey;
}

export interface BuiltEntity {
  table: Table;
  cls: EntityClass;
  file: EntityFile;
  uri: string;
  /** property name -> column. */
  columns: Map<string, BuiltColumn>;
  relations: BuiltRelation[];
}

export interface EntityModel {
  schema: Schema;
  entities: BuiltEntity[];
}

const COLUMN_DECORATORS = new Set(['Column', 'PrimaryColumn', 'PrimaryGeneratedColumn', 'CreateDateColumn', 'UpdateDateColumn', 'DeleteDateColumn', 'VersionColumn']);
const ACTIONS: Record<string, ReferentialAction> = { cascade: 'cascade', 'set null': 'set null', 'set default': 'set default', default: 'set default', restrict: 'restrict', 'no action': 'no action' };

export function tableKey(name: string, schema?: string): string {
  return (schema && schema !== 'public' ? `${schema}.${name}` : name).toLowerCase();
}

function numberOf(obj: t.ObjectExpression | undefined, key: string): number | undefined {
  const v = obj && property(obj, key)?.value;
  const u = v && unwrap(v);
  if (u?.type === 'NumericLiteral') return u.value;
  const s = stringValue(u);
  return s !== undefined && /^\d+$/.test(s) ? Number(s) : undefined;
}

function boolOf(obj: t.ObjectExpression | undefined, key: string): boolean | undefined {
  const v = obj && property(obj, key)?.value;
  const u = v && unwrap(v);
  return u?.type === 'BooleanLiteral' ? u.value : undefined;
}

export function buildEntities(files: EntityFile[], dialect: Dialect, uriOf: (path: string) => string): EntityModel {
  const schema: Schema = { dialect, tables: new Map(), enums: new Map() };
  const classes = new Map<string, { cls: EntityClass; file: EntityFile }[]>();
  for (const file of files) for (const cls of file.classes) classes.set(cls.className, [...(classes.get(cls.className) ?? []), { cls, file }]);
  /** A class by name, the one in `from` first. */
  const classNamed = (name: string, from: EntityFile) => {
    const all = classes.get(name) ?? [];
    return all.find((c) => c.file === from) ?? all[0];
  };
  const entities: BuiltEntity[] = [];
  const byClass = new Map<EntityClass, BuiltEntity>();

  for (const file of files) {
    const uri = uriOf(file.path);
    for (const cls of file.classes) {
      const entity = cls.decorators.find((d) => d.name === 'Entity');
      if (!entity) continue;
      const first = entity.args[0] && unwrap(entity.args[0]);
      const opts = optionsOf(entity);
      const nameNode = stringValue(first) !== undefined ? first : opts && property(opts, 'name')?.value;
      const written = stringValue(nameNode);
      const name = written ?? snakeCase(cls.className);
      const schemaName = stringValue(opts && property(opts, 'schema')?.value);
      const source = { uri, span: written !== undefined && nameNode ? spanOf(nameNode) : cls.nameSpan };
      const table = emptyTable({ key: tableKey(name, schemaName), name, schema: schemaName, source, declaration: { uri, span: spanOf(cls.node) } }, 'typeorm');
      if (cls.className !== name) table.modelName = cls.className;
      const b: BuiltEntity = { table, cls, file, uri, columns: new Map(), relations: [] };
      const primary: { name: string; span: Span; uri: string }[] = [];
      for (const { cls: c, file: f } of lineage(cls, file, classNamed)) {
        const u = uriOf(f.path);
        for (const p of c.properties) {
          const built = readColumn(p, f, u, dialect, table, schema);
          if (!built) continue;
          b.columns.set(p.name, { column: built.column, property: p, file: f, uri: u });
          table.columns.push(built.column);
          if (built.primary) primary.push({ name: built.column.name, span: built.primary, uri: u });
        }
      }
      if (primary.length) {
        table.indexes.push({ kind: 'primary', columns: primary.map((p) => p.name), inline: primary.length === 1, source: { uri: primary[0].uri, span: primary[0].span } });
      }
      entities.push(b);
      byClass.set(cls, b);
      if (!schema.tables.has(table.key)) schema.tables.set(table.key, table);
    }
  }

  // Relations need the referenced entity's columns; indexes need the relations' join columns.
  for (const b of entities) {
    for (const { cls: c, file: f } of lineage(b.cls, b.file, classNamed)) {
      for (const p of c.properties) {
        const rel = p.decorators.find((d) => d.name === 'ManyToOne' || d.name === 'OneToOne');
        if (!rel) continue;
        const join = p.decorators.find((d) => d.name === 'JoinColumn');
        if (rel.name === 'OneToOne' && !join) continue;
        const targetName = relationTarget(rel.args[0]);
        const target = targetName ? classNamed(targetName, f) : undefined;
        const parent = target && byClass.get(target.cls);
        readRelation(b, p, rel, join, f, uriOf(f.path), parent);
      }
    }
    for (const { cls: c, file: f } of lineage(b.cls, b.file, classNamed)) {
      const u = uriOf(f.path);
      for (const p of c.properties) {
        const many = p.decorators.find((d) => d.name === 'ManyToMany');
        const join = p.decorators.find((d) => d.name === 'JoinTable');
        const targetName = many && relationTarget(many.args[0]);
        const target = targetName ? classNamed(targetName, f) : undefined;
        const parent = target && byClass.get(target.cls);
        if (!many || !join || !parent) continue;
        const junction = junctionTable(b, p, many, join, parent, u);
        if (!schema.tables.has(junction.key)) schema.tables.set(junction.key, junction);
      }
      for (const p of c.properties) for (const d of p.decorators) if (d.name === 'Index') propertyIndex(b, p, d, u);
      if (c === b.cls) for (const d of c.decorators) if (d.name === 'Index' || d.name === 'Unique') classIndex(b, d, u);
    }
  }
  return { schema, entities };
}

/** The class and the classes it extends, base first. */
function lineage(cls: EntityClass, file: EntityFile, classNamed: (n: string, f: EntityFile) => { cls: EntityClass; file: EntityFile } | undefined) {
  const out = [{ cls, file }];
  let cur = { cls, file };
  for (let i = 0; i < 10 && cur.cls.superClass; i++) {
    const next = classNamed(cur.cls.superClass, cur.file);
    if (!next || out.some((o) => o.cls === next.cls)) break;
    out.unshift(next);
    cur = next;
  }
  return out;
}

/** `() => User`, `(type) => User`, `'User'`. */
function relationTarget(node: t.Node | undefined): string | undefined {
  if (!node) return undefined;
  const n = unwrap(node);
  const s = stringValue(n);
  if (s !== undefined) return s;
  if (n.type !== 'ArrowFunctionExpression' && n.type !== 'FunctionExpression') return undefined;
  const body = n.body.type === 'BlockStatement' ? n.body.body.find((x): x is t.ReturnStatement => x.type === 'ReturnStatement')?.argument : n.body;
  const u = body && unwrap(body);
  return u?.type === 'Identifier' ? u.name : undefined;
}

function readColumn(p: EntityProperty, file: EntityFile, uri: string, dialect: Dialect, table: Table, schema: Schema): { column: Column; primary?: Span } | undefined {
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
  const name = stringValue(nameNode) ?? p.name;
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

function readRelation(b: BuiltEntity, p: EntityProperty, rel: Decorator, join: Decorator | undefined, file: EntityFile, uri: string, parent: BuiltEntity | undefined): void {
  const relOpts = optionsOf(rel, 1);
  const joinArg = join?.args[0] && unwrap(join.args[0]);
  const joins = joinArg?.type === 'ArrayExpression' ? joinArg.elements.map((e) => (e ? unwrap(e) : undefined)) : [joinArg];
  const parentPk = parent?.table.indexes.find((i) => i.kind === 'primary')?.columns ?? ['id'];
  const columns: string[] = [];
  const refColumns: string[] = [];
  for (const [i, j] of joins.entries()) {
    const o = j?.type === 'ObjectExpression' ? j : undefined;
    const ref = stringValue(o && property(o, 'referencedColumnName')?.value) ?? parentPk[i] ?? parentPk[0];
    const name = stringValue(o && property(o, 'name')?.value) ?? joinColumnName(p.name, ref);
    columns.push(name);
    refColumns.push(ref);
    const refCol = parent?.table.columns.find((c) => c.name === ref);
    const own = b.table.columns.find((c) => c.name === name);
    if (own) {
      // TypeORM gives a join column the referenced column's type, whatever its own @Column says.
      if (refCol) own.type = { ...own.type, name: refCol.type.name, params: refCol.type.params, ...(refCol.type.isEnum ? { isEnum: true } : {}) };
      continue;
    }
    // The relation makes its own column, of the referenced column's type.
    const type = refCol ? { ...refCol.type, source: { uri, span: spanOf(rel.expression) } } : { name: 'int4', params: [], array: false, written: 'integer', source: { uri, span: spanOf(rel.expression) } };
    b.table.columns.push({
      name,
      type,
      nullable: boolOf(relOpts, 'nullable') !== false,
      source: { uri, span: spanOf(p.key) },
      declaration: { uri, span: spanOf(p.node) },
    });
  }
  const fk: ForeignKey = {
    columns,
    refTable: parent?.table.key ?? snakeCase(relationTarget(rel.args[0]) ?? ''),
    refColumns,
    source: { uri, span: spanOf(rel.expression) },
    declaration: { uri, span: spanOf(p.node) },
    relationField: p.name,
  };
  const onDelete = stringValue(relOpts && property(relOpts, 'onDelete')?.value);
  const onUpdate = stringValue(relOpts && property(relOpts, 'onUpdate')?.value);
  if (onDelete && ACTIONS[onDelete.toLowerCase()]) fk.onDelete = ACTIONS[onDelete.toLowerCase()];
  if (onUpdate && ACTIONS[onUpdate.toLowerCase()]) fk.onUpdate = ACTIONS[onUpdate.toLowerCase()];
  if (boolOf(relOpts, 'createForeignKeyConstraints') === false) fk.enforced = false;
  b.table.foreignKeys.push(fk);
  b.relations.push({ property: p, decorator: rel, file, uri, fk });
  // The owning side of a one-to-one gets a unique constraint on its join columns.
  if (rel.name === 'OneToOne') b.table.indexes.push({ kind: 'unique', columns, inline: true, source: { uri, span: spanOf(rel.expression) } });
}

/** The database columns a property stands for: its column, or a relation's join columns. */
function columnsOfProperty(b: BuiltEntity, prop: string): string[] | undefined {
  const c = b.columns.get(prop);
  if (c) return [c.column.name];
  return b.relations.find((r) => r.property.name === prop)?.fk.columns;
}

function propertyIndex(b: BuiltEntity, p: EntityProperty, d: Decorator, uri: string): void {
  const columns = columnsOfProperty(b, p.name);
  if (!columns) return;
  const ix: Index = { kind: boolOf(optionsOf(d), 'unique') ? 'unique' : 'index', columns, source: { uri, span: spanOf(d.expression) } };
  const name = stringValue(d.args[0]);
  if (name !== undefined) ix.name = name;
  const where = stringValue(optionsOf(d) && property(optionsOf(d)!, 'where')?.value);
  if (where !== undefined) ix.where = where;
  b.table.indexes.push(ix);
}

/** `@Index(['a', 'b'], { unique })`, `@Index('name', (e) => [e.a])`, `@Unique('name', ['a'])`. */
function classIndex(b: BuiltEntity, d: Decorator, uri: string): void {
  const name = stringValue(d.args[0]);
  const list = d.args[name !== undefined ? 1 : 0];
  const props = propertyList(list);
  if (!props) return;
  const columns = props.flatMap((p) => columnsOfProperty(b, p) ?? [p]);
  const opts = optionsOf(d);
  const ix: Index = { kind: d.name === 'Unique' || boolOf(opts, 'unique') ? 'unique' : 'index', columns, source: { uri, span: spanOf(d.expression) } };
  if (name !== undefined) ix.name = name;
  const where = stringValue(opts && property(opts, 'where')?.value);
  if (where !== undefined) ix.where = where;
  b.table.indexes.push(ix);
}

function propertyList(node: t.Node | undefined): string[] | undefined {
  if (!node) return undefined;
  let n = unwrap(node);
  if (n.type === 'ArrowFunctionExpression' && n.body.type !== 'BlockStatement') n = unwrap(n.body);
  if (n.type === 'ArrayExpression') {
    return n.elements.flatMap((e) => {
      if (!e) return [];
      const u = unwrap(e);
      if (u.type === 'MemberExpression' && !u.computed && u.property.type === 'Identifier') return [u.property.name];
      const s = stringValue(u);
      return s !== undefined ? [s] : [];
    });
  }
  if (n.type === 'ObjectExpression') return n.properties.flatMap((x) => (x.type === 'ObjectProperty' && x.key.type === 'Identifier' ? [x.key.name] : []));
  return undefined;
}
