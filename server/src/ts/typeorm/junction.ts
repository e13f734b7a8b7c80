/**
 * `@ManyToMany(() => Tag) @JoinTable()`: the junction table TypeORM creates for the owning side, named and
 * shaped as its JunctionEntityMetadataBuilder does: `<owner table>_<property>_<target table>` in snake_case,
 * a column per side (`<table>Id`, camelCase of table and key), both in the primary key, each with a foreign
 * key (ON DELETE CASCADE unless the relation says otherwise), the inverse side's with an index of its own.
 */
import { emptyTable, type Column, type ForeignKey, type ReferentialAction, type Table } from '../../model/schema';
import { property, spanOf, stringValue, unwrap, type t } from '../parse';
import type { BuiltEntity } from './build';
import { optionsOf, type Decorator, type EntityProperty } from './read';
import { snakeCase, type Naming } from './types';

const ACTIONS: Record<string, ReferentialAction> = { cascade: 'cascade', 'set null': 'set null', restrict: 'restrict', 'no action': 'no action', default: 'set default' };

export function junctionTable(owner: BuiltEntity, p: EntityProperty, relation: Decorator, joinTable: Decorator, target: BuiltEntity, uri: string, naming: Naming): Table {
  const opts = optionsOf(joinTable);
  const side = (key: string) => {
    const v = opts && property(opts, key)?.value;
    const u = v && unwrap(v);
    return u?.type === 'ObjectExpression' ? u : undefined;
  };
  const name = stringValue(opts && property(opts, 'name')?.value) ?? snakeCase(`${owner.table.name}_${p.name}_${target.table.name}`);
  const at = { uri, span: spanOf(joinTable.expression) };
  const onDelete = stringValue(optionsOf(relation, 1) && property(optionsOf(relation, 1)!, 'onDelete')?.value)?.toLowerCase();
  const table = emptyTable({ key: name.toLowerCase(), name, source: at, declaration: { uri, span: spanOf(p.node) } }, 'typeorm');
  const sides: [BuiltEntity, t.ObjectExpression | undefined][] = [
    [owner, side('joinColumn')],
    [target, side('inverseJoinColumn')],
  ];
  for (const [entity, o] of sides) {
    const ref = stringValue(o && property(o, 'referencedColumnName')?.value) ?? entity.table.indexes.find((i) => i.kind === 'primary')?.columns[0] ?? 'id';
    const refColumn = entity.table.columns.find((c) => c.name === ref);
    let columnName = stringValue(o && property(o, 'name')?.value) ?? naming.joinTableColumn(entity.table.name, ref);
    if (table.columns.some((c) => c.name === columnName)) columnName = `${columnName}_2`;
    const column: Column = {
      name: columnName,
      type: refColumn ? { ...refColumn.type, source: at } : { name: 'int4', params: [], array: false, written: 'integer', source: at },
      nullable: false,
      source: at,
      declaration: at,
    };
    table.columns.push(column);
    const fk: ForeignKey = { columns: [columnName], refTable: entity.table.key, refColumns: [ref], source: at, declaration: at, onDelete: (entity === owner && onDelete && ACTIONS[onDelete]) || 'cascade' };
    table.foreignKeys.push(fk);
    // TypeORM indexes the owner's column too, but the primary key leads with it: that index is not drawn,
    // so redundant-index does not ask to remove what no entity can change.
    if (entity !== owner) table.indexes.push({ kind: 'index', columns: [columnName], source: at });
  }
  table.indexes.unshift({ kind: 'primary', columns: table.columns.map((c) => c.name), source: at });
  return table;
}
