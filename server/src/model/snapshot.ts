/**
 * Schema snapshots that share what did not change. A replay keeps states of the schema (checkpoints in a
 * history, states within a file for hovers and edits, the tables a statement named as they stood before
 * it); copying every table for each would cost the whole schema per state. A `snapshot` copies the two
 * maps only: the table and enum objects are then shared, and the replay copies one the first time it
 * changes it (`mutableTable`, `mutableEnum`), and a column the first time one of the table's columns changes
 * (`mutableColumns`; a table built by a statement holds that statement's column objects until then), and its
 * indexes, keys, checks and policies the first time one of those changes in place (`mutableParts`). Only
 * model/apply.ts and model/changes.ts change a schema, and they ask for a mutable copy before every change.
 *
 * A schema that was never snapshotted (a Prisma or TypeScript model, a fresh replay) owns all its
 * objects and changes them in place.
 */
import type { Column, EnumType, Schema, Table } from './schema';

/** Per schema that shares objects: the tables and enums it made or copied itself since its last snapshot. */
const owned = new WeakMap<Schema, WeakSet<object>>();

/** Counts of the copies made, for tests that guard how much a replay copies (never reset by the code). */
export const snapshotWork = { snapshots: 0, tablesCopied: 0, columnsCopied: 0, partsCopied: 0 };

function cloneColumn(c: Column): Column {
  const out: Column = { ...c, type: { ...c.type } };
  if (c.default) out.default = { ...c.default };
  return out;
}

/**
 * Tables whose column objects are still those of the table they were copied from: most statements that change a
 * table (an index, a key, a comment on it) leave its columns alone, so they are copied on the first change to one
 * (`mutableColumns`), not with the table.
 */
const sharedColumns = new WeakSet<Table>();

/**
 * Tables whose indexes, foreign keys, checks and policies are still the objects of the table they were copied from:
 * most statements add one or drop one, which changes the lists, not the objects in them (`mutableParts`).
 */
const sharedParts = new WeakSet<Table>();

/**
 * A copy of what the replay changes in a table: its lists of columns, indexes, keys, checks and policies. The objects
 * in them are copied on the first change to one (`mutableColumns`, `mutableParts`).
 */
export function cloneTable(t: Table): Table {
  snapshotWork.tablesCopied++;
  const out: Table = { ...t, columns: [...t.columns], indexes: [...t.indexes], foreignKeys: [...t.foreignKeys] };
  if (t.rls) out.rls = { ...t.rls };
  if (t.policies) out.policies = [...t.policies];
  if (t.checks) out.checks = [...t.checks];
  sharedColumns.add(out);
  sharedParts.add(out);
  return out;
}

/**
 * `table` (one the schema may change, see `mutableTable`) with indexes, foreign keys, checks and policies safe to
 * change in place.
 */
export function mutableParts(table: Table): Table {
  if (sharedParts.delete(table)) {
    snapshotWork.partsCopied++;
    table.indexes = table.indexes.map((i) => ({ ...i, columns: [...i.columns] }));
    table.foreignKeys = table.foreignKeys.map((f) => ({ ...f, columns: [...f.columns], refColumns: [...f.refColumns] }));
    if (table.policies) table.policies = table.policies.map((p) => ({ ...p }));
    if (table.checks) table.checks = table.checks.map((c) => ({ ...c, columns: [...c.columns] }));
  }
  return table;
}

/**
 * `table` holds column objects it does not own (a statement's reading, which later replays read again): the first
 * change to one of its columns copies them (`mutableColumns`).
 */
export function shareColumns(table: Table): void {
  sharedColumns.add(table);
}

/** The columns of a table the schema may change (see `mutableTable`), each safe to change in place. */
export function mutableColumns(table: Table): Column[] {
  if (sharedColumns.has(table)) {
    snapshotWork.columnsCopied += table.columns.length;
    table.columns = table.columns.map(cloneColumn);
    sharedColumns.delete(table);
  }
  return table.columns;
}

/** One column of `table` (one of its own), safe to change in place: found before the columns are copied. */
export function mutableColumn(table: Table, column: Column): Column {
  const at = table.columns.indexOf(column);
  return mutableColumns(table)[at];
}

/**
 * A state of `schema` that later changes to either leave alone: both share every table and enum from
 * now on, and each copies one before changing it. Costs the two maps, not their contents.
 */
export function snapshot(schema: Schema): Schema {
  snapshotWork.snapshots++;
  owned.set(schema, new WeakSet());
  const copy: Schema = { dialect: schema.dialect, tables: copyMap(schema.tables), enums: copyMap(schema.enums) };
  owned.set(copy, new WeakSet());
  return copy;
}

/** A copy of a map, entry by entry: `new Map(map)` goes through its iterator, which makes an array per entry. */
export function copyMap<K, V>(map: ReadonlyMap<K, V>, keep?: (value: V) => boolean): Map<K, V> {
  const out = new Map<K, V>();
  map.forEach((v, k) => {
    if (!keep || keep(v)) out.set(k, v);
  });
  return out;
}

/** `table` is held elsewhere now (a statement's "before" state): the schema copies it before changing it. */
export function share(schema: Schema, table: Table): void {
  owned.get(schema)?.delete(table);
  if (!owned.has(schema)) owned.set(schema, new WeakSet());
}

/**
 * Whether `table` can no longer change in place: `schema` shares its objects (it was snapshotted) and did not make or
 * copy the table since. A table two schemas hold is owned by neither, so every later change copies it first. A
 * schema that was never snapshotted owns everything in it.
 */
export function settled(schema: Schema, table: Table): boolean {
  const mine = owned.get(schema);
  return mine !== undefined && !mine.has(table);
}

/** Marks an object the schema made itself: it changes it in place. */
export function own<T extends object>(schema: Schema, made: T): T {
  owned.get(schema)?.add(made);
  return made;
}

/** The table under its key, made safe to change in place: a copy when it is shared with a snapshot. */
export function mutableTable(schema: Schema, table: Table): Table {
  const mine = owned.get(schema);
  if (!mine || mine.has(table)) return table;
  const copy = cloneTable(table);
  mine.add(copy);
  if (schema.tables.get(table.key) === table) schema.tables.set(table.key, copy);
  return copy;
}

/** The enum under `key`, made safe to change in place. */
export function mutableEnum(schema: Schema, key: string): EnumType | undefined {
  const e = schema.enums.get(key);
  const mine = owned.get(schema);
  if (!e || !mine || mine.has(e)) return e;
  const copy = { ...e, values: [...e.values] };
  mine.add(copy);
  schema.enums.set(key, copy);
  return copy;
}
