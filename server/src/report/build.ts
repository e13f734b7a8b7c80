/**
 * The schema report as a pure function of (schema, findings, source files). Where the schema comes
 * from (a Prisma schema, one SQL file, a replayed migration history) is the caller's business
 * (scope.ts); everything here only reads the shared model.
 */
import type { SourceText } from '../model/frontend';
import type { SourceRef } from '../model/text';
import type { Finding, Severity } from '../model/findings';
import { columnDisplayName, coveringIndex, displayName, findColumn, type Column, type ForeignKey, type Index, type Schema, type Table } from '../model/schema';
import { ruleById } from '../rules/registry';
import { HYGIENE, hygieneApplies } from './hygiene';
import { Locator } from './locations';
import {
  REPORT_VERSION,
  type FkCoverage,
  type HygieneCheck,
  type ReportColumn,
  type ReportData,
  type ReportRelation,
  type ReportTable,
  type RuleFindings,
} from './types';

export interface ReportInput {
  title: string;
  kind: ReportData['source']['kind'];
  schema: Schema;
  /** Every file the schema and the findings point into. */
  files: readonly SourceText[];
  findings: readonly Finding[];
  /** Display paths are relative to this folder. */
  baseDir?: string;
  /** Where a rule's documentation is (the installed copy in the editor, the repository in the CLI). */
  docsUrl: (ruleId: string) => string;
  notes?: string[];
  /** Up and down migration files in scope, when there are any. */
  migrations?: { up: number; down: number };
  /**
   * Display paths of the schema the migrations in scope are generated from (Prisma Migrate's
   * schema.prisma), where their design findings are reported instead.
   */
  designSources?: string[];
}

const SEVERITY_ORDER: Record<Severity, number> = { error: 0, warning: 1, info: 2, hint: 3 };

/** 0 for a rule whose findings hurt production (locks, unindexed foreign keys, failing migrations), else 1. */
export function productionRank(rule: string): number {
  return ruleById(rule)?.meta.hurtsProduction ? 0 : 1;
}

export function buildReport(input: ReportInput): ReportData {
  const loc = new Locator(input.files, input.baseDir);
  const schema = input.schema;
  const tables = [...schema.tables.values()].sort((a, b) => displayName(a).localeCompare(displayName(b)));
  const groupOf = grouping(tables, loc);

  const reportTables = tables.map((t) => tableData(t, schema, loc, groupOf(t), input.findings));
  const relations = tables.flatMap((t) => relationsOf(t, schema));
  const coverage = fkCoverage(tables, loc, input.findings, input.designSources);

  return {
    version: REPORT_VERSION,
    title: input.title,
    source: {
      kind: input.kind,
      dialect: schema.dialect,
      files: input.files.map((f) => loc.displayPath(f.uri)),
      ...(input.migrations ? { migrations: { ...input.migrations } } : {}),
    },
    summary: {
      tables: tables.filter((t) => t.kind === 'table').length,
      views: tables.filter((t) => t.kind !== 'table').length,
      columns: tables.reduce((n, t) => n + t.columns.length, 0),
      indexes: tables.reduce((n, t) => n + t.indexes.length, 0),
      relations: relations.length,
      enums: schema.enums.size,
    },
    tables: reportTables,
    relations,
    enums: [...schema.enums.values()]
      .sort((a, b) => a.name.localeCompare(b.name))
      .map((e) => ({ name: e.name, values: [...e.values], ...(e.source ? { at: loc.at(e.source) } : {}) })),
    fkCoverage: coverage,
    hygiene: hygiene(tables, schema, loc),
    findings: findingsByRule(input.findings, loc, input.docsUrl),
    notes: [...(input.notes ?? [])],
  };
}

/**
 * Diagram groups: database schemas when there are several, else the files of a multi-file Prisma
 * schema, else none. Big schemas are usually split one of these two ways already.
 */
function grouping(tables: Table[], loc: Locator): (t: Table) => string {
  const schemas = new Set(tables.map((t) => t.schema ?? 'public'));
  if (schemas.size > 1) return (t) => t.schema ?? 'public';
  const files = new Set(tables.map((t) => t.declaration.uri));
  if (files.size > 1 && tables.every((t) => t.origin === 'prisma')) return (t) => loc.displayPath(t.declaration.uri);
  return () => '';
}

/** The table an FK points at: by key, then by name, case-insensitively (Prisma FKs name the table). */
export function resolveTable(schema: Schema, name: string): Table | undefined {
  const direct = schema.tables.get(name) ?? schema.tables.get(name.toLowerCase());
  if (direct) return direct;
  const lower = name.toLowerCase();
  for (const t of schema.tables.values()) {
    if (t.name.toLowerCase() === lower || t.modelName?.toLowerCase() === lower || t.key.toLowerCase() === lower) return t;
  }
  return undefined;
}

