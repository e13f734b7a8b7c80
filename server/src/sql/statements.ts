/**
 * What a statement does, in a small typed form that lock analysis and the statement rules share:
 * "CREATE INDEX on t, not concurrently", "ALTER TABLE t: add column c NOT NULL without default", with
 * the spans fixes need (the table name, each ALTER TABLE action, keywords). Read off libpg-query's
 * AST and scanner tokens; statements the parser rejected are `unparsed`.
 */
import type { AlterTableCmd, ColumnDef, Constraint, Node, RangeVar, SelectStmt } from 'libpg-query';
import { emptySchema } from '../model/schema';
import type { AlterAction, DefaultFacts, DmlFacts, NewConstraint, Rel, SelectFacts, StarRef, StatementInfo, StatementSyntax } from '../model/statements';
import type { SourceRef } from '../model/text';
import { listNames, nodeAs, strings, tagOf } from './ast';
import { columnType } from './columns';
import { referencedColumns } from './constraints';
import { splitQualified, tableKey } from './names';
import type { ParsedStatement } from './parse';
import { Site } from './site';
import { unreadableCreateTable } from './unreadable';
import { elementEnd, findWord, nameEnd, word } from './tokens';

export type { AlterAction, Rel, StatementInfo } from '../model/statements';

/** Functions whose result differs per row: a default with one of them fills each row, rewriting the table. */
export const VOLATILE_FUNCTIONS = new Set([
  'random', 'random_normal', 'gen_random_uuid', 'uuid_generate_v1', 'uuid_generate_v1mc', 'uuid_generate_v4', 'uuidv4', 'uuidv7',
  'clock_timestamp', 'timeofday', 'nextval', 'gen_random_bytes', 'setseed', 'txid_current', 'pg_current_xact_id',
]);

/**
 * Built-in functions that are not volatile (stable or immutable), among those seen in defaults. A call
 * to any other function not in VOLATILE_FUNCTIONS is a user function, and CREATE FUNCTION makes
 * functions VOLATILE unless told otherwise.
 */
const NON_VOLATILE = new Set([
  'now', 'statement_timestamp', 'transaction_timestamp', 'timezone', 'date_trunc', 'date_part', 'make_date', 'make_timestamp',
  'make_timestamptz', 'make_interval', 'to_timestamp', 'to_date', 'to_char', 'to_number', 'lower', 'upper', 'trim', 'btrim', 'concat',
  'concat_ws', 'coalesce', 'nullif', 'greatest', 'least', 'length', 'char_length', 'substring', 'replace', 'md5', 'encode', 'decode',
  'jsonb_build_object', 'json_build_object', 'jsonb_build_array', 'json_build_array', 'to_jsonb', 'to_json', 'array_to_json',
  'jsonb_object', 'json_object', 'array_fill', 'array_length', 'current_setting', 'current_database', 'current_schema', 'current_user',
  'session_user', 'int4', 'int8', 'text', 'numeric', 'ltree', 'point', 'tsvector', 'to_tsvector', 'extract', 'round', 'floor', 'ceil',
  'abs', 'string_to_array', 'array_to_string', 'format', 'left', 'right', 'split_part', 'regexp_replace', 'uuid_nil', 'pg_typeof',
]);

/**
 * The volatile function an expression calls, if any (`gen_random_uuid`), and whether that is known
 * (a built-in volatile function) or assumed (a user function, VOLATILE unless declared otherwise).
 */
export function volatileCall(expr: unknown): string | undefined {
  return volatility(expr)?.name;
}

export function volatility(expr: unknown): { name: string; assumed: boolean } | undefined {
  let found: { name: string; assumed: boolean } | undefined;
  const visit = (v: unknown, depth: number) => {
    if ((found && !found.assumed) || !v || typeof v !== 'object' || depth > 60) return;
    if (Array.isArray(v)) {
      for (const x of v) visit(x, depth + 1);
      return;
    }
    const call = nodeAs(v as Node, 'FuncCall');
    if (call) {
      const name = strings(call.funcname).pop()?.toLowerCase();
      if (name && VOLATILE_FUNCTIONS.has(name)) {
        found = { name, assumed: false };
        return;
      }
      if (name && !NON_VOLATILE.has(name) && !found) found = { name, assumed: true };
    }
    for (const x of Object.values(v)) if (typeof x === 'object') visit(x, depth + 1);
  };
  visit(expr, 0);
  return found;
}

