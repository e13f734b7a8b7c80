/**
 * ALTER TABLE actions read into schema changes: columns added, dropped, retyped, made (not) null or
 * given a default; constraints added, dropped and validated; row level security switched.
 */
import type { AlterTableCmd, AlterTableStmt, ColumnDef, Node } from 'libpg-query';
import type { Declared, SchemaChange, TableName } from '../model/schema-change';
import type { Column } from '../model/schema';
import { nodeAs, nodeStart } from './ast';
import { buildColumn, columnType, defaultValue } from './columns';
import { declaredConstraint, isKeyConstraint } from './constraints';
import { tableName } from './relations';
import type { Site } from './site';
import { elementEnd } from './tokens';

/** Tokens of an expression node up to the end of its ALTER TABLE action, with its opening parentheses. */
function expressionRange(site: Site, expr: Node | undefined): [number, number] {
  let first = site.at(nodeStart(expr));
  if (first < 0) return [-1, -1];
  while (first > 0 && site.tokens[first - 1].text === '(') first--;
  return [first, elementEnd(site.tokens, first)];
}

/** A column of a partial table, known only from `ALTER COLUMN ... TYPE`: its type is all we know. */
function partialColumn(site: Site, name: string, def: ColumnDef): Column {
  const at = site.at(def.location);
  const where = at >= 0 ? site.tokenRef(at, at) : site.statementRef();
  return {
    name,
    type: columnType(site, def.typeName!),
    nullable: true,
    source: where,
    declaration: at >= 0 ? site.tokenRef(at, elementEnd(site.tokens, at)) : where,
  };
}

function commandChanges(site: Site, target: TableName, cmd: AlterTableCmd): SchemaChange[] {
  const name = cmd.name;
  const table = target.key;
  switch (cmd.subtype) {
    case 'AT_AddColumn': {
      const def = nodeAs(cmd.def, 'ColumnDef');
      if (!def?.colname) return [];
      const built = buildColumn(site, def, target.name);
      const declared = built.constraints.map((p) => declaredConstraint(site, p.c, p.first, p.last, built.column.name)).filter((d): d is Declared => !!d);
      return [{ op: 'add-column', table, column: built.column, declared }];
    }
    case 'AT_DropColumn':
      return name ? [{ op: 'drop-column', table, column: name }] : [];
    case 'AT_AlterColumnType': {
      const def = nodeAs(cmd.def, 'ColumnDef');
      if (!def?.typeName || !name) return [];
      return [{ op: 'alter-column', table, column: name, type: columnType(site, def.typeName), ifAbsent: partialColumn(site, name, def) }];
    }
    case 'AT_SetNotNull':
      return name ? [{ op: 'alter-column', table, column: name, nullable: false }] : [];
    case 'AT_DropNotNull':
      return name ? [{ op: 'alter-column', table, column: name, nullable: true }] : [];
    case 'AT_ColumnDefault': {
      if (!name) return [];
      if (!cmd.def) return [{ op: 'alter-column', table, column: name, default: null }];
      const [first, last] = expressionRange(site, cmd.def);
      return [{ op: 'alter-column', table, column: name, default: defaultValue(site, cmd.def, first, last) }];
    }
    case 'AT_AddIdentity':
    case 'AT_DropIdentity':
      return name ? [{ op: 'alter-column', table, column: name, identity: cmd.subtype === 'AT_AddIdentity' ? 'add' : 'drop' }] : [];
    case 'AT_AddConstraint': {
      const c = nodeAs(cmd.def, 'Constraint');
      if (!c) return [];
      const first = site.at(c.location);
      const declared = declaredConstraint(site, c, first, first >= 0 ? elementEnd(site.tokens, first) : -1);
      return declared ? [{ op: 'declare', table, declared }] : [];
    }
    case 'AT_DropConstraint':
      return name ? [{ op: 'drop-named', table, name }] : [];
    case 'AT_ValidateConstraint':
      return name ? [{ op: 'validate-check', table, name }] : [];
    case 'AT_EnableRowSecurity':
    case 'AT_DisableRowSecurity':
      return [{ op: 'row-security', table, enabled: cmd.subtype === 'AT_EnableRowSecurity' }];
    case 'AT_ForceRowSecurity':
    case 'AT_NoForceRowSecurity':
      return [{ op: 'row-security', table, forced: cmd.subtype === 'AT_ForceRowSecurity' }];
  }
  return [];
}

/** Actions that tell something about a table the history does not know (others, like OWNER TO, do not). */
function describesTable(cmd: AlterTableCmd): boolean {
  switch (cmd.subtype) {
    case 'AT_AddColumn':
    case 'AT_AlterColumnType':
    case 'AT_EnableRowSecurity':
    case 'AT_ForceRowSecurity':
      return true;
    case 'AT_AddConstraint': {
      const c = nodeAs(cmd.def, 'Constraint');
      return !!c && (isKeyConstraint(c) || c.contype === 'CONSTR_FOREIGN' || c.contype === 'CONSTR_CHECK');
    }
    default:
      return false;
  }
}

export function alterTable(site: Site, s: AlterTableStmt): SchemaChange[] {
  if (s.objtype && s.objtype !== 'OBJECT_TABLE') return [];
  const table = tableName(site, s.relation);
  if (!table) return [];
  const cmds = (s.cmds ?? []).map((n) => nodeAs(n, 'AlterTableCmd')).filter((c): c is AlterTableCmd => !!c);
  const changes: SchemaChange[] = cmds.some(describesTable) ? [{ op: 'ensure-table', table }] : [];
  for (const cmd of cmds) changes.push(...commandChanges(site, table, cmd));
  return changes;
}
