/**
 * What a schema means, in one shape whichever way it was learnt: from Prisma's engine (`get_datamodel`,
 * the authority when the schema validates) or from the scanner alone (a half-typed schema the engine
 * rejects). Scanner facts always carry source positions; engine facts borrow them from the scanner by
 * name (the engine reports none), and keep the engine's view of kinds, relations, names and indexes.
 */
import type { Datamodel, DmField, DmIndex, DmModel } from './datamodel';
import { argument, fieldList, findAttribute, nativeAttribute, type Attribute, type Block, type Expr, type Field, type ScannedFile } from './syntax';
import { SCALARS } from './types';

export interface Located<T> {
  uri: string;
  node: T;
}

export interface FactField {
  name: string;
  dbName?: string;
  kind: 'scalar' | 'enum' | 'object' | 'composite' | 'unsupported';
  /** Scalar, enum, model or composite type name; for Unsupported("x") the database type `x`. */
  type: string;
  isList: boolean;
  isRequired: boolean;
  isUpdatedAt: boolean;
  nativeType?: { name: string; args: string[] };
  relation?: { name?: string; fields: string[]; references: string[]; onDelete?: string; onUpdate?: string };
  src?: Located<Field>;
}

export interface FactIndex {
  kind: 'id' | 'unique' | 'normal' | 'fulltext';
  /** Field names, in index order. */
  fields: string[];
  /** The database name (`map:`). */
  dbName?: string;
  algorithm?: string;
  onField: boolean;
  /** `where:` of a partial index (preview `partialIndexes`), as written. */
  where?: string;
  src?: Located<Attribute>;
}

export interface FactModel {
  name: string;
  dbName?: string;
  schema?: string;
  view: boolean;
  fields: FactField[];
  indexes: FactIndex[];
  documentation?: string;
  src?: Located<Block>;
}

export interface FactEnum {
  name: string;
  dbName?: string;
  schema?: string;
  values: { name: string; dbName?: string }[];
  src?: Located<Block>;
}

export interface Facts {
  origin: 'engine' | 'scanner';
  models: FactModel[];
  enums: FactEnum[];
}

function stringArg(attr: Attribute | undefined, name: string, position?: number): string | undefined {
  const v = argument(attr, name, position)?.value;
  return v?.kind === 'string' ? v.value : undefined;
}

function identArg(attr: Attribute | undefined, name: string): string | undefined {
  const v = argument(attr, name)?.value;
  return v?.kind === 'ident' ? v.value : undefined;
}

function whereText(e: Expr | undefined): string | undefined {
  if (!e) return undefined;
  if (e.kind === 'call' && e.value === 'raw') {
    const inner = e.args?.[0]?.value;
    if (inner?.kind === 'string') return inner.value;
  }
  return e.text;
}

// ---------------------------------------------------------------------------------------------------
// From the scanner

function scanIndexes(block: Block, uri: string): FactIndex[] {
  const out: FactIndex[] = [];
  for (const f of block.fields) {
    for (const a of f.attributes) {
      if (a.name !== 'id' && a.name !== 'unique') continue;
      out.push({ kind: a.name === 'id' ? 'id' : 'unique', fields: [f.name], dbName: stringArg(a, 'map'), onField: true, src: { uri, node: a } });
    }
  }
  for (const a of block.attributes) {
    const kind = a.name === 'id' ? 'id' : a.name === 'unique' ? 'unique' : a.name === 'index' ? 'normal' : a.name === 'fulltext' ? 'fulltext' : undefined;
    if (!kind) continue;
    out.push({
      kind,
      fields: fieldList(argument(a, 'fields', 0)?.value),
      // `name:` on @@index is the pre-3.0 spelling of `map:`; on @@id/@@unique it names the client accessor.
      dbName: stringArg(a, 'map') ?? (kind === 'normal' ? stringArg(a, 'name') : undefined),
      algorithm: identArg(a, 'type'),
      onField: false,
      where: whereText(argument(a, 'where')?.value),
      src: { uri, node: a },
    });
  }
  return out;
}

function scanField(f: Field, uri: string, names: { models: Set<string>; enums: Set<string>; types: Set<string> }): FactField | undefined {
  let kind: FactField['kind'];
  let type = f.type;
  if (SCALARS.has(f.type)) kind = 'scalar';
  else if (f.type === 'Unsupported') {
    kind = 'unsupported';
    const arg = f.typeArgs?.[0]?.value;
    type = arg?.kind === 'string' ? arg.value ?? '' : '';
  } else if (names.enums.has(f.type)) kind = 'enum';
  else if (names.models.has(f.type)) kind = 'object';
  else if (names.types.has(f.type)) kind = 'composite';
  // A type still being typed, or one no block declares: Prisma reports it; it is no column.
  else return undefined;

  const native = nativeAttribute(f);
  const rel = kind === 'object' ? findAttribute(f.attributes, 'relation') : undefined;
  return {
    name: f.name,
    dbName: stringArg(findAttribute(f.attributes, 'map'), 'name', 0),
    kind,
    type,
    isList: f.list,
    isRequired: !f.optional,
    isUpdatedAt: f.attributes.some((a) => a.name === 'updatedAt'),
    nativeType: native ? { name: native.name.slice(3), args: (native.args ?? []).map((a) => a.value.text) } : undefined,
    relation:
      kind === 'object'
        ? {
            name: stringArg(rel, 'name', 0),
            fields: fieldList(argument(rel, 'fields')?.value),
            references: fieldList(argument(rel, 'references')?.value),
            onDelete: identArg(rel, 'onDelete'),
            onUpdate: identArg(rel, 'onUpdate'),
          }
        : undefined,
    src: { uri, node: f },
  };
}

