/**
 * The one place a SQL history changes the schema: `applyChange` takes what a reader made of a statement
 * (model/schema-change.ts) and applies it the way the engine would, settling what depends on the schema
 * as it stands (whether the table exists, implicit names, `REFERENCES parent` meaning its primary key).
 * Changes to a table the schema does not have are ignored; nothing here throws on well-typed input.
 */
import { dropColumn, dropTable, nameMatcher, refKey, removeNamed, renameColumn, renameNamed, renameTable } from './changes';
import { implicitName, makeObjectName, noteRelationName, relationNameTaken } from './names';
import type { Declared, SchemaChange, TableName } from './schema-change';
import { emptyTable, findColumn, type Column, type ColumnType, type Schema, type Table } from './schema';
import { mutableColumn, mutableColumns, mutableEnum, mutableParts, mutableTable, own, shareColumns } from './snapshot';

function newTable(name: TableName, kind: Table['kind']): Table {
  return { ...emptyTable(name, 'sql', kind), policies: [] };
}

/** A column type as the schema reads it: marked as an enum when it names one. */
function placedType(schema: Schema, type: ColumnType): ColumnType {
  return type.isEnum || !schema.enums.has(type.name.toLowerCase()) ? type : { ...type, isEnum: true };
}

/**
 * A statement's column as the schema's: the reading's own object when the schema adds nothing to it. A table given
 * that object copies its columns before it changes one (`shareColumns`): readings are read again by later replays.
 */
function placed(schema: Schema, column: Column): Column {
  const type = placedType(schema, column.type);
  return type === column.type ? column : { ...column, type };
}

/** Adds a statement's column to `table` (see `placed`). */
function pushPlaced(schema: Schema, table: Table, column: Column): void {
  const own = placed(schema, column);
  if (own === column) shareColumns(table);
  table.columns.push(own);
}

function copyColumns(into: Table, from: Table): void {
  for (const c of from.columns) if (!findColumn(into, c.name)) into.columns.push({ ...c, type: { ...c.type } });
}

/** A column restated in the same CREATE TABLE (a partition's `WITH OPTIONS`): the new definition wins. */
function upsertColumn(schema: Schema, table: Table, column: Column): void {
  const same = nameMatcher(schema.dialect);
  const i = table.columns.findIndex((c) => same(c.name, column.name));
  if (i >= 0) table.columns[i] = column;
  else table.columns.push(column);
}

function setNotNull(table: Table, columns: string[]): void {
  if (!table.columns.some((col) => columns.includes(col.name) && col.nullable !== false)) return;
  for (const col of mutableColumns(table)) if (columns.includes(col.name)) col.nullable = false;
}

const isKey = (d: Declared) => d.kind === 'index' && (d.index.kind === 'primary' || d.index.kind === 'unique');

/** Keys before references, so `REFERENCES this_table` finds this table's primary key. */
function keysFirst(list: readonly Declared[]): readonly Declared[] {
  // Already in that order (most tables: the key comes first, or there is no reference): no copy to sort.
  let keys = true;
  let ordered = true;
  for (const d of list) {
    if (!isKey(d)) keys = false;
    else if (!keys) ordered = false;
  }
  return ordered ? list : [...list].sort((a, b) => Number(isKey(b)) - Number(isKey(a)));
}

