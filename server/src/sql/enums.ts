/**
 * Enum types: CREATE TYPE ... AS ENUM and ALTER TYPE ... ADD/RENAME VALUE, so columns of an enum type
 * can be told from free text.
 */
import type { AlterEnumStmt, CreateEnumStmt } from 'libpg-query';
import type { Schema } from '../model/schema';
import { strings } from './ast';
import { qualifiedName, splitQualified, tableKey } from './names';
import type { Site } from './site';
import { findWord, nameEnd } from './tokens';

export function createEnum(site: Site, schema: Schema, s: CreateEnumStmt): void {
  const { ns, name } = splitQualified(strings(s.typeName));
  const key = tableKey(ns, name);
  if (!name || schema.enums.has(key)) return;
  // The statement node has no location: the name is what follows TYPE.
  const kw = findWord(site.tokens, 0, site.tokens.length - 1, 'type');
  const source = kw >= 0 && kw + 1 < site.tokens.length ? site.tokenRef(kw + 1, nameEnd(site.tokens, kw + 1)) : site.statementRef();
  schema.enums.set(key, { name: qualifiedName(ns, name), values: strings(s.vals), source });
}

export function alterEnum(schema: Schema, s: AlterEnumStmt): void {
  const { ns, name } = splitQualified(strings(s.typeName));
  const e = schema.enums.get(tableKey(ns, name));
  const value = s.newVal;
  if (!e || value === undefined) return;
  if (s.oldVal !== undefined) {
    e.values = e.values.map((v) => (v === s.oldVal ? value : v));
    return;
  }
  if (e.values.includes(value)) return;
  const at = s.newValNeighbor !== undefined ? e.values.indexOf(s.newValNeighbor) : -1;
  if (at < 0) e.values.push(value);
  else e.values.splice(s.newValIsAfter ? at + 1 : at, 0, value);
}