/** A parsed statement seen by the rules: its AST, what it does, and positions of its parts. */
export class StatementView implements StatementSyntax {
  readonly site: Site;
  private described: StatementInfo | undefined;

  constructor(
    readonly parsed: ParsedStatement,
    readonly uri: string,
  ) {
    this.site = new Site(parsed, uri);
  }

  get node(): Node | undefined {
    return this.parsed.stmt;
  }

  get info(): StatementInfo {
    return (this.described ??= describe(this.site, this.parsed.stmt));
  }

  /** The whole statement, `;` included. */
  get ref(): SourceRef {
    return this.site.statementRef();
  }

  get text(): string {
    return this.parsed.text;
  }

  /** The first token whose word is `w` (`index`, `concurrently`), from token `from`. */
  keyword(w: string, from = 0): { index: number; ref: SourceRef } | undefined {
    const tokens = this.site.tokens;
    const i = findWord(tokens, from, tokens.length - 1, w);
    return i >= 0 ? { index: i, ref: this.site.tokenRef(i, i) } : undefined;
  }

  /** From the statement start to the end of its first `n` tokens (the words a finding points at). */
  head(n: number): SourceRef {
    const tokens = this.site.tokens;
    if (tokens.length === 0) return this.ref;
    return this.site.tokenRef(0, Math.min(n, tokens.length) - 1);
  }

  after(index: number): SourceRef {
    const end = this.site.tokenRef(index, index).span.end;
    return { uri: this.uri, span: { start: end, end } };
  }

  /** Just before the terminating `;` (or the statement end when there is none): where `NOT VALID` goes. */
  beforeSemicolon(): SourceRef {
    const tokens = this.site.tokens;
    const last = tokens.length - 1;
    if (last >= 0 && tokens[last].text === ';' && last > 0) {
      const end = this.site.tokenRef(last - 1, last - 1).span.end;
      return { uri: this.uri, span: { start: end, end } };
    }
    const end = this.parsed.span.end;
    return { uri: this.uri, span: { start: end, end } };
  }
}

function rel(site: Site, r: RangeVar | undefined): Rel | undefined {
  if (!r?.relname) return undefined;
  const out: Rel = { name: r.relname, key: tableKey(r.schemaname, r.relname) };
  if (r.schemaname) out.schema = r.schemaname;
  const i = site.at(r.location);
  if (i >= 0) out.at = site.tokenRef(i, nameEnd(site.tokens, i));
  return out;
}

function relFromNames(names: string[]): Rel | undefined {
  const { ns, name } = splitQualified(names);
  if (!name) return undefined;
  const out: Rel = { name, key: tableKey(ns, name) };
  if (ns) out.schema = ns;
  return out;
}

function defNames(options: Node[] | undefined): string[] {
  return (options ?? []).map((o) => nodeAs(o, 'DefElem')?.defname ?? '').filter(Boolean);
}

/** A DefElem option is on unless written `false`/`off`/`0` (`EXPLAIN (ANALYZE false)`). */
function optionOn(options: Node[] | undefined, name: string): boolean {
  for (const o of options ?? []) {
    const d = nodeAs(o, 'DefElem');
    if (d?.defname !== name) continue;
    if (!d.arg) return true;
    const s = nodeAs(d.arg, 'String')?.sval ?? nodeAs(nodeAs(d.arg, 'A_Const')?.sval as Node | undefined, 'String')?.sval;
    const b = nodeAs(d.arg, 'Boolean')?.boolval;
    if (b !== undefined) return b;
    if (s !== undefined) return !/^(false|off|0|no)$/i.test(s);
    const i = nodeAs(d.arg, 'Integer')?.ival;
    if (i !== undefined) return i !== 0;
    return true;
  }
  return false;
}

const OBJECT_KIND: Record<string, 'table' | 'view' | 'materialized view'> = {
  OBJECT_TABLE: 'table',
  OBJECT_VIEW: 'view',
  OBJECT_MATVIEW: 'materialized view',
  OBJECT_FOREIGN_TABLE: 'table',
};

/**
 * Token ranges of the comma-separated actions of an ALTER TABLE, after the table name. One range per
 * `AlterTableCmd` when the counts agree.
 */