/**
 * Each block's facts, kept while the block (the scan after an edit keeps the blocks before it) and the names it
 * was read against stay the same.
 */
const blockFacts = new WeakMap<Block, { uri: string; names: string; fact: FactModel | FactEnum }>();

export function factsFromScan(scans: readonly ScannedFile[]): Facts {
  const names = { models: new Set<string>(), enums: new Set<string>(), types: new Set<string>() };
  const declared: string[] = [];
  for (const s of scans) {
    for (const b of s.blocks) {
      if (b.kind === 'model' || b.kind === 'view') names.models.add(b.name);
      else if (b.kind === 'enum') names.enums.add(b.name);
      else if (b.kind === 'type') names.types.add(b.name);
      else continue;
      declared.push(`${b.kind === 'view' ? 'model' : b.kind} ${b.name}`);
    }
  }
  const namesKey = declared.join('\n');
  const facts: Facts = { origin: 'scanner', models: [], enums: [] };
  for (const s of scans) {
    for (const b of s.blocks) {
      const known = blockFacts.get(b);
      if (known && known.uri === s.uri && known.names === namesKey) {
        if (b.kind === 'enum') facts.enums.push(known.fact as FactEnum);
        else facts.models.push(known.fact as FactModel);
        continue;
      }
      const mapAttr = findAttribute(b.attributes, 'map');
      const schema = stringArg(findAttribute(b.attributes, 'schema'), 'name', 0);
      let fact: FactModel | FactEnum;
      if (b.kind === 'model' || b.kind === 'view') {
        const fields: FactField[] = [];
        for (const f of b.fields) {
          const ff = scanField(f, s.uri, names);
          if (ff) fields.push(ff);
        }
        const model: FactModel = {
          name: b.name,
          dbName: stringArg(mapAttr, 'name', 0),
          schema,
          view: b.kind === 'view',
          fields,
          indexes: scanIndexes(b, s.uri),
          documentation: b.doc,
          src: { uri: s.uri, node: b },
        };
        facts.models.push(model);
        fact = model;
      } else if (b.kind === 'enum') {
        const en: FactEnum = {
          name: b.name,
          dbName: stringArg(mapAttr, 'name', 0),
          schema,
          values: b.values.map((v) => ({ name: v.name, dbName: stringArg(findAttribute(v.attributes, 'map'), 'name', 0) })),
          src: { uri: s.uri, node: b },
        };
        facts.enums.push(en);
        fact = en;
      } else continue;
      blockFacts.set(b, { uri: s.uri, names: namesKey, fact });
    }
  }
  return facts;
}

// ---------------------------------------------------------------------------------------------------
// From the engine

/** A field as the engine describes it, without what the scanner adds (its position, native type arguments as written). */
function engineField(f: DmField, composites: ReadonlySet<string>): FactField | undefined {
  const kind = f.kind === 'scalar' ? 'scalar' : f.kind === 'enum' ? 'enum' : f.kind === 'object' ? (composites.has(f.type) ? 'composite' : 'object') : undefined;
  if (!kind) return undefined;
  return {
    name: f.name,
    dbName: f.dbName ?? undefined,
    kind,
    type: f.type,
    isList: f.isList ?? false,
    isRequired: f.isRequired ?? true,
    isUpdatedAt: f.isUpdatedAt ?? false,
    nativeType: f.nativeType ? { name: f.nativeType[0], args: f.nativeType[1] } : undefined,
    relation:
      kind === 'object'
        ? {
            name: f.relationName,
            fields: f.relationFromFields ?? [],
            references: f.relationToFields ?? [],
            onDelete: f.relationOnDelete,
            onUpdate: f.relationOnUpdate,
          }
        : undefined,
    src: undefined,
  };
}

/** The engine's field with the scanner's position and native type arguments (as written: `@db.Decimal(10, 2)`). */
function locatedField(ef: FactField, scanned: FactField | undefined): FactField {
  if (!scanned) return { ...ef };
  const nativeType = ef.nativeType && scanned.nativeType ? { name: ef.nativeType.name, args: scanned.nativeType.args } : ef.nativeType;
  return { ...ef, nativeType, src: scanned.src };
}

interface EngineModel {
  model: DmModel;
  /** By name, in the engine's order. */
  fields: Map<string, FactField>;
  indexes: DmIndex[];
}

/**
 * The engine's reading of each model, once per datamodel object: an edit inside a comment reuses the engine's
 * datamodel (reuse.ts), and only the positions the scanner gives change.
 */
const engineModels = new WeakMap<Datamodel, EngineModel[]>();

