/**
 * Keys and references: PRIMARY KEY, UNIQUE, FOREIGN KEY and CHECK constraints (inline or table-level, in
 * CREATE TABLE or ALTER TABLE) read into `Declared` model pieces. Their implicit names and a bare
 * `REFERENCES parent` are settled when the change is applied (model/apply.ts).
 */
import type { Constraint } from 'libpg-query';
import type { Declared } from '../model/schema-change';
import type { CheckConstraint, ForeignKey, Index, ReferentialAction } from '../model/schema';
import { nodeAs, strings } from './ast';
import { qualifiedName } from './names';
import type { Site } from './site';
import { constraintHead, hasPhrase } from './tokens';

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

/** The expression of a CHECK as written, inside its parentheses. */
function checkExpression(site: Site, first: number, last: number): string {
  const tokens = site.tokens;
  if (first < 0) return '';
  const kw = tokens.findIndex((t, k) => k >= first && k <= last && t.text.toLowerCase() === 'check');
  if (kw < 0 || tokens[kw + 1]?.text !== '(') return '';
  let depth = 0;
  let close = kw + 1;
  for (let j = kw + 1; j <= last && j < tokens.length; j++) {
    if (tokens[j].text === '(') depth++;
    else if (tokens[j].text === ')' && --depth === 0) {
      close = j;
      break;
    }
  }
  return site.tokenText(kw + 2, close - 1);
}

/**
 * A PRIMARY KEY, UNIQUE, FOREIGN KEY or CHECK constraint written in tokens `first..last`, as a model
 * piece. `column` is set for a constraint written on a column definition. Other kinds: undefined.
 */
export function declaredConstraint(site: Site, c: Constraint, first: number, last: number, column?: string): Declared | undefined {
  const source = first >= 0 && last >= first ? site.tokenRef(first, last) : site.statementRef();
  if (c.contype === 'CONSTR_CHECK') {
    const columns = referencedColumns(c.raw_expr);
    const check: CheckConstraint = {
      expression: checkExpression(site, first, last),
      columns: column && !columns.includes(column) ? [column, ...columns] : columns,
      source,
    };
    if (c.conname) check.name = c.conname;
    if (c.skip_validation) check.notValid = true;
    // PostgreSQL names an unnamed check after the table and its first column: `t_price_check`.
    return { kind: 'check', check, implicit: { style: 'check', column: column ?? columns[0] } };
  }
  if (isKeyConstraint(c)) {
    const kind = c.contype === 'CONSTR_PRIMARY' ? 'primary' : 'unique';
    // ADD CONSTRAINT ... USING INDEX: the index becomes the constraint and takes its name.
    if (c.indexname) return { kind: 'using-index', index: c.indexname, as: kind, name: c.conname, source };
    const columns = column !== undefined ? [column] : strings(c.keys);
    if (columns.length === 0) return undefined;
    const index: Index = { name: c.conname, kind, columns, source };
    if (column !== undefined) index.inline = true;
    return { kind: 'index', index, implicit: { style: 'postgresql', label: kind === 'primary' ? 'pkey' : 'key', parts: columns } };
  }
  if (c.contype !== 'CONSTR_FOREIGN' || !c.pktable?.relname) return undefined;
  const fk: ForeignKey = {
    name: c.conname,
    columns: column !== undefined ? [column] : strings(c.fk_attrs),
    refTable: qualifiedName(c.pktable.schemaname, c.pktable.relname),
    refColumns: strings(c.pk_attrs),
    source,
    declaration: site.statementRef(),
  };
  // Findings point at the constraint's name, or `FOREIGN KEY (cols)` when it has none.
  const head = constraintHead(site.tokens, first, last);
  if (head) fk.head = site.tokenRef(head[0], head[1]);
  // The parser fills in NO ACTION when nothing is written; rules need to know what was written.
  if (first >= 0 && hasPhrase(site.tokens, first, last, 'on', 'delete') && c.fk_del_action) fk.onDelete = ACTIONS[c.fk_del_action];
  if (first >= 0 && hasPhrase(site.tokens, first, last, 'on', 'update') && c.fk_upd_action) fk.onUpdate = ACTIONS[c.fk_upd_action];
  return { kind: 'foreign', fk, implicit: { style: 'postgresql', label: 'fkey', parts: fk.columns } };
}
