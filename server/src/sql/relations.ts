/**
 * Finding the table a statement is about, and making one up when a migration changes a table this
 * history never created (the usual case for a single migration file): a partial table that holds only
 * what the statements say, so a column type or foreign key added there can still be checked.
 */
import type { RangeVar } from 'libpg-query';
import type { Schema, Table } from '../model/schema';
import { tableKey } from './names';
import type { Site } from './site';
import { nameEnd } from './tokens';

/**
 * `partial` marks a table known only from ALTER TABLE / CREATE INDEX statements: its other columns,
 * keys and indexes are unknown, so whole-table judgements (no primary key, too few timestamps) do not
 * apply. It is not in `Table` yet; see the report that introduced it.
 */

export function isPartial(table: Table): boolean {
  return table.partial === true;
}

export function lookup(schema: Schema, rel: RangeVar | undefined): Table | undefined {
  return rel?.relname ? schema.tables.get(tableKey(rel.schemaname, rel.relname)) : undefined;
}

export function newTable(site: Site, rel: RangeVar & { relname: string }, kind: Table['kind']): Table {
  const at = site.at(rel.location);
  const table: Table = {
    key: tableKey(rel.schemaname, rel.relname),
    name: rel.relname,
    origin: 'sql',
    kind,
    columns: [],
    indexes: [],
    foreignKeys: [],
    policies: [],
    checks: [],
    source: at >= 0 ? site.tokenRef(at, nameEnd(site.tokens, at)) : site.statementRef(),
    declaration: site.statementRef(),
  };
  if (rel.schemaname) table.schema = rel.schemaname;
  return table;
}

/** The table an ALTER TABLE or CREATE INDEX changes: the known one, or a new partial one. */
export function targetTable(site: Site, schema: Schema, rel: RangeVar | undefined): Table | undefined {
  if (!rel?.relname) return undefined;
  const known = lookup(schema, rel);
  if (known) return known;
  const stub: Table = { ...newTable(site, { ...rel, relname: rel.relname }, 'table'), partial: true };
  schema.tables.set(stub.key, stub);
  return stub;
}