function actionRanges(site: Site, after: number): [number, number][] {
  const tokens = site.tokens;
  const out: [number, number][] = [];
  let last = tokens.length - 1;
  if (last >= 0 && tokens[last].text === ';') last--;
  for (let j = after + 1; j <= last; ) {
    const end = Math.min(elementEnd(tokens, j), last);
    out.push([j, end]);
    j = end + 2;
  }
  return out;
}

/** The tokens of a constraint node, from its location to the end of its list element. */
function constraintRef(site: Site, c: Constraint): SourceRef | undefined {
  const first = site.at(c.location);
  return first >= 0 ? site.tokenRef(first, elementEnd(site.tokens, first)) : undefined;
}

export function newConstraint(site: Site, c: Constraint, column?: string): NewConstraint {
  const kind: NewConstraint['kind'] =
    c.contype === 'CONSTR_FOREIGN'
      ? 'foreign'
      : c.contype === 'CONSTR_CHECK'
        ? 'check'
        : c.contype === 'CONSTR_UNIQUE'
          ? 'unique'
          : c.contype === 'CONSTR_PRIMARY'
            ? 'primary'
            : c.contype === 'CONSTR_EXCLUSION'
              ? 'exclusion'
              : 'other';
  const out: NewConstraint = { kind, notValid: !!c.skip_validation, columns: [] };
  if (c.conname) out.name = c.conname;
  if (c.indexname) out.usingIndex = c.indexname;
  if (kind === 'foreign') {
    out.columns = column ? [column] : strings(c.fk_attrs);
    out.references = rel(site, c.pktable);
  } else if (kind === 'check') {
    out.columns = referencedColumns(c.raw_expr);
    const at = site.at(c.location);
    const kw = at >= 0 ? findWord(site.tokens, at, site.tokens.length - 1, 'check') : -1;
    if (kw >= 0 && site.tokens[kw + 1]?.text === '(') {
      let depth = 0;
      for (let j = kw + 1; j < site.tokens.length; j++) {
        const t = site.tokens[j].text;
        if (t === '(') depth++;
        else if (t === ')' && --depth === 0) {
          out.expression = site.tokenText(kw + 2, j - 1);
          break;
        }
      }
    }
  } else out.columns = column ? [column] : strings(c.keys);
  const ref = constraintRef(site, c);
  if (ref) out.at = ref;
  return out;
}

function defaultFacts(site: Site, expr: Node | undefined, fromToken: number, toToken: number): DefaultFacts {
  const facts: DefaultFacts = { text: fromToken >= 0 ? site.tokenText(fromToken, toToken) : '', isNull: !!nodeAs(expr, 'A_Const')?.isnull };
  const v = volatility(expr);
  if (v) {
    facts.volatile = v.name;
    if (v.assumed) facts.volatileAssumed = true;
  }
  if (fromToken >= 0) facts.at = site.tokenRef(fromToken, toToken);
  return facts;
}

const NO_SCHEMA = emptySchema('postgresql');

