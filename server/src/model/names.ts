/**
 * The names PostgreSQL gives what a statement leaves unnamed (`users_email_key`, `posts_author_id_idx`),
 * so a later `DROP CONSTRAINT users_email_key` finds its target, and fixes name new indexes the same way.
 */
import type { Schema, Table } from './schema';
import { EncodedOffsets } from './text';

/** PostgreSQL truncates identifiers to NAMEDATALEN - 1 bytes. */
export const MAX_IDENTIFIER_BYTES = 63;

function namespaceOf(schema: string | undefined): string {
  return !schema || schema === 'public' ? '' : schema;
}

/** Cuts `s` to at most `bytes` UTF-8 bytes without splitting a character. */
export function clipBytes(s: string, bytes: number): string {
  if (EncodedOffsets.utf8Length(s) <= bytes) return s;
  let out = '';
  let used = 0;
  for (const ch of s) {
    const w = EncodedOffsets.utf8Length(ch);
    if (used + w > bytes) break;
    out += ch;
    used += w;
  }
  return out;
}

/**
 * PostgreSQL's makeObjectName: `name1_name2_label`, shortening the longer of name1/name2 until the
 * whole fits in 63 bytes.
 */
export function makeObjectName(name1: string, name2: string | undefined, label: string): string {
  const overhead = label.length + 1 + (name2 ? 1 : 0);
  const avail = MAX_IDENTIFIER_BYTES - overhead;
  let n1 = EncodedOffsets.utf8Length(name1);
  let n2 = name2 ? EncodedOffsets.utf8Length(name2) : 0;
  while (n1 + n2 > avail) {
    if (n1 > n2) n1--;
    else n2--;
  }
  const parts = [clipBytes(name1, n1)];
  if (name2) parts.push(clipBytes(name2, n2));
  parts.push(label);
  return parts.join('_');
}

/**
 * Per schema, every relation name (table or index) it has had: a superset of the names it has, so a name
 * missing from it is free without looking through the tables. Names are only added (by `noteRelationName`
 * wherever the replay gives a table or an index a name), never removed. A snapshot does not share its
 * schema's set: it builds its own from its tables the first time it is asked (once per snapshot that goes
 * on changing), so a replay resumed from a kept state does not find every name the previous replay gave
 * after that state, which made each of them a look through every table.
 */
const relationNames = new WeakMap<Schema, Set<string>>();

function namesEver(schema: Schema): Set<string> {
  let names = relationNames.get(schema);
  if (!names) {
    names = new Set();
    for (const t of schema.tables.values()) {
      names.add(t.name);
      for (const i of t.indexes) if (i.name) names.add(i.name);
    }
    relationNames.set(schema, names);
  }
  return names;
}

/** The schema now has a table or index of this name (model/apply.ts and model/changes.ts say so as they name one). */
export function noteRelationName(schema: Schema, name: string | undefined): void {
  if (name) relationNames.get(schema)?.add(name);
}

/**
 * Whether a relation (table, view, index) of that name exists in the table's schema namespace, where
 * PostgreSQL requires relation names to be unique. Also counts the table's own indexes, in case the
 * table is not in the schema yet (a CREATE TABLE being built).
 */
export function relationNameTaken(schema: Schema | undefined, table: Table): (name: string) => boolean {
  const ns = namespaceOf(table.schema);
  return (name) => {
    if (table.name === name || table.indexes.some((i) => i.name === name)) return true;
    if (!schema || !namesEver(schema).has(name)) return false;
    for (const t of schema.tables.values()) {
      if (namespaceOf(t.schema) !== ns) continue;
      if (t.name === name || t.indexes.some((i) => i.name === name)) return true;
    }
    return false;
  };
}

/** PostgreSQL's ChooseRelationName: the name, or the name with a number when it is taken. */
export function chooseRelationName(name1: string, name2: string | undefined, label: string, taken: (name: string) => boolean): string {
  let name = makeObjectName(name1, name2, label);
  for (let n = 1; taken(name); n++) name = makeObjectName(name1, name2, `${label}${n}`);
  return name;
}

/** Implicit index/constraint name for `table (columns)`: `users_email_key`, `posts_author_id_idx`. */
export function implicitName(table: Table, columns: string[], label: 'pkey' | 'key' | 'idx' | 'fkey', taken?: (name: string) => boolean): string {
  const name2 = label === 'pkey' ? undefined : columns.join('_');
  return taken ? chooseRelationName(table.name, name2, label, taken) : makeObjectName(table.name, name2, label);
}
