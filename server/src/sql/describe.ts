/**
 * What a statement does, read off libpg-query's AST and scanner tokens into the typed `StatementInfo`
 * the rules and the lock analysis share. Statements the parser rejected are `unparsed`, with what their
 * head still says.
 */
import type { AlterTableCmd, Node } from 'libpg-query';
import type { Rel, StatementInfo } from '../model/statements';
import { listNames, nodeAs, tagOf } from './ast';
import { alterActions, rel, relFromNames } from './describe-alter';
import { cteDml, dmlFacts, selectFacts } from './describe-query';
import type { Site } from './site';
import { tableKey } from './names';
import { unreadableCreateTable } from './unreadable';

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
    case 'CreateSeqStmt': {
      const seq = nodeAs(node, 'CreateSeqStmt')!.sequence;
      return seq?.relname ? { kind: 'other', tag, sequence: tableKey(seq.schemaname, seq.relname) } : { kind: 'other', tag };
    }
  }
  return { kind: 'other', tag };
}