function alterActions(site: Site, cmds: AlterTableCmd[], relAt: number): AlterAction[] {
  const ranges = relAt >= 0 ? actionRanges(site, nameEnd(site.tokens, relAt)) : [];
  return cmds.map((cmd, k): AlterAction => {
    const range = ranges.length === cmds.length ? ranges[k] : undefined;
    const at = range ? site.tokenRef(range[0], range[1]) : undefined;
    const column = cmd.name ?? '';
    switch (cmd.subtype) {
      case 'AT_AddColumn': {
        const def: ColumnDef = nodeAs(cmd.def, 'ColumnDef') ?? {};
        const list = (def.constraints ?? []).map((n) => nodeAs(n, 'Constraint')).filter((c): c is Constraint => !!c);
        let generated: 'identity' | 'stored' | 'serial' | undefined;
        if (list.some((c) => c.contype === 'CONSTR_IDENTITY') || def.identity) generated = 'identity';
        else if (list.some((c) => c.contype === 'CONSTR_GENERATED')) generated = 'stored';
        else if (/^(small|big)?serial[248]?$/.test(strings(def.typeName?.names).join('.'))) generated = 'serial';
        const action: AlterAction = {
          at,
          type: 'add-column',
          column: def.colname ?? '',
          notNull: list.some((c) => c.contype === 'CONSTR_NOTNULL' || c.contype === 'CONSTR_PRIMARY') || !!def.is_not_null,
          constraints: list.filter((c) => ['CONSTR_FOREIGN', 'CONSTR_CHECK', 'CONSTR_UNIQUE', 'CONSTR_PRIMARY', 'CONSTR_EXCLUSION'].includes(c.contype ?? '')).map((c) => newConstraint(site, c, def.colname)),
          ifNotExists: !!cmd.missing_ok,
          typeText: '',
        };
        if (generated) action.generated = generated;
        const tAt = site.at(def.typeName?.location);
        if (tAt >= 0) {
          const col = columnType(site, def.typeName!, NO_SCHEMA);
          action.typeText = col.written;
        }
        list.forEach((c, n) => {
          const first = site.at(c.location);
          const next = n + 1 < list.length ? site.at(list[n + 1].location) - 1 : range ? range[1] : elementEnd(site.tokens, Math.max(first, 0));
          if (c.contype === 'CONSTR_NOTNULL' && first >= 0) action.notNullAt = site.tokenRef(first, Math.min(first + 1, next));
          if (c.contype === 'CONSTR_DEFAULT' && first >= 0) {
            const kw = findWord(site.tokens, first, next, 'default');
            action.default = defaultFacts(site, c.raw_expr, kw >= 0 ? kw + 1 : -1, next);
          }
        });
        if (!action.default && def.raw_default) action.default = defaultFacts(site, def.raw_default, -1, -1);
        return action;
      }
      case 'AT_DropColumn':
        return { at, type: 'drop-column', column, cascade: cmd.behavior === 'DROP_CASCADE' };
      case 'AT_AlterColumnType': {
        const def = nodeAs(cmd.def, 'ColumnDef');
        const action: AlterAction = { at, type: 'alter-type', column, using: !!def?.raw_default };
        if (def?.typeName) action.newType = columnType(site, def.typeName, NO_SCHEMA);
        const collation = strings(def?.collClause?.collname).join('.');
        if (collation) action.collation = collation;
        return action;
      }
      case 'AT_SetNotNull':
        return { at, type: 'set-not-null', column };
      case 'AT_DropNotNull':
        return { at, type: 'drop-not-null', column };
      case 'AT_ColumnDefault': {
        const action: AlterAction = { at, type: 'set-default', column };
        if (cmd.def) action.default = defaultFacts(site, cmd.def, -1, -1);
        return action;
      }
      case 'AT_AddConstraint': {
        const c = nodeAs(cmd.def, 'Constraint');
        if (c) return { at, type: 'add-constraint', constraint: newConstraint(site, c) };
        break;
      }
      case 'AT_ValidateConstraint':
        return { at, type: 'validate-constraint', name: column };
      case 'AT_DropConstraint':
        return { at, type: 'drop-constraint', name: column, cascade: cmd.behavior === 'DROP_CASCADE' };
      case 'AT_DetachPartition':
        return { at, type: 'other', subtype: cmd.subtype, concurrently: !!nodeAs(cmd.def, 'PartitionCmd')?.concurrent };
    }
    return { at, type: 'other', subtype: cmd.subtype ?? '' };
  });
}

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