/** Records a key, index, foreign key or check on `table` (which may not be in the schema yet). */
function declare(schema: Schema, table: Table, d: Declared): void {
  switch (d.kind) {
    case 'index': {
      const index = { ...d.index, columns: [...d.index.columns] };
      if (d.unlessNamed && index.name && table.indexes.some((i) => i.name === index.name)) return;
      if (index.kind === 'primary') {
        if (d.replacesPrimary) table.indexes = table.indexes.filter((i) => i.kind !== 'primary');
        setNotNull(table, index.columns);
      }
      if (!index.name && d.implicit?.style === 'postgresql') {
        index.name = implicitName(table, d.implicit.parts, d.implicit.label, relationNameTaken(schema, table));
      }
      table.indexes.push(index);
      noteRelationName(schema, index.name);
      return;
    }
    case 'using-index': {
      const at = table.indexes.findIndex((i) => i.name === d.index);
      if (at < 0) return;
      const ix = mutableParts(table).indexes[at];
      ix.kind = d.as;
      if (d.name) ix.name = d.name;
      noteRelationName(schema, d.name);
      ix.source = d.source;
      if (d.as === 'primary') setNotNull(table, ix.columns);
      return;
    }
    case 'foreign': {
      const fk = { ...d.fk, columns: [...d.fk.columns], refColumns: [...d.fk.refColumns] };
      if (fk.refColumns.length === 0) {
        const key = refKey(fk);
        const parent = key === table.key ? table : schema.tables.get(key);
        fk.refColumns = parent?.indexes.find((i) => i.kind === 'primary')?.columns.slice() ?? [];
      }
      if (!fk.name && d.implicit?.style === 'postgresql') fk.name = implicitName(table, fk.columns, 'fkey');
      if (!fk.name && d.implicit?.style === 'mysql-fk') {
        const n = table.foreignKeys.filter((f) => /_ibfk_\d+$/.test(f.name ?? '')).length;
        fk.name = `${table.name}_ibfk_${n + 1}`;
      }
      table.foreignKeys.push(fk);
      return;
    }
    case 'check': {
      const check = { ...d.check, columns: [...d.check.columns] };
      if (d.columnsFromTable) {
        const known = check.columns.filter((w) => table.columns.some((c) => c.name.toLowerCase() === w.toLowerCase()));
        check.columns = known.filter((v, k) => known.indexOf(v) === k);
      }
      if (!check.name && d.implicit?.style === 'check') check.name = makeObjectName(table.name, d.implicit.column ?? check.columns[0], 'check');
      (table.checks ??= []).push(check);
      return;
    }
  }
}

function createTable(schema: Schema, c: Extract<SchemaChange, { op: 'create-table' }>): void {
  const existing = schema.tables.get(c.table.key);
  if (c.unread) {
    if (!existing) schema.tables.set(c.table.key, own(schema, { ...newTable(c.table, c.kind), partial: true, unread: true }));
    noteRelationName(schema, c.table.name);
    return;
  }
  // An existing table stays (IF NOT EXISTS skips; without it the engine fails), except a partial one
  // (made up from an earlier ALTER TABLE) and a view CREATE OR REPLACE replaces.
  if (existing && !existing.partial && !(c.replace && existing.kind === c.kind)) return;
  const table = own(schema, newTable(c.table, c.kind));
  for (const key of c.parents ?? []) {
    const parent = schema.tables.get(key);
    if (!parent) continue;
    copyColumns(table, parent);
    if (c.partition) {
      table.indexes.push(...parent.indexes.map((i) => ({ ...i, columns: [...i.columns] })));
      table.foreignKeys.push(...parent.foreignKeys.map((f) => ({ ...f })));
    }
  }
  let shares = false;
  for (const part of c.parts) {
    if ('column' in part) {
      const column = placed(schema, part.column);
      shares ||= column === part.column;
      upsertColumn(schema, table, column);
    } else {
      const like = schema.tables.get(part.like);
      if (like) copyColumns(table, like);
    }
  }
  if (shares) shareColumns(table);
  for (const d of keysFirst(c.declared)) declare(schema, table, d);
  schema.tables.set(table.key, table);
  noteRelationName(schema, table.name);
  for (const i of table.indexes) noteRelationName(schema, i.name);
}

function addColumn(schema: Schema, table: Table, c: Extract<SchemaChange, { op: 'add-column' }>): void {
  const existing = findColumn(table, c.column.name);
  if (existing && !c.restate) return;
  if (existing) {
    // MODIFY restates the column: its type, nullability and default; keys elsewhere stay.
    const i = table.columns.indexOf(existing);
    table.columns[i] = { ...c.column, type: placedType(schema, c.column.type), comment: existing.comment };
  } else pushPlaced(schema, table, c.column);
  for (const d of keysFirst(c.declared)) declare(schema, table, d);
}

function alterColumn(schema: Schema, table: Table, c: Extract<SchemaChange, { op: 'alter-column' }>): void {
  const found = findColumn(table, c.column);
  if (!found) {
    if (c.ifAbsent && table.partial) pushPlaced(schema, table, c.ifAbsent);
    return;
  }
  const column = mutableColumn(table, found);
  if (c.type) column.type = placedType(schema, c.type);
  if (c.nullable !== undefined) column.nullable = c.nullable;
  if (c.default === null) delete column.default;
  else if (c.default) column.default = { ...c.default };
  if (c.identity === 'add') {
    column.nullable = false;
    column.default = { text: 'GENERATED AS IDENTITY', generated: 'identity' };
  } else if (c.identity === 'drop' && column.default?.generated === 'identity') delete column.default;
}

