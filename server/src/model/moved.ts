/**
 * What a statement's readings become when an edit above it moved it in its file, its text unchanged: the same
 * readings with every place in the file moved by the edit's length. Copied field by field where places are (a
 * column's name and definition, a key's declaration, a relation's name), the rest shared: readings are read
 * only.
 *
 * The fields listed here are every `SourceRef` of `SchemaChange` and `StatementInfo`: a new one must be added
 * here too (test/sql/moved.test.ts holds each moved reading to a fresh reading of the statement at its new place).
 */
import type { AlterAction, DefaultFacts, DmlFacts, NewConstraint, Rel, SelectFacts, StarRef, StatementInfo } from './statements';
import type { Declared, SchemaChange, TableName } from './schema-change';
import type { Column, ColumnType, DefaultValue, ForeignKey, Index } from './schema';
import type { SourceRef } from './text';

export function movedChanges(changes: readonly SchemaChange[], delta: number, uri: string): SchemaChange[] {
  const m = new Mover(delta, uri);
  return changes.map((c) => m.change(c));
}

export function movedInfo(info: StatementInfo, delta: number, uri: string): StatementInfo {
  return new Mover(delta, uri).info(info);
}

class Mover {
  constructor(
    private readonly delta: number,
    private readonly uri: string,
  ) {}

  ref(r: SourceRef): SourceRef {
    return r.uri === this.uri ? { uri: r.uri, span: { start: r.span.start + this.delta, end: r.span.end + this.delta } } : r;
  }

  change(c: SchemaChange): SchemaChange {
    switch (c.op) {
      case 'create-table':
        return { ...c, table: this.tableName(c.table), parts: c.parts.map((p) => ('column' in p ? { column: this.column(p.column) } : p)), declared: c.declared.map((d) => this.declared(d)) };
      case 'ensure-table':
        return { ...c, table: this.tableName(c.table) };
      case 'add-column':
        return { ...c, column: this.column(c.column), declared: c.declared.map((d) => this.declared(d)) };
      case 'alter-column': {
        const out = { ...c };
        if (c.type) out.type = this.type(c.type);
        if (c.ifAbsent) out.ifAbsent = this.column(c.ifAbsent);
        if (c.default) out.default = this.defaultValue(c.default);
        return out;
      }
      case 'declare':
        return { ...c, declared: this.declared(c.declared) };
      case 'create-policy':
        return { ...c, source: this.ref(c.source) };
      case 'create-enum':
        return c.enum.source ? { ...c, enum: { ...c.enum, source: this.ref(c.enum.source) } } : c;
      default:
        return c;
    }
  }

  /** Its `source` (the name's span, worked out when first read) is read to be moved: see `rel`. */
  private tableName(t: TableName): TableName {
    const out = {} as TableName;
    for (const k of Object.keys(t) as (keyof TableName)[]) {
      if (k === 'source' || k === 'declaration') out[k] = this.ref(t[k]);
      else (out as unknown as Record<string, unknown>)[k] = t[k];
    }
    return out;
  }

  private column(c: Column): Column {
    const out: Column = { ...c, type: this.type(c.type), source: this.ref(c.source), declaration: this.ref(c.declaration) };
    if (c.default) out.default = this.defaultValue(c.default);
    return out;
  }

  private type(t: ColumnType): ColumnType {
    return t.source ? { ...t, source: this.ref(t.source) } : t;
  }

  private defaultValue(d: DefaultValue): DefaultValue {
    return d.source ? { ...d, source: this.ref(d.source) } : d;
  }

  private declared(d: Declared): Declared {
    switch (d.kind) {
      case 'index':
        return { ...d, index: this.index(d.index) };
      case 'using-index':
        return { ...d, source: this.ref(d.source) };
      case 'foreign':
        return { ...d, fk: this.foreignKey(d.fk) };
      case 'check':
        return { ...d, check: { ...d.check, source: this.ref(d.check.source) } };
    }
  }

  private index(i: Index): Index {
    return i.source ? { ...i, source: this.ref(i.source) } : i;
  }

  private foreignKey(f: ForeignKey): ForeignKey {
    const out = { ...f, source: this.ref(f.source), declaration: this.ref(f.declaration) };
    if (f.head) out.head = this.ref(f.head);
    return out;
  }

