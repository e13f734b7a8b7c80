/**
 * PostgreSQL naming: lookup keys, the names PostgreSQL gives unnamed constraints and indexes (so a later
 * `DROP CONSTRAINT users_email_key` finds its target). Identifier quoting is `model/identifiers`.
 * The parser has already folded unquoted identifiers to lower case and kept quoted ones as written.
 */
import { quoteQualified } from '../model/identifiers';
import type { Dialect, Table } from '../model/schema';

export { qualifiedName, tableKey } from '../model/changes';

/** `[schema.]name` parts of a dotted name list: the last is the name, the one before it the schema. */
export function splitQualified(names: string[]): { ns?: string; name: string } {
  return { ns: names.length > 1 ? names[names.length - 2] : undefined, name: names[names.length - 1] ?? '' };
}

export { MAX_IDENTIFIER_BYTES, chooseRelationName, clipBytes, implicitName, makeObjectName, relationNameTaken } from '../model/names';

/** `schema.table` for generated SQL in `dialect`, schema only when the table was written with one. */
export function quoteTable(table: Table, dialect: Dialect): string {
  return quoteQualified(table.schema, table.name, dialect);
}
