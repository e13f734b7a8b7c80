/**
 * Facts (engine or scanner) + the scanner's positions -> the shared schema model. Names are database
 * names: `@@map` and `@map` apply, and the Prisma names are kept beside them (`modelName`,
 * `fieldName`) for messages and fixes. Relations become foreign keys on the side that holds
 * `fields: [...]`. Every element points into the file it is written in (multi-file schemas).
 */
import type {
  Column,
  ColumnType,
  DefaultValue,
  Dialect,
  EnumType,
  ForeignKey,
  Index,
  KeyKind,
  ReferentialAction,
  Schema,
  Table,
} from '../model/schema';
import type { SourceRef, Span } from '../model/text';
import type { FactField, FactIndex, FactModel, Facts } from './facts';
import { argument, entryString, findAttribute, nativeAttribute, type Attribute, type ScannedFile } from './syntax';
import { defaultType, nativeTypeName, numericParams } from './types';

const PROVIDERS: Record<string, Dialect> = {
  postgresql: 'postgresql',
  postgres: 'postgresql',
  mysql: 'mysql',
  sqlite: 'sqlite',
  cockroachdb: 'cockroachdb',
  sqlserver: 'sqlserver',
  mongodb: 'mongodb',
};

/** The datasource's provider; PostgreSQL when there is none (a fragment of a schema opened alone). */
export function providerDialect(scans: readonly ScannedFile[]): { dialect: Dialect; provider?: string } {
  for (const s of scans) {
    const ds = s.blocks.find((b) => b.kind === 'datasource');
    if (!ds) continue;
    const provider = entryString(ds, 'provider');
    return { dialect: (provider && PROVIDERS[provider]) || 'postgresql', provider };
  }
  return { dialect: 'postgresql' };
}

function defaultSchemaOf(dialect: Dialect): string | undefined {
  return dialect === 'postgresql' || dialect === 'cockroachdb' ? 'public' : dialect === 'sqlserver' ? 'dbo' : undefined;
}

const ACTIONS: Record<string, ReferentialAction> = {
  Cascade: 'cascade',
  SetNull: 'set null',
  SetDefault: 'set default',
  Restrict: 'restrict',
  NoAction: 'no action',
};

const KINDS: Record<FactIndex['kind'], KeyKind> = { id: 'primary', unique: 'unique', normal: 'index', fulltext: 'index' };

/** The last table built from each model's facts, with what else it read (`Builder.remembered`). */
const tables = new WeakMap<FactModel, { context: string; table: Table }>();

class Builder {
  private readonly defaultSchema: string | undefined;
  private readonly models: Map<string, FactModel>;
  private readonly enumKeys = new Map<string, string>();
  private readonly fallbackUri: string;
  /** `relationMode = "prisma"` (or MongoDB): relations exist only in the client, not as constraints. */
  private readonly emulatedRelations: boolean;

  constructor(
    private readonly facts: Facts,
    private readonly scans: readonly ScannedFile[],
    private readonly dialect: Dialect,
  ) {
    this.defaultSchema = defaultSchemaOf(dialect);
    this.models = new Map(facts.models.map((m) => [m.name, m]));
    this.fallbackUri = scans[0]?.uri ?? '';
    this.emulatedRelations = dialect === 'mongodb' || relationModeOf(scans) === 'prisma';
  }

  /** `name`, or `schema.name` outside the default schema: the way SQL would write the reference. */
  private qualified(name: string, schema: string | undefined): string {
    return schema && schema !== this.defaultSchema ? `${schema}.${name}` : name;
  }

  private ref(uri: string | undefined, span: Span | undefined): SourceRef {
    return { uri: uri ?? this.fallbackUri, span: span ?? { start: 0, end: 0 } };
  }

  private text(uri: string, span: Span): string {
    return this.scans.find((s) => s.uri === uri)?.text.slice(span.start, span.end) ?? '';
  }

  build(): Schema {
    const schema: Schema = { dialect: this.dialect, tables: new Map(), enums: new Map() };
    for (const e of this.facts.enums) {
      const key = this.qualified(e.dbName ?? e.name, e.schema).toLowerCase();
      this.enumKeys.set(e.name, key);
      const en: EnumType = { name: e.dbName ?? e.name, values: e.values.map((v) => v.dbName ?? v.name) };
      if (e.src) en.source = this.ref(e.src.uri, e.src.node.nameSpan);
      schema.enums.set(key, en);
    }
    for (const m of this.facts.models) {
      const table = this.remembered(m);
      schema.tables.set(table.key, table);
    }
    return schema;
  }