  info(s: StatementInfo): StatementInfo {
    switch (s.kind) {
      case 'unparsed':
        return s.creates ? { ...s, creates: this.rel(s.creates) } : s;
      case 'create-table':
        return s.partitionOf ? { ...s, table: this.rel(s.table), partitionOf: this.rel(s.partitionOf) } : { ...s, table: this.rel(s.table) };
      case 'create-table-as':
      case 'create-view':
        return s.select ? { ...s, table: this.rel(s.table), select: this.select(s.select) } : { ...s, table: this.rel(s.table) };
      case 'create-index':
      case 'rename-table':
      case 'rename-column':
      case 'policy':
      case 'trigger':
        return { ...s, table: this.rel(s.table) };
      case 'rename-other':
      case 'reindex':
      case 'cluster':
        return s.table ? { ...s, table: this.rel(s.table) } : s;
      case 'drop-index':
        return { ...s, indexes: s.indexes.map((r) => this.rel(r)) };
      case 'drop-table':
      case 'truncate':
      case 'vacuum':
        return { ...s, tables: s.tables.map((r) => this.rel(r)) };
      case 'alter-table':
        return { ...s, table: this.rel(s.table), actions: s.actions.map((a) => this.action(a)) };
      case 'refresh':
        return { ...s, view: this.rel(s.view) };
      case 'dml': {
        const out = { ...s, ...this.dml(s), ctes: s.ctes.map((d) => this.dml(d)) };
        if (s.select) out.select = this.select(s.select);
        return out;
      }
      case 'select':
        return { ...s, select: this.select(s.select), ctes: s.ctes.map((d) => this.dml(d)) };
      case 'explain':
        return { ...s, inner: this.info(s.inner) };
      default:
        return s;
    }
  }

  /**
   * Its `at` (worked out when first read) is read to be moved: a copy that read it later would keep the first
   * reading, its statement and all that was worked out from that alive for as long as nobody reads it.
   */
  private rel(r: Rel): Rel {
    const out = {} as Rel;
    for (const k of Object.keys(r) as (keyof Rel)[]) {
      if (k === 'at') out.at = r.at && this.ref(r.at);
      else (out as unknown as Record<string, unknown>)[k] = r[k];
    }
    return out;
  }

  private action(a: AlterAction): AlterAction {
    const out = { ...a };
    if (a.at) out.at = this.ref(a.at);
    switch (a.type) {
      case 'add-column': {
        const add = out as typeof a;
        if (a.notNullAt) add.notNullAt = this.ref(a.notNullAt);
        if (a.default) add.default = this.defaultFacts(a.default);
        add.constraints = a.constraints.map((c) => this.constraint(c));
        break;
      }
      case 'set-default':
        if (a.default) (out as typeof a).default = this.defaultFacts(a.default);
        break;
      case 'alter-type':
        if (a.newType) (out as typeof a).newType = this.type(a.newType);
        break;
      case 'add-constraint':
        (out as typeof a).constraint = this.constraint(a.constraint);
        break;
    }
    return out;
  }

  private constraint(c: NewConstraint): NewConstraint {
    const out = { ...c };
    if (c.at) out.at = this.ref(c.at);
    if (c.head) out.head = this.ref(c.head);
    if (c.references) out.references = this.rel(c.references);
    return out;
  }

  private defaultFacts(d: DefaultFacts): DefaultFacts {
    return d.at ? { ...d, at: this.ref(d.at) } : d;
  }

  private select(s: SelectFacts): SelectFacts {
    const out = { ...s, stars: s.stars.map((x) => this.star(x)) };
    if (s.offsetAt) out.offsetAt = this.ref(s.offsetAt);
    return out;
  }

  private star(x: StarRef): StarRef {
    const out = { ...x, at: this.ref(x.at) };
    if (x.table) out.table = this.rel(x.table);
    return out;
  }

  private dml<D extends DmlFacts>(d: D): D {
    const out = { ...d };
    if (d.table) out.table = this.rel(d.table);
    if (d.at) out.at = this.ref(d.at);
    return out;
  }
}
