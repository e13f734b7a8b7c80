/**
 * TypeORM entity classes -> the shared model, as TypeORM's default naming strategy names things: a table
 * is `@Entity('name')` or the class name in snake_case, a column its `name` option or the property name,
 * a relation's join column `<property>Id` (camelCase of property and referenced column) unless
 * `@JoinColumn({ name })` says otherwise. Columns come from the class and the classes it extends; a
 * many-to-many's owning side adds its junction table (junction.ts).
 */
import { emptyTable, type Column, type Dialect, type ForeignKey, type Index, type ReferentialAction, type Schema, type Table } from '../../model/schema';
import type { Span } from '../../model/text';
import { property, spanOf, stringValue, unwrap, type t } from '../parse';
import { boolOf, columnsOf } from './columns';
import { junctionTable } from './junction';
import { lineage, optionsOf, targetOf, type Decorator, type EntityClass, type EntityFile, type EntityProperty } from './read';
import { columnType, DEFAULT_NAMING, snakeCase, type Naming } from './types';

export interface BuiltColumn {
  column: Column;
  property: EntityProperty;
  /** The file the property is written in (a base class's, for inherited columns). */
  file: EntityFile;
  uri: string;
  /** Written in a class other entities share: a base class, or a class embedded with `@Column(() => X)`. */
  via?: 'base' | 'embedded';
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
  /** property name (`address.city` for an embedded one) -> column. */
  columns: Map<string, BuiltColumn>;
  relations: BuiltRelation[];
  /** The classes whose properties make the table: the entity, the classes it extends, its child entities. */
  sources: EntitySource[];
}

export interface EntitySource {
  cls: EntityClass;
  file: EntityFile;
  via: 'own' | 'base' | 'child';
}

export interface EntityModel {
  schema: Schema;
  entities: BuiltEntity[];
  /** False when the project's TypeORM is older than 0.3, which has no identity strategy on PostgreSQL. */
  identity?: boolean;
}

const ACTIONS: Record<string, ReferentialAction> = { cascade: 'cascade', 'set null': 'set null', 'set default': 'set default', default: 'set default', restrict: 'restrict', 'no action': 'no action' };

export function tableKey(name: string, schema?: string): string {
  return (schema && schema !== 'public' ? `${schema}.${name}` : name).toLowerCase();
}

/**
 * The entities of `files`; `isEntity` says which classes the data source lists (all, when it is not given).
 * Other classes still lend columns as base or embedded classes.
 */
