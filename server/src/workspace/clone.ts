/**
 * Copies of the model for replay checkpoints: everything the SQL builder mutates is copied (tables,
 * their column, index, key, check and policy objects and lists); `SourceRef`s and spans are shared,
 * since nothing changes them in place.
 */
import type { Column, Schema, Table } from '../model/schema';

function cloneColumn(c: Column): Column {
  const out: Column = { ...c, type: { ...c.type } };
  if (c.default) out.default = { ...c.default };
  return out;
}

export function cloneTable(t: Table): Table {
  const out: Table = {
    ...t,
    columns: t.columns.map(cloneColumn),
    indexes: t.indexes.map((i) => ({ ...i, columns: [...i.columns] })),
    foreignKeys: t.foreignKeys.map((f) => ({ ...f, columns: [...f.columns], refColumns: [...f.refColumns] })),
  };
  if (t.rls) out.rls = { ...t.rls };
  if (t.policies) out.policies = t.policies.map((p) => ({ ...p }));
  if (t.checks) out.checks = t.checks.map((c) => ({ ...c, columns: [...c.columns] }));
  return out;
}

export function cloneSchema(s: Schema): Schema {
  const tables = new Map<string, Table>();
  for (const [k, t] of s.tables) tables.set(k, cloneTable(t));
  const enums = new Map<string, Schema['enums'] extends Map<string, infer E> ? E : never>();
  for (const [k, e] of s.enums) enums.set(k, { ...e, values: [...e.values] });
  return { dialect: s.dialect, tables, enums };
}
