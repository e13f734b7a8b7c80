/**
 * ALTER TABLE actions replayed on the model: columns added, dropped, retyped, made (not) null or given
 * a default; constraints added and dropped; row level security switched.
 */
import type { AlterTableCmd, AlterTableStmt, ColumnDef, Node } from 'libpg-query';
import { dropColumn, removeNamed } from '../model/changes';
import { findColumn, type Column, type Schema, type Table } from '../model/schema';
import { nodeAs, nodeStart } from './ast';
import { buildColumn, columnType, defaultValue } from './columns';
import { applyConstraint, isKeyConstraint } from './constraints';
import { isPartial, lookup, targetTable } from './relations';
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
function partialColumn(site: Site, schema: Schema, name: string, def: ColumnDef): Column {
  const at = site.at(def.location);
  const where = at >= 0 ? site.tokenRef(at, at) : site.statementRef();
  return {
    name,
    type: columnType(site, def.typeName!, schema),
    nullable: true,
    source: where,
    declaration: at >= 0 ? site.tokenRef(at, elementEnd(site.tokens, at)) : where,
  };
}

function applyCommand(site: Site, schema: Schema, table: Table, cmd: AlterTableCmd): void {
  const column = cmd.name !== undefined ? findColumn(table, cmd.name) : undefined;
  switch (cmd.subtype) {
    case 'AT_AddColumn': {
      const def = nodeAs(cmd.def, 'ColumnDef');
      if (!def?.colname || findColumn(table, def.colname)) return;
      const built = buildColumn(site, def, table.name, schema);
      table.columns.push(built.column);
      const placed = [...built.constraints].sort((a, b) => Number(isKeyConstraint(b.c)) - Number(isKeyConstraint(a.c)));
      for (const p of placed) applyConstraint(site, schema, table, p.c, p.first, p.last, built.column.name);
      return;
    }
    case 'AT_DropColumn':
      if (cmd.name) dropColumn(schema, table, cmd.name);
      return;
    case 'AT_AlterColumnType': {
      const def = nodeAs(cmd.def, 'ColumnDef');
      if (!def?.typeName) return;
      if (column) column.type = columnType(site, def.typeName, schema);
      else if (cmd.name && isPartial(table)) table.columns.push(partialColumn(site, schema, cmd.name, def));
      return;
    }
    case 'AT_SetNotNull':
      if (column) column.nullable = false;
      return;
    case 'AT_DropNotNull':
      if (column) column.nullable = true;
      return;
    case 'AT_ColumnDefault': {
      if (!column) return;
      if (!cmd.def) {
        delete column.default;
        return;
      }
      const [first, last] = expressionRange(site, cmd.def);
      column.default = defaultValue(site, cmd.def, first, last);
      return;
    }
    case 'AT_AddIdentity':
      if (column) {
        column.nullable = false;
        column.default = { text: 'GENERATED AS IDENTITY', generated: 'identity' };
      }
      return;
    case 'AT_DropIdentity':
      if (column?.default?.generated === 'identity') delete column.default;
      return;
    case 'AT_AddConstraint': {
      const c = nodeAs(cmd.def, 'Constraint');
      if (!c) return;
      const first = site.at(c.location);
      applyConstraint(site, schema, table, c, first, first >= 0 ? elementEnd(site.tokens, first) : -1);
      return;
    }
    case 'AT_DropConstraint':
      if (cmd.name) removeNamed(schema, table, cmd.name);
      return;
    case 'AT_ValidateConstraint': {
      const check = table.checks?.find((c) => c.name === cmd.name);
      if (check) delete check.notValid;
      return;
    }
    case 'AT_EnableRowSecurity':
    case 'AT_DisableRowSecurity':
      table.rls = { enabled: cmd.subtype === 'AT_EnableRowSecurity', forced: table.rls?.forced ?? false };
      return;
    case 'AT_ForceRowSecurity':
    case 'AT_NoForceRowSecurity':
      table.rls = { enabled: table.rls?.enabled ?? false, forced: cmd.subtype === 'AT_ForceRowSecurity' };
      return;
  }
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

export function alterTable(site: Site, schema: Schema, s: AlterTableStmt): void {
  const rel = s.relation;
  if (!rel?.relname || (s.objtype && s.objtype !== 'OBJECT_TABLE')) return;
  const cmds = (s.cmds ?? []).map((n) => nodeAs(n, 'AlterTableCmd')).filter((c): c is AlterTableCmd => !!c);
  const table = lookup(schema, rel) ?? (cmds.some(describesTable) ? targetTable(site, schema, rel) : undefined);
  if (!table) return;
  for (const cmd of cmds) applyCommand(site, schema, table, cmd);
}