  /**
   * The model's table, the one built last time when the model's facts are the same object (the engine's
   * reading of it and its place in the text both unchanged: reuse.ts, facts.ts) and what the table reads of
   * the rest of the schema is the same: a keystroke elsewhere in a large schema rebuilds only what it moved.
   */
  private remembered(m: FactModel): Table {
    const context = this.context(m);
    const known = tables.get(m);
    if (known?.context === context) return known.table;
    const table = this.table(m);
    tables.set(m, { context, table });
    return table;
  }

  /** What a model's table reads outside its own facts: the dialect, its enums' keys, its relations' targets. */
  private context(m: FactModel): string {
    let out = `${this.dialect}\u0000${this.emulatedRelations}\u0000${this.fallbackUri}`;
    for (const f of m.fields) {
      if (f.kind === 'enum') out += `\u0000${this.enumKeys.get(f.type)}`;
      else if (f.kind === 'object') {
        const ref = this.reference(f);
        out += ref ? `\u0000${ref.refTable}.${ref.refColumns.join()}` : '\u0000';
      }
    }
    return out;
  }

  private table(m: FactModel): Table {
    const name = m.dbName ?? m.name;
    const uri = m.src?.uri;
    const table: Table = {
      key: this.qualified(name, m.schema).toLowerCase(),
      name,
      origin: 'prisma',
      kind: m.view ? 'view' : 'table',
      columns: [],
      indexes: [],
      foreignKeys: [],
      source: this.ref(uri, m.src?.node.nameSpan),
      declaration: this.ref(uri, m.src?.node.span),
    };
    if (m.schema) table.schema = m.schema;
    if (name !== m.name) table.modelName = m.name;
    if (m.documentation) table.comment = m.documentation;

    for (const f of m.fields) {
      if (f.kind !== 'object') table.columns.push(this.column(f));
    }
    for (const ix of m.indexes) table.indexes.push(this.index(m, ix));
    // Views get no foreign keys: Prisma creates no constraint for a relation to or from a view.
    if (!m.view) {
      for (const f of m.fields) {
        const fk = f.kind === 'object' ? this.foreignKey(m, f) : undefined;
        if (fk) table.foreignKeys.push(fk);
      }
    }
    return table;
  }

  private columnName(m: FactModel, field: string): string {
    const f = m.fields.find((x) => x.name === field);
    return f?.dbName ?? field;
  }

  private column(f: FactField): Column {
    const node = f.src?.node;
    const uri = f.src?.uri;
    const col: Column = {
      name: f.dbName ?? f.name,
      type: this.columnType(f),
      nullable: !f.isRequired,
      source: this.ref(uri, node?.nameSpan),
      declaration: this.ref(uri, node?.span),
    };
    if (col.name !== f.name) col.fieldName = f.name;
    const def = node && uri ? defaultValue(findAttribute(node.attributes, 'default'), uri) : undefined;
    if (def) col.default = def;
    if (f.isUpdatedAt) col.updatedAt = true;
    if (node?.doc) col.comment = node.doc;
    return col;
  }