function selectFacts(site: Site, sel: SelectStmt | undefined): SelectFacts {
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

function dmlFacts(site: Site, node: Node | undefined): DmlFacts | undefined {
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
function cteDml(site: Site, withClause: { ctes?: Node[] } | undefined): DmlFacts[] {
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

function transactionOp(kind: string | undefined): 'begin' | 'commit' | 'rollback' | 'savepoint' | 'release' | 'rollback-to' | 'prepare' | 'other' {
  switch (kind) {
    case 'TRANS_STMT_BEGIN':
    case 'TRANS_STMT_START':
      return 'begin';
    case 'TRANS_STMT_COMMIT':
      return 'commit';
    case 'TRANS_STMT_ROLLBACK':
      return 'rollback';
    case 'TRANS_STMT_SAVEPOINT':
      return 'savepoint';
    case 'TRANS_STMT_RELEASE':
      return 'release';
    case 'TRANS_STMT_ROLLBACK_TO':
      return 'rollback-to';
    case 'TRANS_STMT_PREPARE':
      return 'prepare';
    default:
      return 'other';
  }
}

function constValue(n: Node | undefined): string | undefined {
  const c = nodeAs(n, 'A_Const');
  if (!c) return undefined;
  if (c.sval) return c.sval.sval;
  if (c.ival) return String(c.ival.ival ?? 0);
  if (c.fval) return c.fval.fval;
  return undefined;
}

export function describe(site: Site, node: Node | undefined): StatementInfo {
  if (!node) {
    const created = unreadableCreateTable(site);
    return created ? { kind: 'unparsed', creates: created.table } : { kind: 'unparsed' };
  }
  const tag = tagOf(node) ?? '';
  switch (tag) {
    case 'CreateStmt': {
      const s = nodeAs(node, 'CreateStmt')!;
      const table = rel(site, s.relation);
      if (!table) break;
      const parent = s.partbound ? rel(site, nodeAs(s.inhRelations?.[0], 'RangeVar')) : undefined;
      return { kind: 'create-table', table, ifNotExists: !!s.if_not_exists, partitionOf: parent };
    }
    case 'CreateTableAsStmt': {
      const s = nodeAs(node, 'CreateTableAsStmt')!;
      const table = rel(site, s.into?.rel);
      if (!table) break;
      const out: StatementInfo = { kind: 'create-table-as', table, matview: s.objtype === 'OBJECT_MATVIEW', withNoData: !!s.into?.skipData };
      const sel = nodeAs(s.query, 'SelectStmt');
      if (sel) out.select = selectFacts(site, sel);
      return out;
    }
    case 'ViewStmt': {
      const v = nodeAs(node, 'ViewStmt')!;
      const table = rel(site, v.view);
      if (!table) break;
      const out: StatementInfo = { kind: 'create-view', table };
      const sel = nodeAs(v.query, 'SelectStmt');
      if (sel) out.select = selectFacts(site, sel);
      return out;
    }
    case 'IndexStmt': {
      const s = nodeAs(node, 'IndexStmt')!;
      const table = rel(site, s.relation);
      if (!table) break;
      return {
        kind: 'create-index',
        table,
        name: s.idxname,
        unique: !!s.unique,
        concurrently: !!s.concurrent,
        ifNotExists: !!s.if_not_exists,
        partial: !!s.whereClause,
        columns: (s.indexParams ?? []).map((p) => nodeAs(p, 'IndexElem')?.name ?? '(expr)'),
      };
    }
    case 'DropStmt': {
      const s = nodeAs(node, 'DropStmt')!;
      const rels = (s.objects ?? []).map((o) => relFromNames(listNames(o))).filter((r): r is Rel => !!r);
      const cascade = s.behavior === 'DROP_CASCADE';
      if (s.removeType === 'OBJECT_INDEX') return { kind: 'drop-index', indexes: rels, concurrently: !!s.concurrent, cascade, ifExists: !!s.missing_ok };
      const objectType = OBJECT_KIND[s.removeType ?? ''];
      if (objectType) return { kind: 'drop-table', objectType, tables: rels, cascade, ifExists: !!s.missing_ok };
      break;
    }
    case 'AlterTableStmt': {
      const s = nodeAs(node, 'AlterTableStmt')!;
      const table = rel(site, s.relation);
      if (!table || (s.objtype && s.objtype !== 'OBJECT_TABLE' && s.objtype !== 'OBJECT_FOREIGN_TABLE')) break;
      const cmds = (s.cmds ?? []).map((n) => nodeAs(n, 'AlterTableCmd')).filter((c): c is AlterTableCmd => !!c);
      return { kind: 'alter-table', table, actions: alterActions(site, cmds, site.at(s.relation?.location)), ifExists: !!s.missing_ok };
    }
    case 'RenameStmt': {
      const s = nodeAs(node, 'RenameStmt')!;
      const table = rel(site, s.relation);
      const objectType = OBJECT_KIND[s.renameType ?? ''];
      if (table && objectType && s.newname) return { kind: 'rename-table', table, newName: s.newname, objectType };
      if (table && s.renameType === 'OBJECT_COLUMN' && s.subname && s.newname) {
        return { kind: 'rename-column', table, column: s.subname, newName: s.newname };
      }
      return { kind: 'rename-other', table };
    }
    case 'TruncateStmt': {
      const s = nodeAs(node, 'TruncateStmt')!;
      const tables = (s.relations ?? []).map((r) => rel(site, nodeAs(r, 'RangeVar'))).filter((r): r is Rel => !!r);
      return { kind: 'truncate', tables, cascade: s.behavior === 'DROP_CASCADE' };
    }
    case 'RefreshMatViewStmt': {
      const s = nodeAs(node, 'RefreshMatViewStmt')!;
      const view = rel(site, s.relation);
      if (view) return { kind: 'refresh', view, concurrently: !!s.concurrent, withNoData: !!s.skipData };
      break;
    }
    case 'ReindexStmt': {
      const s = nodeAs(node, 'ReindexStmt')!;
      return {
        kind: 'reindex',
        concurrently: defNames(s.params).includes('concurrently'),
        table: s.kind === 'REINDEX_OBJECT_TABLE' ? rel(site, s.relation) : undefined,
        target: (s.kind ?? '').replace('REINDEX_OBJECT_', '').toLowerCase(),
      };
    }
    case 'VacuumStmt': {
      const s = nodeAs(node, 'VacuumStmt')!;
      const tables = (s.rels ?? []).map((r) => rel(site, nodeAs(r, 'VacuumRelation')?.relation)).filter((r): r is Rel => !!r);
      return { kind: 'vacuum', full: optionOn(s.options, 'full'), vacuum: !!s.is_vacuumcmd, tables };
    }
    case 'ClusterStmt':
      return { kind: 'cluster', table: rel(site, nodeAs(node, 'ClusterStmt')!.relation) };
    case 'CreatePolicyStmt': {
      const s = nodeAs(node, 'CreatePolicyStmt')!;
      const table = rel(site, s.table);
      if (table) return { kind: 'policy', op: 'create', table, name: s.policy_name ?? '' };
      break;
    }
    case 'AlterPolicyStmt': {
      const s = nodeAs(node, 'AlterPolicyStmt')!;
      const table = rel(site, s.table);
      if (table) return { kind: 'policy', op: 'alter', table, name: s.policy_name ?? '' };
      break;
    }
    case 'CreateTrigStmt': {
      const table = rel(site, nodeAs(node, 'CreateTrigStmt')!.relation);
      if (table) return { kind: 'trigger', table };
      break;
    }
    case 'TransactionStmt':
      return { kind: 'transaction', op: transactionOp(nodeAs(node, 'TransactionStmt')!.kind) };
    case 'VariableSetStmt': {
      const s = nodeAs(node, 'VariableSetStmt')!;
      return { kind: 'set', name: (s.name ?? '').toLowerCase(), local: !!s.is_local, value: constValue(s.args?.[0]) };
    }
    case 'InsertStmt':
    case 'UpdateStmt':
    case 'DeleteStmt':
    case 'MergeStmt': {
      const d = dmlFacts(site, node)!;
      const w = (nodeAs(node, 'InsertStmt') ?? nodeAs(node, 'UpdateStmt') ?? nodeAs(node, 'DeleteStmt') ?? nodeAs(node, 'MergeStmt'))?.withClause;
      const out: StatementInfo = { kind: 'dml', ...d, ctes: cteDml(site, w) };
      const sel = nodeAs(nodeAs(node, 'InsertStmt')?.selectStmt, 'SelectStmt');
      if (sel && !sel.valuesLists) out.select = selectFacts(site, sel);
      return out;
    }
    case 'SelectStmt': {
      const sel = nodeAs(node, 'SelectStmt')!;
      return { kind: 'select', into: !!sel.intoClause, select: selectFacts(site, sel), ctes: cteDml(site, sel.withClause) };
    }
    case 'CreateFunctionStmt':
    case 'DoStmt':
      return { kind: 'create-function' };
    case 'ExplainStmt': {
      const s = nodeAs(node, 'ExplainStmt')!;
      return { kind: 'explain', analyze: optionOn(s.options, 'analyze'), inner: describe(site, s.query) };
    }
    case 'AlterEnumStmt':
      return { kind: 'alter-enum', addValue: nodeAs(node, 'AlterEnumStmt')!.oldVal === undefined };
  }
  return { kind: 'other', tag };
}

export { cannotRunInTransaction, isChange, isConcurrent } from '../model/statements';

/** The word at token `i`, for callers that walk tokens themselves. */
export { word };