/** Tables of a schema namespace (index names are unique per namespace, not per table); `'*'`: every table. */
function tablesIn(schema: Schema, ns: string | undefined): Table[] {
  const all = [...schema.tables.values()];
  if (ns === '*') return all;
  const want = !ns || ns === 'public' ? '' : ns;
  return all.filter((t) => (!t.schema || t.schema === 'public' ? '' : t.schema) === want);
}

/** `COMMENT ... IS NULL` removes the comment. */
function setComment(target: { comment?: string }, text: string | undefined): void {
  if (text === undefined) delete target.comment;
  else target.comment = text;
}

/** Applies one change to the schema, in place. */
export function applyChange(schema: Schema, c: SchemaChange): void {
  switch (c.op) {
    case 'create-table':
      return createTable(schema, c);
    case 'ensure-table':
      if (!schema.tables.has(c.table.key)) schema.tables.set(c.table.key, own(schema, { ...newTable(c.table, 'table'), partial: true }));
      noteRelationName(schema, c.table.name);
      return;
    case 'drop-table':
      return dropTable(schema, c.key);
    case 'create-enum':
      if (!schema.enums.has(c.key)) schema.enums.set(c.key, own(schema, { ...c.enum, values: [...c.enum.values] }));
      return;
    case 'drop-enum':
      schema.enums.delete(c.key);
      return;
    case 'alter-enum': {
      const e = mutableEnum(schema, c.key);
      if (!e) return;
      if (c.rename) {
        const { from, to } = c.rename;
        e.values = e.values.map((v) => (v === from ? to : v));
      } else if (c.add && !e.values.includes(c.add.value)) {
        const at = c.add.neighbor !== undefined ? e.values.indexOf(c.add.neighbor) : -1;
        if (at < 0) e.values.push(c.add.value);
        else e.values.splice(c.add.after ? at + 1 : at, 0, c.add.value);
      }
      return;
    }
    case 'drop-named':
      if (c.table !== undefined) {
        const t = schema.tables.get(c.table);
        if (t) removeNamed(schema, t, c.name);
      } else tablesIn(schema, c.namespace).some((t) => removeNamed(schema, t, c.name));
      return;
    case 'rename-named':
      if (c.table !== undefined) {
        const t = schema.tables.get(c.table);
        if (t) renameNamed(schema, t, c.from, c.to);
      } else tablesIn(schema, c.namespace).some((t) => renameNamed(schema, t, c.from, c.to));
      return;
  }
  const found = schema.tables.get(c.op === 'rename-table' ? c.key : c.table);
  if (!found) return;
  const table = mutableTable(schema, found);
  switch (c.op) {
    case 'rename-table':
      renameTable(schema, table, c.schema ?? table.schema, c.name ?? table.name);
      return;
    case 'add-column':
      return addColumn(schema, table, c);
    case 'drop-column':
      return dropColumn(schema, table, c.column);
    case 'rename-column':
      renameColumn(schema, table, findColumn(table, c.from)?.name ?? c.from, c.to);
      return;
    case 'alter-column':
      return alterColumn(schema, table, c);
    case 'declare':
      return declare(schema, table, c.declared);
    case 'drop-primary':
      table.indexes = table.indexes.filter((i) => i.kind !== 'primary');
      return;
    case 'validate-check': {
      const at = table.checks?.findIndex((x) => x.name === c.name) ?? -1;
      if (at >= 0) delete mutableParts(table).checks![at].notValid;
      return;
    }
    case 'row-security':
      table.rls = { enabled: c.enabled ?? table.rls?.enabled ?? false, forced: c.forced ?? table.rls?.forced ?? false };
      return;
    case 'comment': {
      const column = c.column === undefined ? undefined : findColumn(table, c.column);
      const target = c.column === undefined ? table : column && mutableColumn(table, column);
      if (target) setComment(target, c.text);
      return;
    }
    case 'create-policy':
      if (!table.policies?.some((p) => p.name === c.name)) (table.policies ??= []).push({ name: c.name, source: c.source });
      return;
    case 'drop-policy':
      if (table.policies) table.policies = table.policies.filter((p) => p.name !== c.name);
      return;
    case 'rename-policy': {
      const at = table.policies?.findIndex((p) => p.name === c.from) ?? -1;
      if (at >= 0) mutableParts(table).policies![at].name = c.to;
      return;
    }
    default: {
      const unhandled: never = c;
      return unhandled;
    }
  }
}

/** Applies a statement's changes in order. */
export function applyChanges(schema: Schema, changes: readonly SchemaChange[]): void {
  for (const c of changes) applyChange(schema, c);
}
