/**
 * The tables a PostgreSQL statement names, as `TableName`s: the lookup key, and the name span and
 * statement a table made up from it would point at (a migration changing a table this history never
 * created gets a partial stand-in; see `Table.partial`).
 */
import type { RangeVar } from 'libpg-query';
import type { TableName } from '../model/schema-change';
import type { Table } from '../model/schema';
import { lazyProperty } from '../model/text';
import { tableKey } from './names';
import type { Site } from './site';
import { nameEnd } from './tokens';

export function isPartial(table: Table): boolean {
  return table.partial === true;
}

/** The key of the table a `RangeVar` names, if it names one. */
export function relKey(rel: RangeVar | undefined): string | undefined {
  return rel?.relname ? tableKey(rel.schemaname, rel.relname) : undefined;
}

/**
 * The table `rel` names. Its `source` (the name's span) needs the statement's tokens, so it is worked out
 * only when read: most statements of a history change tables that exist and never need it.
 */
export function tableName(site: Site, rel: RangeVar | undefined): TableName | undefined {
  if (!rel?.relname) return undefined;
  const name = { key: tableKey(rel.schemaname, rel.relname), name: rel.relname } as TableName;
  lazyProperty(name, 'source', () => {
    const at = site.at(rel.location);
    return at >= 0 ? site.tokenRef(at, nameEnd(site.tokens, at)) : site.statementRef();
  });
  name.declaration = site.statementRef();
  if (rel.schemaname) name.schema = rel.schemaname;
  return name;
}
