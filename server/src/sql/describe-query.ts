/**
 * Queries read for the rules: stars in select lists, FROM, LIMIT/OFFSET, single-row aggregates; the
 * target and WHERE of INSERT/UPDATE/DELETE/MERGE, at the top and inside WITH.
 */
import type { Node, SelectStmt } from 'libpg-query';
import type { DmlFacts, SelectFacts, StarRef } from '../model/statements';
import { nodeAs, strings } from './ast';
import { rel } from './describe-alter';
import type { Site } from './site';
import { findWord } from './tokens';

/** Does the expression hold an aggregate call (count, sum, ...) outside a subquery? */
function hasAggregate(targets: Node[] | undefined): boolean {
  const AGG = /^(count|sum|avg|min|max|bool_and|bool_or|every|string_agg|array_agg|json_agg|jsonb_agg|json_object_agg|jsonb_object_agg|bit_and|bit_or)$/;
  let found = false;
  const visit = (v: unknown, depth: number) => {
    if (found || !v || typeof v !== 'object' || depth > 40) return;
    if (Array.isArray(v)) return v.forEach((x) => visit(x, depth + 1));
    if ('SubLink' in (v as object)) return;
    const call = nodeAs(v as Node, 'FuncCall');
    if (call && !call.over && AGG.test(strings(call.funcname).pop()?.toLowerCase() ?? '')) {
      found = true;
      return;
    }
    for (const x of Object.values(v)) if (typeof x === 'object') visit(x, depth + 1);
  };
  visit(targets, 0);
  return found;
}

export function selectFacts(site: Site, sel: SelectStmt | undefined): SelectFacts {
  const facts: SelectFacts = { stars: [], hasFrom: false, limited: false, singleRow: false };
  if (!sel) return facts;
  if (sel.op && sel.op !== 'SETOP_NONE') {
    const l = selectFacts(site, sel.larg);
    const r = selectFacts(site, sel.rarg);
    facts.stars = [...l.stars, ...r.stars];
    facts.hasFrom = l.hasFrom || r.hasFrom;
  } else {
    facts.hasFrom = (sel.fromClause?.length ?? 0) > 0;
    facts.singleRow = !sel.groupClause?.length && hasAggregate(sel.targetList);
    const from = sel.fromClause?.length === 1 ? nodeAs(sel.fromClause[0], 'RangeVar') : undefined;
    const only = from ? rel(site, from) : undefined;
    const alias = from?.alias?.aliasname;
    for (const t of sel.targetList ?? []) {
      const ref = nodeAs(nodeAs(t, 'ResTarget')?.val, 'ColumnRef');
      const fields = ref?.fields ?? [];
      if (!ref || !fields.length || !nodeAs(fields[fields.length - 1], 'A_Star')) continue;
      const i = site.at(ref.location);
      if (i < 0) continue;
      const qualifier = strings(fields.slice(0, -1)).pop();
      const star: StarRef = { at: site.tokenRef(i, fields.length > 1 ? i + (fields.length - 1) * 2 : i) };
      if (qualifier) star.qualifier = qualifier;
      if (only && (!qualifier || qualifier === only.name || qualifier === alias)) star.table = only;
      facts.stars.push(star);
    }
    // Stars in subqueries of FROM and in CTEs count too; EXISTS (SELECT * ...) does not.
    for (const f of sel.fromClause ?? []) {
      const sub = nodeAs(nodeAs(f, 'RangeSubselect')?.subquery, 'SelectStmt');
      if (sub) facts.stars.push(...selectFacts(site, sub).stars);
    }
  }
  for (const cte of sel.withClause?.ctes ?? []) {
    const q = nodeAs(nodeAs(cte, 'CommonTableExpr')?.ctequery, 'SelectStmt');
    if (q) facts.stars.push(...selectFacts(site, q).stars);
  }
  facts.limited = !!sel.limitCount;
  if (sel.limitOffset) {
    const zero = nodeAs(sel.limitOffset, 'A_Const')?.ival;
    if (!(zero && !zero.ival)) {
      const at = site.at(nodeAs(sel.limitOffset, 'A_Const')?.location ?? nodeAs(sel.limitOffset, 'ParamRef')?.location);
      const kw = findWord(site.tokens, 0, site.tokens.length - 1, 'offset');
      if (kw >= 0) facts.offsetAt = site.tokenRef(kw, at > kw ? at : kw);
      else if (at >= 0) facts.offsetAt = site.tokenRef(at, at);
    }
  }
  return facts;
}

