/**
 * ALTER TABLE read for the rules: one typed action per `AlterTableCmd` (add column with its default and
 * constraints, drop, retype, NOT NULL, constraints), each with the span of the action as written.
 */
import type { AlterTableCmd, ColumnDef, Constraint, Node, RangeVar } from 'libpg-query';
import type { AlterAction, DefaultFacts, NewConstraint, Rel } from '../model/statements';
import { lazyProperty, type SourceRef } from '../model/text';
import { nodeAs, strings } from './ast';
import { columnType } from './columns';
import { referencedColumns } from './constraints';
import { splitQualified, tableKey } from './names';
import type { Site } from './site';
import { constraintHead, elementEnd, findWord, nameEnd } from './tokens';
import { volatility } from './volatility';

/** A relation named in the statement, with where its name is written. */
export function rel(site: Site, r: RangeVar | undefined): Rel | undefined {
  if (!r?.relname) return undefined;
  const out: Rel = { name: r.relname, key: tableKey(r.schemaname, r.relname) };
  if (r.schemaname) out.schema = r.schemaname;
  if (r.location !== undefined && r.location >= 0) lazyAt(out, site, r.location);
  return out;
}

/**
 * `at` worked out when first read: finding a name's end needs the statement's tokens, and scanning every
 * statement for names no finding points at was most of the time spent on a long dump.
 */
function lazyAt(out: Rel, site: Site, location: number): void {
  lazyProperty(out, 'at', () => {
    const i = site.at(location);
    return i >= 0 ? site.tokenRef(i, nameEnd(site.tokens, i)) : undefined;
  });
}

export function relFromNames(names: string[]): Rel | undefined {
  const { ns, name } = splitQualified(names);
  if (!name) return undefined;
  const out: Rel = { name, key: tableKey(ns, name) };
  if (ns) out.schema = ns;
  return out;
}

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
  const first = site.at(c.location);
  const head = constraintHead(site.tokens, first, elementEnd(site.tokens, Math.max(first, 0)));
  if (head) out.head = site.tokenRef(head[0], head[1]);
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

export function alterActions(site: Site, cmds: AlterTableCmd[], relAt: number): AlterAction[] {
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
          const col = columnType(site, def.typeName!);
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
        if (def?.typeName) action.newType = columnType(site, def.typeName);
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