  private columnType(f: FactField): ColumnType {
    const node = f.src?.node;
    const uri = f.src?.uri;
    let name: string;
    let params: number[] = [];
    if (f.kind === 'enum') {
      name = this.enumKeys.get(f.type) ?? f.type.toLowerCase();
    } else if (f.kind === 'unsupported') {
      // Unsupported("vector(1536)") -> vector [1536]
      const m = /^\s*([^(]*?)\s*(?:\((.*)\))?\s*$/.exec(f.type);
      name = (m?.[1] ?? f.type).toLowerCase();
      params = m?.[2] ? numericParams(m[2].split(',')) : [];
    } else if (f.kind === 'composite') {
      name = 'object';
    } else if (f.nativeType) {
      name = nativeTypeName(this.dialect, f.nativeType.name);
      params = numericParams(f.nativeType.args);
    } else {
      const mapped = defaultType(this.dialect, f.type);
      name = mapped?.name ?? f.type.toLowerCase();
      params = [...(mapped?.params ?? [])];
    }
    const written = node && uri ? this.text(uri, node.typeNameSpan) : f.type;
    const type: ColumnType = { name, params, array: f.isList, written };
    if (node) type.source = this.ref(uri, node.typeSpan);
    const scalar = f.kind === 'unsupported' ? 'Unsupported' : node?.type ?? f.type;
    type.prisma = { scalar };
    const nativeAttr = node ? nativeAttribute(node) : undefined;
    if (f.nativeType) {
      type.prisma.native = {
        name: f.nativeType.name,
        args: f.nativeType.args,
        source: this.ref(uri, nativeAttr?.span ?? node?.span),
      };
    }
    if (f.kind === 'enum') type.isEnum = true;
    return type;
  }

  private index(m: FactModel, ix: FactIndex): Index {
    const out: Index = { kind: KINDS[ix.kind], columns: ix.fields.map((f) => this.columnName(m, f)) };
    if (ix.dbName) out.name = ix.dbName;
    if (ix.kind === 'fulltext') out.method = 'fulltext';
    else if (ix.algorithm) out.method = ix.algorithm.toLowerCase();
    if (ix.where) out.where = ix.where;
    if (ix.src) out.source = this.ref(ix.src.uri, ix.src.node.span);
    if (ix.onField) out.inline = true;
    return out;
  }

  /** The table and columns a relation field with its own fields points at; none to a view or an unknown model. */
  private reference(f: FactField): { refTable: string; refColumns: string[] } | undefined {
    const rel = f.relation;
    if (!rel || rel.fields.length === 0) return undefined;
    const target = this.models.get(f.type);
    if (!target || target.view) return undefined;
    return { refTable: this.qualified(target.dbName ?? target.name, target.schema), refColumns: rel.references.map((x) => this.columnName(target, x)) };
  }

  private foreignKey(m: FactModel, f: FactField): ForeignKey | undefined {
    const ref = this.reference(f);
    if (!ref) return undefined;
    const rel = f.relation!;
    const node = f.src?.node;
    const uri = f.src?.uri;
    const relAttr = node ? findAttribute(node.attributes, 'relation') : undefined;
    const fk: ForeignKey = {
      columns: rel.fields.map((x) => this.columnName(m, x)),
      ...ref,
      source: this.ref(uri, relAttr?.span ?? node?.span),
      declaration: this.ref(uri, node?.span),
      relationField: f.name,
    };
    if (node) fk.head = this.ref(uri, node.nameSpan);
    if (this.emulatedRelations) fk.enforced = false;
    const mapArg = argument(relAttr, 'map')?.value;
    if (mapArg?.kind === 'string' && mapArg.value) fk.name = mapArg.value;
    if (rel.onDelete && ACTIONS[rel.onDelete]) fk.onDelete = ACTIONS[rel.onDelete];
    if (rel.onUpdate && ACTIONS[rel.onUpdate]) fk.onUpdate = ACTIONS[rel.onUpdate];
    return fk;
  }
}

/** `@default(...)` as written, with the function name and arguments when it is a call. */
export function defaultValue(attr: Attribute | undefined, uri: string): DefaultValue | undefined {
  const arg = argument(attr, 'value', 0);
  if (!attr || !arg) return undefined;
  const v = arg.value;
  const def: DefaultValue = { text: v.text, source: { uri, span: attr.span } };
  if (v.kind === 'call' && v.value) {
    def.fn = v.value;
    def.args = (v.args ?? []).map((a) => a.value.text);
    if (v.value === 'autoincrement' || v.value === 'sequence') def.generated = 'autoincrement';
  }
  return def;
}

/** The datasource's `relationMode` (`referentialIntegrity` before Prisma 4.5). */
export function relationModeOf(scans: readonly ScannedFile[]): string | undefined {
  const ds = scans.flatMap((s) => s.blocks).find((b) => b.kind === 'datasource');
  return entryString(ds, 'relationMode') ?? entryString(ds, 'referentialIntegrity');
}

export function buildSchema(facts: Facts, scans: readonly ScannedFile[], dialect: Dialect): Schema {
  return new Builder(facts, scans, dialect).build();
}