/** Columns compared with `=` to a constant or parameter at the top level of a WHERE (ANDed terms). */
function whereEquals(where: Node | undefined): string[] {
  const out: string[] = [];
  const visit = (n: Node | undefined) => {
    const b = nodeAs(n, 'BoolExpr');
    if (b?.boolop === 'AND_EXPR') return b.args?.forEach(visit);
    const e = nodeAs(n, 'A_Expr');
    if (!e || e.kind !== 'AEXPR_OP' || strings(e.name).join() !== '=') return;
    const sides = [e.lexpr, e.rexpr];
    const col = sides.map((x) => strings(nodeAs(x, 'ColumnRef')?.fields).pop()).find(Boolean);
    const constant = sides.some((x) => nodeAs(x, 'A_Const') || nodeAs(x, 'ParamRef') || nodeAs(nodeAs(x, 'TypeCast')?.arg, 'A_Const'));
    if (col && constant) out.push(col);
  };
  visit(where);
  return out;
}

/** Does the WHERE narrow the rows with a subquery that has a LIMIT (`id IN (SELECT id ... LIMIT 1000)`)? */
function batched(where: Node | undefined): boolean {
  let found = false;
  const visit = (v: unknown, depth: number) => {
    if (found || !v || typeof v !== 'object' || depth > 60) return;
    if (Array.isArray(v)) return v.forEach((x) => visit(x, depth + 1));
    const sel = nodeAs(v as Node, 'SelectStmt');
    if (sel?.limitCount) {
      found = true;
      return;
    }
    for (const x of Object.values(v)) if (typeof x === 'object') visit(x, depth + 1);
  };
  visit(where, 0);
  return found;
}

export function dmlFacts(site: Site, node: Node | undefined): DmlFacts | undefined {
  const ins = nodeAs(node, 'InsertStmt');
  if (ins) return { op: 'insert', table: rel(site, ins.relation), hasWhere: false, whereEquals: [], batched: false };
  const upd = nodeAs(node, 'UpdateStmt');
  if (upd) return { op: 'update', table: rel(site, upd.relation), hasWhere: !!upd.whereClause, whereEquals: whereEquals(upd.whereClause), batched: batched(upd.whereClause) };
  const del = nodeAs(node, 'DeleteStmt');
  if (del) return { op: 'delete', table: rel(site, del.relation), hasWhere: !!del.whereClause, whereEquals: whereEquals(del.whereClause), batched: batched(del.whereClause) };
  const mer = nodeAs(node, 'MergeStmt');
  if (mer) return { op: 'merge', table: rel(site, mer.relation), hasWhere: true, whereEquals: [], batched: false };
  return undefined;
}

/** Data-modifying statements inside WITH (`WITH gone AS (DELETE FROM t RETURNING *) ...`). */
export function cteDml(site: Site, withClause: { ctes?: Node[] } | undefined): DmlFacts[] {
  const out: DmlFacts[] = [];
  for (const cte of withClause?.ctes ?? []) {
    const c = nodeAs(cte, 'CommonTableExpr');
    const d = dmlFacts(site, c?.ctequery);
    if (d) {
      const at = site.at(c?.location);
      if (at >= 0) d.at = site.tokenRef(at, at);
      out.push(d);
    }
  }
  return out;
}