function sameColumns(a: string[], b: string[]): boolean {
  return a.length === b.length && a.every((x) => b.some((y) => x.toLowerCase() === y.toLowerCase()));
}

function displayColumns(t: Table, names: string[]): string[] {
  return names.map((n) => {
    const c = findColumn(t, n);
    return c ? columnDisplayName(c) : n;
  });
}

export function typeLabel(c: Column): string {
  const t = c.type;
  if (t.prisma) {
    const native = t.prisma.native ? ` @db.${t.prisma.native.name}${t.prisma.native.args.length ? `(${t.prisma.native.args.join(', ')})` : ''}` : '';
    return `${t.prisma.scalar}${t.array ? '[]' : ''}${native}`;
  }
  return databaseType(c);
}

/** What fits a diagram box: `Timestamptz(3)` rather than `DateTime @db.Timestamptz(3)`. */
export function shortTypeLabel(c: Column): string {
  const p = c.type.prisma;
  if (!p) return databaseType(c);
  const base = p.native ? `${p.native.name}${p.native.args.length ? `(${p.native.args.join(',')})` : ''}` : p.scalar;
  return `${base}${c.type.array ? '[]' : ''}`;
}

/** The type as the database stores it: canonical name, modifiers, array marker. */
export function databaseType(c: Column): string {
  const t = c.type;
  return `${t.name}${t.params.length ? `(${t.params.join(',')})` : ''}${t.array ? '[]' : ''}`;
}

function columnKeys(c: Column, t: Table): ReportColumn['keys'] {
  const is = (names: string[]) => names.some((n) => n.toLowerCase() === c.name.toLowerCase());
  const keys: ReportColumn['keys'] = [];
  if (t.indexes.some((i) => i.kind === 'primary' && is(i.columns))) keys.push('PK');
  if (t.foreignKeys.some((fk) => is(fk.columns))) keys.push('FK');
  if (t.indexes.some((i) => i.kind === 'unique' && !i.where && is(i.columns))) keys.push('UK');
  return keys;
}

function indexLabel(ix: Index, t: Table): string {
  if (ix.kind === 'primary') return 'primary key';
  return ix.name ?? `${ix.kind === 'unique' ? 'unique' : 'index'} (${displayColumns(t, ix.columns).join(', ')})`;
}

function tableData(t: Table, schema: Schema, loc: Locator, group: string, findings: readonly Finding[]): ReportTable {
  const decl = t.declaration;
  const inTable = findings.filter((f) => f.uri === decl.uri && f.span.start >= decl.span.start && f.span.start <= decl.span.end).length;
  const name = displayName(t);
  return {
    key: t.key,
    name,
    ...(t.modelName && t.modelName !== t.name ? { tableName: t.name } : {}),
    kind: t.kind,
    group,
    ...(t.comment ? { comment: t.comment } : {}),
    columns: t.columns.map((c) => ({
      name: columnDisplayName(c),
      type: typeLabel(c),
      shortType: shortTypeLabel(c),
      nullable: c.nullable,
      ...(c.default ? { default: c.default.text } : {}),
      keys: columnKeys(c, t),
      ...(c.comment ? { comment: c.comment } : {}),
      at: loc.at(c.source),
    })),
    indexes: t.indexes.map((ix) => ({
      ...(ix.name ? { name: ix.name } : {}),
      kind: ix.kind,
      columns: displayColumns(t, ix.columns),
      ...(ix.method && ix.method !== 'btree' ? { method: ix.method } : {}),
      ...(ix.where ? { where: ix.where } : {}),
      ...(ix.source ? { at: loc.at(ix.source) } : {}),
    })),
    foreignKeys: t.foreignKeys.map((fk) => {
      const parent = resolveTable(schema, fk.refTable);
      const cover = coveringIndex(t, fk.columns);
      return {
        ...(fk.name ? { name: fk.name } : {}),
        columns: displayColumns(t, fk.columns),
        ...(parent ? { refTable: parent.key } : {}),
        refTableName: parent ? displayName(parent) : fk.refTable,
        refColumns: parent ? displayColumns(parent, fk.refColumns) : fk.refColumns,
        ...(fk.onDelete ? { onDelete: fk.onDelete } : {}),
        ...(cover ? { coveredBy: indexLabel(cover, t) } : {}),
        at: loc.at(fk.source),
      };
    }),
    ...(t.rls ? { rls: { ...t.rls } } : {}),
    findings: inTable,
    at: loc.at(t.source),
  };
}

