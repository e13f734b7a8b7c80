/**
 * Enum types: CREATE TYPE ... AS ENUM and ALTER TYPE ... ADD/RENAME VALUE, so columns of an enum type
 * can be told from free text.
 */
import type { AlterEnumStmt, CreateEnumStmt } from 'libpg-query';
import type { SchemaChange } from '../model/schema-change';
import { strings } from './ast';
import { qualifiedName, splitQualified, tableKey } from './names';
import type { Site } from './site';
import { findWord, nameEnd } from './tokens';

export function createEnum(site: Site, s: CreateEnumStmt): SchemaChange[] {
  const { ns, name } = splitQualified(strings(s.typeName));
  if (!name) return [];
  // The statement node has no location: the name is what follows TYPE.
  const kw = findWord(site.tokens, 0, site.tokens.length - 1, 'type');
  const source = kw >= 0 && kw + 1 < site.tokens.length ? site.tokenRef(kw + 1, nameEnd(site.tokens, kw + 1)) : site.statementRef();
  return [{ op: 'create-enum', key: tableKey(ns, name), enum: { name: qualifiedName(ns, name), values: strings(s.vals), source } }];
}

export function alterEnum(s: AlterEnumStmt): SchemaChange[] {
  const { ns, name } = splitQualified(strings(s.typeName));
  const value = s.newVal;
  if (value === undefined) return [];
  const key = tableKey(ns, name);
  if (s.oldVal !== undefined) return [{ op: 'alter-enum', key, rename: { from: s.oldVal, to: value } }];
  return [{ op: 'alter-enum', key, add: { value, neighbor: s.newValNeighbor, after: !!s.newValIsAfter } }];
}