function engineModelsOf(dm: Datamodel): EngineModel[] {
  const known = engineModels.get(dm);
  if (known) return known;
  const composites = new Set((dm.types ?? []).map((t) => t.name));
  const indexesOf = new Map<string, DmIndex[]>();
  for (const ix of dm.indexes ?? []) {
    const list = indexesOf.get(ix.model);
    if (list) list.push(ix);
    else indexesOf.set(ix.model, [ix]);
  }
  const models = (dm.models ?? []).map((model) => {
    // A datamodel that renamed a field keeps the other models' objects, its types and its indexes (rename.ts).
    const known = engineModel.get(model);
    if (known && known.types === dm.types && known.indexes === dm.indexes) return known.em;
    const fields = new Map<string, FactField>();
    for (const f of model.fields) {
      const ff = engineField(f, composites);
      if (ff) fields.set(f.name, ff);
    }
    const em = { model, fields, indexes: indexesOf.get(model.name) ?? [] };
    engineModel.set(model, { types: dm.types, indexes: dm.indexes, em });
    return em;
  });
  engineModels.set(dm, models);
  return models;
}

/** Each model's reading, by the engine's model object and the datamodel's types and indexes it was read with. */
const engineModel = new WeakMap<DmModel, { types: Datamodel['types']; indexes: Datamodel['indexes']; em: EngineModel }>();

const INDEX_KINDS: Record<string, FactIndex['kind']> = { id: 'id', unique: 'unique', normal: 'normal', fulltext: 'fulltext' };

function sameFields(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((x, i) => x === b[i]);
}

/**
 * Engine facts with the scanner's positions. The engine leaves out Unsupported("...") fields, which
 * are real columns: they come from the scanner. Views look like models to the engine: the scanner
 * knows which blocks say `view`.
 */
/** A model's engine facts, by the scanner's facts of it, while the engine's reading of it is the same. */
const modelFacts = new WeakMap<FactModel, { engine: EngineModel; fact: FactModel }>();

export function factsFromDatamodel(dm: Datamodel, scanned: Facts): Facts {
  const facts: Facts = { origin: 'engine', models: [], enums: [] };
  const scannedModels = new Map(scanned.models.map((m) => [m.name, m]));
  for (const em of engineModelsOf(dm)) {
    const { model: m, fields: engineFields, indexes: modelIndexes } = em;
    const sm = scannedModels.get(m.name);
    const known = sm && modelFacts.get(sm);
    if (known?.engine === em) {
      facts.models.push(known.fact);
      continue;
    }
    // Source order, as the scanner saw it; engine-only fields (none expected) go last, in the engine's order.
    // A name written twice (the engine rejects that) takes the last one's position.
    const scannedFields = new Map((sm?.fields ?? []).map((f) => [f.name, f]));
    const fields: FactField[] = [];
    const placed = new Set<string>();
    for (const sf of sm?.fields ?? []) {
      const ef = placed.has(sf.name) ? undefined : engineFields.get(sf.name);
      if (ef) {
        fields.push(locatedField(ef, scannedFields.get(sf.name)));
        placed.add(sf.name);
      } else if (sf.kind === 'unsupported') fields.push(sf);
    }
    for (const [name, ef] of engineFields) if (!placed.has(name)) fields.push(locatedField(ef, undefined));

    const scannedIndexes = [...(sm?.indexes ?? [])];
    const indexes: FactIndex[] = [];
    for (const ix of modelIndexes) {
      const kind = INDEX_KINDS[ix.type];
      if (!kind) continue;
      const names = ix.fields.map((f) => f.name);
      const onField = ix.isDefinedOnField ?? false;
      const at = scannedIndexes.findIndex((s) => s.kind === kind && s.onField === onField && sameFields(s.fields, names));
      const match = at >= 0 ? scannedIndexes.splice(at, 1)[0] : undefined;
      indexes.push({
        kind,
        fields: names,
        dbName: ix.dbName ?? undefined,
        algorithm: ix.algorithm,
        onField,
        where: match?.where,
        src: match?.src,
      });
    }
    // Keep source order, so findings come out in the order the user wrote the indexes.
    const pos = (ix: FactIndex) => ix.src?.node.span.start ?? Number.MAX_SAFE_INTEGER;
    indexes.sort((a, b) => pos(a) - pos(b));

    const fact: FactModel = {
      name: m.name,
      dbName: m.dbName ?? undefined,
      schema: m.schema ?? undefined,
      view: sm?.view ?? false,
      fields,
      indexes,
      documentation: m.documentation ?? sm?.documentation,
      src: sm?.src,
    };
    facts.models.push(fact);
    if (sm) modelFacts.set(sm, { engine: em, fact });
  }
  const scannedEnums = new Map(scanned.enums.map((e) => [e.name, e]));
  for (const e of dm.enums ?? []) {
    const se = scannedEnums.get(e.name);
    facts.enums.push({
      name: e.name,
      dbName: e.dbName ?? undefined,
      schema: se?.schema,
      values: e.values.map((v) => ({ name: v.name, dbName: v.dbName ?? undefined })),
      src: se?.src,
    });
  }
  return facts;
}