function relationsOf(t: Table, schema: Schema): ReportRelation[] {
  const out: ReportRelation[] = [];
  for (const fk of t.foreignKeys) {
    const parent = resolveTable(schema, fk.refTable);
    if (!parent) continue;
    const unique = t.indexes.some((i) => (i.kind === 'primary' || i.kind === 'unique') && !i.where && sameColumns(i.columns, fk.columns));
    const optional = fk.columns.some((c) => findColumn(t, c)?.nullable ?? true);
    out.push({
      child: t.key,
      childColumns: displayColumns(t, fk.columns),
      parent: parent.key,
      parentColumns: displayColumns(parent, fk.refColumns),
      cardinality: unique ? 'one-to-one' : 'many-to-one',
      optional,
      label: fk.relationField ?? displayColumns(t, fk.columns).join(', '),
    });
  }
  return out;
}

function fkCoverage(tables: Table[], loc: Locator, findings: readonly Finding[], designSources: readonly string[] = []): FkCoverage {
  const coverage: FkCoverage = { total: 0, covered: 0, uncovered: [] };
  // The severity counts are the findings' own; an uncovered key without a finding is said to be one.
  const reported = findings.filter((f) => f.rule === 'fk-missing-index');
  const at = (f: Finding, ref: SourceRef | undefined) => !!ref && f.uri === ref.uri && f.span.start <= ref.span.end && ref.span.start <= f.span.end;
  const isReported = (fk: ForeignKey) => reported.some((f) => at(f, fk.head) || at(f, fk.source));
  for (const t of tables) {
    // A view's "foreign keys" do not exist; only tables are joined through an index.
    if (t.kind !== 'table') continue;
    for (const fk of t.foreignKeys) {
      coverage.total++;
      if (coveringIndex(t, fk.columns)) coverage.covered++;
      else coverage.uncovered.push({ table: displayName(t), columns: displayColumns(t, fk.columns), refTable: fk.refTable, at: loc.at(fk.source), reported: isReported(fk) });
    }
  }
  if (coverage.uncovered.some((u) => !u.reported)) {
    coverage.unreportedWhy = designSources.length
      ? `fk-missing-index reports them on ${designSources.join(', ')}, which these migrations are generated from`
      : 'fk-missing-index is off or suppressed for them';
  }
  return coverage;
}

function hygiene(tables: Table[], schema: Schema, loc: Locator): HygieneCheck[] {
  return HYGIENE.filter((def) => hygieneApplies(def, schema.dialect)).map((def) => ({
    id: def.id,
    label: def.label,
    why: def.why,
    ...(def.rule ? { rule: def.rule } : {}),
    items: tables.flatMap((t) =>
      t.columns.filter((c) => def.test(c, t)).map((c) => ({ table: displayName(t), column: columnDisplayName(c), type: typeLabel(c), at: loc.at(c.type.source ?? c.source) })),
    ),
  }));
}

function findingsByRule(findings: readonly Finding[], loc: Locator, docsUrl: (id: string) => string): ReportData['findings'] {
  const counts: Record<Severity, number> = { error: 0, warning: 0, info: 0, hint: 0 };
  const byRule = new Map<string, RuleFindings>();
  for (const f of findings) {
    counts[f.severity]++;
    let group = byRule.get(f.rule);
    if (!group) {
      const meta = ruleById(f.rule)?.meta;
      group = { rule: f.rule, summary: meta?.summary ?? '', defaultSeverity: meta?.defaultSeverity ?? f.severity, docs: docsUrl(f.rule), items: [] };
      byRule.set(f.rule, group);
    }
    group.items.push({ severity: f.severity, message: f.message, at: loc.at(f.uri, f.span) });
  }
  const worst = (g: RuleFindings) => Math.min(...g.items.map((i) => SEVERITY_ORDER[i.severity]));
  for (const g of byRule.values()) {
    g.items.sort((a, b) => a.at.path.localeCompare(b.at.path) || a.at.range.start.line - b.at.range.start.line || a.at.range.start.character - b.at.range.start.character);
  }
  return {
    counts,
    // What hurts production first (locks, unindexed foreign keys, failing migrations), then the worst
    // severity; the count only breaks ties, so 200 conventions never bury one unindexed foreign key.
    byRule: [...byRule.values()].sort((a, b) => productionRank(a.rule) - productionRank(b.rule) || worst(a) - worst(b) || b.items.length - a.items.length || a.rule.localeCompare(b.rule)),
  };
}
