/**
 * Column definitions: `ColumnDef` and `TypeName` nodes to model columns, with the spans rules and fixes
 * need (the name, the whole definition, the type as written).
 */
import type { ColumnDef, Constraint, Node, TypeName } from 'libpg-query';
import type { Column, ColumnType, DefaultValue } from '../model/schema';
import { intValue, nodeAs, strings } from './ast';
import { makeObjectName, qualifiedName } from './names';
import type { Site } from './site';
import { elementEnd, findWord, matching, typeEnd } from './tokens';

/**
 * The parser already canonicalises keyword types (`integer` -> `pg_catalog.int4`, `double precision` ->
 * `pg_catalog.float8`); the serial pseudo-types stay as written and become their integer type here.
 */
const SERIAL = new Map([
  ['serial', 'int4'], ['serial4', 'int4'], ['bigserial', 'int8'], ['serial8', 'int8'], ['smallserial', 'int2'], ['serial2', 'int2'],
]);

/** A column constraint with the token range it covers. */
export interface PlacedConstraint {
  c: Constraint;
  first: number;
  last: number;
}

/** A column's type as written. Whether it names an enum type is settled when the change is applied. */
export function columnType(site: Site, tn: TypeName): ColumnType {
  // Keyword types come back as `pg_catalog.int4`; others as written (folded unless quoted).
  let names = strings(tn.names);
  if (names.length > 1 && names[0] === 'pg_catalog') names = names.slice(1);
  const base = names[names.length - 1] ?? '';
  const typeSchema = names.length > 1 ? names[names.length - 2] : undefined;
  const name = typeSchema ? qualifiedName(typeSchema, base) : (SERIAL.get(base) ?? base);
  let params = (tn.typmods ?? []).map(intValue).filter((n): n is number => n !== undefined);
  // interval's first modifier is a field mask (`day to second`), not a number anyone wrote.
  if (name === 'interval') params = params.slice(1);
  const type: ColumnType = { name, params, array: (tn.arrayBounds?.length ?? 0) > 0, written: base };
  const i = site.at(tn.location);
  if (i >= 0) {
    const j = typeEnd(site.tokens, i);
    type.written = site.tokenText(i, j);
    type.source = site.tokenRef(i, j);
  }
  return type;
}

export function isSerial(tn: TypeName | undefined): boolean {
  const names = strings(tn?.names);
  return names.length === 1 && SERIAL.has(names[0]);
}

/** The default expression in tokens `first..last` (after the `DEFAULT` keyword), with its function if any. */
export function defaultValue(site: Site, expr: Node | undefined, first: number, last: number): DefaultValue {
  const value: DefaultValue = { text: site.tokenText(first, last) };
  if (first >= 0 && last >= first) value.source = site.tokenRef(first, last);
  const call = nodeAs(expr, 'FuncCall') ?? nodeAs(nodeAs(expr, 'TypeCast')?.arg, 'FuncCall');
  if (call) {
    const fname = strings(call.funcname);
    value.fn = (fname[fname.length - 1] ?? '').toLowerCase();
    value.args = callArgs(site, call.location);
    if (value.fn === 'nextval') value.generated = 'serial';
  }
  const svf = nodeAs(expr, 'SQLValueFunction');
  if (svf?.op) value.fn = svf.op.replace(/^SVFOP_/, '').replace(/_N$/, '').toLowerCase();
  return value;
}

/** The arguments of the call at `location`, as written: split at the top-level commas of its parentheses. */
function callArgs(site: Site, location: number | undefined): string[] {
  const tokens = site.tokens;
  const at = site.at(location);
  if (at < 0) return [];
  const open = findWord(tokens, at, tokens.length - 1, '(');
  if (open < 0) return [];
  const close = matching(tokens, open);
  const args: string[] = [];
  for (let j = open + 1; j < close; ) {
    const end = elementEnd(tokens, j);
    args.push(site.tokenText(j, end));
    j = end + 2;
  }
  return args;
}

/**
 * A column from its definition. Constraints that concern the table (keys, references) come back placed
 * so the caller can record them; NOT NULL, DEFAULT and identity are applied here.
 */
export function buildColumn(site: Site, def: ColumnDef, tableName: string): { column: Column; constraints: PlacedConstraint[] } {
  const statement = site.statementRef();
  const nameAt = site.at(def.location);
  const declEnd = nameAt >= 0 ? elementEnd(site.tokens, nameAt) : -1;
  const column: Column = {
    name: def.colname ?? '',
    type: def.typeName ? columnType(site, def.typeName) : { name: '', params: [], array: false, written: '' },
    nullable: true,
    source: nameAt >= 0 ? site.tokenRef(nameAt, nameAt) : statement,
    declaration: nameAt >= 0 ? site.tokenRef(nameAt, declEnd) : statement,
  };
  if (isSerial(def.typeName)) {
    column.nullable = false;
    // What PostgreSQL turns `serial` into; the type span is where it was asked for.
    const seq = makeObjectName(tableName, column.name, 'seq');
    column.default = { text: `nextval('${seq}'::regclass)`, fn: 'nextval', generated: 'serial', source: column.type.source };
  }
  const placed: PlacedConstraint[] = [];
  const list = (def.constraints ?? []).map((n) => nodeAs(n, 'Constraint')).filter((c): c is Constraint => !!c);
  list.forEach((c, k) => {
    const first = site.at(c.location);
    const nextAt = k + 1 < list.length ? site.at(list[k + 1].location) : -1;
    const last = nextAt > 0 ? nextAt - 1 : declEnd;
    switch (c.contype) {
      case 'CONSTR_NOTNULL':
        column.nullable = false;
        break;
      case 'CONSTR_NULL':
        column.nullable = true;
        break;
      case 'CONSTR_DEFAULT': {
        const kw = first >= 0 ? findWord(site.tokens, first, last, 'default') : -1;
        column.default = defaultValue(site, c.raw_expr, kw >= 0 ? kw + 1 : -1, kw >= 0 ? last : -1);
        break;
      }
      case 'CONSTR_IDENTITY':
        column.nullable = false;
        column.default = { text: first >= 0 ? site.tokenText(first, last) : 'GENERATED AS IDENTITY', generated: 'identity' };
        if (first >= 0) column.default.source = site.tokenRef(first, last);
        break;
      case 'CONSTR_PRIMARY':
        column.nullable = false;
        placed.push({ c, first, last });
        break;
      case 'CONSTR_UNIQUE':
      case 'CONSTR_FOREIGN':
      case 'CONSTR_CHECK':
        placed.push({ c, first, last });
        break;
    }
  });
  return { column, constraints: placed };
}
