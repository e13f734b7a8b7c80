/**
 * The shape of `get_datamodel`'s JSON (the part this project reads), as both engine versions emit it.
 * It is an internal Prisma format: every property is treated as optional.
 */

export interface DmField {
  name: string;
  dbName?: string | null;
  /** `scalar`, `enum`, `object` (relation or composite type); Unsupported fields are left out. */
  kind: string;
  type: string;
  isList?: boolean;
  isRequired?: boolean;
  isUpdatedAt?: boolean;
  /** `["VarChar", ["255"]]`. */
  nativeType?: [string, string[]] | null;
  relationName?: string;
  relationFromFields?: string[];
  relationToFields?: string[];
  relationOnDelete?: string;
  relationOnUpdate?: string;
}

export interface DmModel {
  name: string;
  dbName?: string | null;
  schema?: string | null;
  fields: DmField[];
  documentation?: string;
}

export interface DmIndex {
  model: string;
  /** `id`, `unique`, `normal`, `fulltext`. */
  type: string;
  isDefinedOnField?: boolean;
  name?: string;
  dbName?: string;
  algorithm?: string;
  fields: { name: string; sortOrder?: string; length?: number; operatorClass?: string }[];
}

export interface DmEnum {
  name: string;
  dbName?: string | null;
  values: { name: string; dbName?: string | null }[];
}

export interface Datamodel {
  models?: DmModel[];
  enums?: DmEnum[];
  types?: DmModel[];
  indexes?: DmIndex[];
}