export function buildEntities(
  files: EntityFile[],
  dialect: Dialect,
  uriOf: (path: string) => string,
  isEntity?: (file: string, className: string) => boolean,
  naming: Naming = DEFAULT_NAMING,
): EntityModel {
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

  // Single-table inheritance: a @ChildEntity's own columns go into the table of the entity it extends.
  const children = files.flatMap((file) => file.classes.filter((c) => c.decorators.some((d) => d.name === 'ChildEntity')).map((cls) => ({ cls, file })));

  for (const file of files) {
    const uri = uriOf(file.path);
    for (const cls of file.classes) {
      const entity = cls.decorators.find((d) => d.name === 'Entity' || d.name === 'ViewEntity');
      if (!entity || (isEntity && !isEntity(file.path, cls.className))) continue;
      const first = entity.args[0] && unwrap(entity.args[0]);
      const opts = optionsOf(entity);
      const nameNode = stringValue(first) !== undefined ? first : opts && property(opts, 'name')?.value;
      const written = stringValue(nameNode);
      const name = written ?? snakeCase(cls.className);
      const schemaName = stringValue(opts && property(opts, 'schema')?.value);
      const source = { uri, span: written !== undefined && nameNode ? spanOf(nameNode) : cls.nameSpan };
      // A view has columns and no design of its own to judge: rules about tables skip it.
      const kind = entity.name === 'ViewEntity' ? 'view' : 'table';
      const table = emptyTable({ key: tableKey(name, schemaName), name, schema: schemaName, source, declaration: { uri, span: spanOf(cls.node) } }, 'typeorm', kind);
      if (cls.className !== name) table.modelName = cls.className;
      const own = lineage(cls, file, classNamed);
      const heirs = children.filter((ch) => lineage(ch.cls, ch.file, classNamed).some((l) => l.cls === cls));
      const sources: EntitySource[] = [
        ...own.map((o) => ({ ...o, via: o.cls === cls ? ('own' as const) : ('base' as const) })),
        ...heirs.flatMap((ch) => lineage(ch.cls, ch.file, classNamed).filter((l) => !own.some((o) => o.cls === l.cls)).map((l) => ({ ...l, via: 'child' as const }))),
      ];
      const b: BuiltEntity = { table, cls, file, uri, columns: new Map(), relations: [], sources };
      const primary: { name: string; span: Span; uri: string }[] = [];
      for (const src of sources) {
        for (const p of src.cls.properties) {
          for (const built of columnsOf(p, src.file, uriOf, dialect, table, schema, classNamed, naming)) {
            // TypeORM makes a child entity's columns nullable: the other kinds' rows have none.
            if (src.via === 'child') built.column.nullable = true;
            if (!b.columns.has(built.key)) b.columns.set(built.key, { column: built.column, property: built.property, file: built.file, uri: built.uri, ...(src.via === 'base' ? { via: 'base' as const } : built.via ? { via: built.via } : {}) });
            table.columns.push(built.column);
            if (built.primary) primary.push({ name: built.column.name, span: built.primary, uri: built.uri });
          }
        }
      }
      const inheritance = cls.decorators.find((d) => d.name === 'TableInheritance');
      if (inheritance) discriminator(table, inheritance, dialect, uri);
      if (primary.length) {
        table.indexes.push({ kind: 'primary', columns: primary.map((p) => p.name), inline: primary.length === 1, source: { uri: primary[0].uri, span: primary[0].span } });
      }
      entities.push(b);
      byClass.set(cls, b);
      for (const ch of heirs) byClass.set(ch.cls, b);
      if (!schema.tables.has(table.key)) schema.tables.set(table.key, table);
    }
  }

  // Relations need the referenced entity's columns; indexes need the relations' join columns.
  for (const b of entities) {
    if (b.table.kind !== 'table') continue;
    for (const { cls: c, file: f } of b.sources) {
      for (const p of c.properties) {
        const rel = p.decorators.find((d) => d.name === 'ManyToOne' || d.name === 'OneToOne');
        if (!rel) continue;
        const join = p.decorators.find((d) => d.name === 'JoinColumn');
        if (rel.name === 'OneToOne' && !join) continue;
        const targetName = targetOf(rel.args[0]);
        const target = targetName ? classNamed(targetName, f) : undefined;
        const parent = target && byClass.get(target.cls);
        readRelation(b, p, rel, join, f, uriOf(f.path), parent, naming);
      }
    }
    for (const { cls: c, file: f, via } of b.sources) {
      const u = uriOf(f.path);
      for (const p of c.properties) {
        const many = p.decorators.find((d) => d.name === 'ManyToMany');
        const join = p.decorators.find((d) => d.name === 'JoinTable');
        const targetName = many && targetOf(many.args[0]);
        const target = targetName ? classNamed(targetName, f) : undefined;
        const parent = target && byClass.get(target.cls);
        if (!many || !join || !parent) continue;
        const junction = junctionTable(b, p, many, join, parent, u, naming);
        if (!schema.tables.has(junction.key)) schema.tables.set(junction.key, junction);
      }
      for (const p of c.properties) for (const d of p.decorators) if (d.name === 'Index') propertyIndex(b, p, d, u);
      if (via !== 'base') for (const d of c.decorators) if (d.name === 'Index' || d.name === 'Unique') classIndex(b, d, u);
    }
  }
  return { schema, entities };
}

/** `@TableInheritance({ column: { type: 'varchar', name: 'type' } })`: the discriminator column, unless a property is it. */
function discriminator(table: Table, d: Decorator, dialect: Dialect, uri: string): void {
  const opts = optionsOf(d);
  const col = opts && property(opts, 'column')?.value;
  const o = col && unwrap(col).type === 'ObjectExpression' ? (unwrap(col) as t.ObjectExpression) : undefined;
  const name = stringValue(o && property(o, 'name')?.value) ?? 'type';
  if (!col || table.columns.some((c) => c.name === name)) return;
  const written = stringValue(o && property(o, 'type')?.value) ?? 'varchar';
  const at = { uri, span: spanOf(d.expression) };
  table.columns.push({ name, type: { name: columnType(dialect, written), params: [], array: false, written, source: at }, nullable: false, source: at, declaration: at });
}

function readRelation(b: BuiltEntity, p: EntityProperty, rel: Decorator, join: Decorator | undefined, file: EntityFile, uri: string, parent: BuiltEntity | undefined, naming: Naming): void {
  const relOpts = optionsOf(rel, 1);
  const joinArg = join?.args[0] && unwrap(join.args[0]);
  const joins = joinArg?.type === 'ArrayExpression' ? joinArg.elements.map((e) => (e ? unwrap(e) : undefined)) : [joinArg];
  const parentPk = parent?.table.indexes.find((i) => i.kind === 'primary')?.columns ?? ['id'];
  const columns: string[] = [];
  const refColumns: string[] = [];
  for (const [i, j] of joins.entries()) {
    const o = j?.type === 'ObjectExpression' ? j : undefined;
    const ref = stringValue(o && property(o, 'referencedColumnName')?.value) ?? parentPk[i] ?? parentPk[0];
    const name = stringValue(o && property(o, 'name')?.value) ?? naming.joinColumn(p.name, ref);
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
    refTable: parent?.table.key ?? snakeCase(targetOf(rel.args[0]) ?? ''),
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
