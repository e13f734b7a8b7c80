/**
 * Keys and references: PRIMARY KEY, UNIQUE and FOREIGN KEY constraints (inline or table-level, in
 * CREATE TABLE or ALTER TABLE) recorded on a table, and their removal by name.
 */
import type { Constraint } from 'libpg-query';
import type { CheckConstraint, ForeignKey, Index, ReferentialAction, Schema, Table } from '../model/schema';
import { nodeAs, strings } from './ast';
import { implicitName, makeObjectName, qualifiedName, relationNameTaken, tableKey } from './names';
import type { Site } from './site';
import { hasPhrase } from './tokens';

const ACTIONS: Record<string, ReferentialAction> = {
  a: 'no action',
  r: 'restrict',
  c: 'cascade',
  n: 'set null',
  d: 'set default',
};

export function isKeyConstraint(c: Constraint): boolean {
  return c.contype === 'CONSTR_PRIMARY' || c.contype === 'CONSTR_UNIQUE';
}

function setNotNull(table: Table, columns: string[]): void {
  for (const col of table.columns) if (columns.includes(col.name)) col.nullable = false;
}

/** The columns an expression mentions (the last part of each column reference), in order, once each. */
export function referencedColumns(expr: unknown): string[] {
  const out: string[] = [];
  const visit = (v: unknown, depth: number) => {
    if (!v || typeof v !== 'object' || depth > 100) return;
    if (Array.isArray(v)) {
      for (const x of v) visit(x, depth + 1);
      return;
    }
    const ref = nodeAs(v as never, 'ColumnRef');
    if (ref) {
      const names = strings(ref.fields);
      const name = names[names.length - 1];
      if (name && !out.includes(name)) out.push(name);
      return;
    }
    for (const x of Object.values(v)) if (typeof x === 'object') visit(x, depth + 1);
  };
  visit(expr, 0);
  return out;
}

/** A CHECK constraint: its expression as written (inside the parentheses) and the columns it mentions. */
function checkConstraint(site: Site, table: Table, c: Constraint, first: number, last: number, source: Table['source'], column?: string): CheckConstraint {
  const tokens = site.tokens;
  let expression = '';
  if (first >= 0) {
    const kw = tokens.findIndex((t, k) => k >= first && k <= last && t.text.toLowerCase() === 'check');
    if (kw >= 0 && tokens[kw + 1]?.text === '(') {
      let depth = 0;
      let close = kw + 1;
      for (let j = kw + 1; j <= last && j < tokens.length; j++) {
        if (tokens[j].text === '(') depth++;
        else if (tokens[j].text === ')' && --depth === 0) {
          close = j;
          break;
        }
      }
      expression = site.tokenText(kw + 2, close - 1);
    }
  }
  const columns = referencedColumns(c.raw_expr);
  // PostgreSQL names an unnamed check after the table and its first column: `t_price_check`.
  const name = c.conname ?? makeObjectName(table.name, column ?? columns[0], 'check');
  const check: CheckConstraint = { name, expression, columns: column && !columns.includes(column) ? [column, ...columns] : columns, source };
  if (c.skip_validation) check.notValid = true;
  return check;
}

/**
 * Records a PRIMARY KEY, UNIQUE, FOREIGN KEY or CHECK constraint written in tokens `first..last`.
 * `column` is set for a constraint written on a column definition. Other constraint kinds are not modelled.
 */
export function applyConstraint(site: Site, schema: Schema, table: Table, c: Constraint, first: number, last: number, column?: string): void {
  const source = first >= 0 && last >= first ? site.tokenRef(first, last) : site.statementRef();
  if (c.contype === 'CONSTR_CHECK') {
    (table.checks ??= []).push(checkConstraint(site, table, c, first, last, source, column));
    return;
  }
  if (isKeyConstraint(c)) {
    const kind = c.contype === 'CONSTR_PRIMARY' ? 'primary' : 'unique';
    if (c.indexname) {
      // ADD CONSTRAINT ... USING INDEX: the index becomes the constraint and takes its name.
      const ix = table.indexes.find((i) => i.name === c.indexname);
      if (!ix) return;
      ix.kind = kind;
      if (c.conname) ix.name = c.conname;
      ix.source = source;
      if (kind === 'primary') setNotNull(table, ix.columns);
      return;
    }
    const columns = column !== undefined ? [column] : strings(c.keys);
    if (columns.length === 0) return;
    if (kind === 'primary') setNotNull(table, columns);
    const index: Index = {
      name: c.conname ?? implicitName(table, columns, kind === 'primary' ? 'pkey' : 'key', relationNameTaken(schema, table)),
      kind,
      columns,
      source,
    };
    if (column !== undefined) index.inline = true;
    table.indexes.push(index);
    return;
  }
  if (c.contype !== 'CONSTR_FOREIGN' || !c.pktable?.relname) return;
  const columns = column !== undefined ? [column] : strings(c.fk_attrs);
  const refTable = qualifiedName(c.pktable.schemaname, c.pktable.relname);
  let refColumns = strings(c.pk_attrs);
  if (refColumns.length === 0) {
    // `REFERENCES parent` alone means the parent's primary key.
    const key = tableKey(c.pktable.schemaname, c.pktable.relname);
    const parent = key === table.key ? table : schema.tables.get(key);
    refColumns = parent?.indexes.find((i) => i.kind === 'primary')?.columns.slice() ?? [];
  }
  const fk: ForeignKey = {
    name: c.conname ?? implicitName(table, columns, 'fkey'),
    columns,
    refTable,
    refColumns,
    source,
    declaration: site.statementRef(),
  };
  // The parser fills in NO ACTION when nothing is written; rules need to know what was written.
  if (first >= 0 && hasPhrase(site.tokens, first, last, 'on', 'delete') && c.fk_del_action) fk.onDelete = ACTIONS[c.fk_del_action];
  if (first >= 0 && hasPhrase(site.tokens, first, last, 'on', 'update') && c.fk_upd_action) fk.onUpdate = ACTIONS[c.fk_upd_action];
  table.foreignKeys.push(fk);
}
