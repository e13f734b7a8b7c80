/**
 * The typed statement description (`StatementInfo`) of a SQLite or MySQL DDL statement the PostgreSQL
 * parser rejected (`MODIFY`, `CHANGE`, `AUTO_INCREMENT`, `ENGINE=`...), read off the same schema changes
 * the token reader gives the replay, so statement rules (drop column, rename column, ...) run on these
 * engines too.
 */
import type { Declared, SchemaChange, TableName } from '../../model/schema-change';
import type { AlterAction, DefaultFacts, NewConstraint, Rel, StatementInfo } from '../../model/statements';
import type { DefaultValue, Dialect } from '../../model/schema';
import { tableKey } from '../names';
import type { ParsedStatement } from '../parse';
import { readLite } from './apply';
import { lexLite } from './lexer';

function rel(t: TableName): Rel {
  const out: Rel = { name: t.name, key: t.key, at: t.source };
  if (t.schema) out.schema = t.schema;
  return out;
}

function defaultFacts(d: DefaultValue | undefined): DefaultFacts | undefined {
  if (!d) return undefined;
  const out: DefaultFacts = { text: d.text, isNull: /^null$/i.test(d.text.trim()) };
  if (d.source) out.at = d.source;
  return out;
}

function constraintOf(d: Declared): NewConstraint {
  switch (d.kind) {
    case 'index':
      return { kind: d.index.kind === 'index' ? 'other' : d.index.kind, name: d.index.name, notValid: false, columns: [...d.index.columns], at: d.index.source };
    case 'using-index':
      return { kind: d.as, name: d.name, notValid: false, usingIndex: d.index, columns: [], at: d.source };
    case 'foreign': {
      const [schema, name] = d.fk.refTable.includes('.') ? d.fk.refTable.split('.', 2) : [undefined, d.fk.refTable];
      const references: Rel = { name, key: tableKey(schema, name) };
      if (schema) references.schema = schema;
      return { kind: 'foreign', name: d.fk.name, notValid: false, columns: [...d.fk.columns], references, at: d.fk.source };
    }
    case 'check':
      return { kind: 'check', name: d.check.name, notValid: false, columns: [...d.check.columns], expression: d.check.expression, at: d.check.source };
  }
}

function alterAction(c: SchemaChange): AlterAction | undefined {
  switch (c.op) {
    case 'add-column': {
      const col = c.column;
      if (c.restate) return { type: 'alter-type', column: col.name, newType: col.type, using: false, at: col.declaration };
      const action: AlterAction = {
        type: 'add-column',
        column: col.name,
        notNull: !col.nullable,
        constraints: c.declared.map(constraintOf),
        ifNotExists: false,
        typeText: col.type.written,
        at: col.declaration,
      };
      const d = defaultFacts(col.default);
      if (d) action.default = d;
      if (col.default?.generated === 'autoincrement') action.generated = 'serial';
      return action;
    }
    case 'drop-column':
      return { type: 'drop-column', column: c.column, cascade: false };
    case 'alter-column':
      if (c.default === null || c.default) return { type: 'set-default', column: c.column, default: defaultFacts(c.default ?? undefined) };
      return undefined;
    case 'declare':
      return { type: 'add-constraint', constraint: constraintOf(c.declared) };
    case 'drop-named':
      return { type: 'drop-constraint', name: c.name, cascade: false };
    default:
      return { type: 'other', subtype: c.op };
  }
}

/** The statement's first words, lower-cased. */
function headWords(st: ParsedStatement, dialect: Dialect): string[] {
  return lexLite(st.text, st.span.start, dialect)
    .slice(0, 8)
    .map((t) => t.lower);
}

/** The description of a SQLite/MySQL DDL statement, from what the token reader makes of it; undefined when it does not read it. */
export function describeLite(st: ParsedStatement, uri: string, dialect: Dialect): StatementInfo | undefined {
  const changes = readLite(st, uri, dialect);
  const first = changes?.[0];
  if (!changes || !first) return undefined;
  const head = headWords(st, dialect);
  // IF [NOT] EXISTS follows the object keyword.
  const ifExists = head.includes('if') && head.includes('exists');
  switch (first.op) {
    case 'create-table':
      return { kind: 'create-table', table: rel(first.table), ifNotExists: ifExists };
    case 'drop-table':
      return {
        kind: 'drop-table',
        objectType: 'table',
        tables: changes.flatMap((c) => (c.op === 'drop-table' ? [{ name: c.key.split('.').pop()!, key: c.key }] : [])),
        cascade: false,
        ifExists,
      };
    case 'drop-named':
      return { kind: 'drop-index', indexes: [{ name: first.name, key: first.name.toLowerCase() }], concurrently: false, cascade: false, ifExists };
    case 'rename-table':
      return { kind: 'rename-table', table: { name: first.key.split('.').pop()!, key: first.key }, newName: first.name ?? '', objectType: 'table' };
    case 'ensure-table':
      break;
    default:
      return undefined;
  }
  const table = rel(first.table);
  const rest = changes.slice(1);
  const index = head[0] === 'create' && rest[0]?.op === 'declare' && rest[0].declared.kind === 'index' ? rest[0].declared.index : undefined;
  if (index) {
    return { kind: 'create-index', table, name: index.name, unique: index.kind === 'unique', concurrently: false, ifNotExists: ifExists, partial: !!index.where, columns: [...index.columns] };
  }
  // RENAME COLUMN, and MySQL's CHANGE old new <definition>.
  const renames = rest.filter((c) => c.op === 'rename-column');
  if (renames.length === 1 && renames[0].op === 'rename-column' && rest.every((c) => c.op === 'rename-column' || (c.op === 'add-column' && c.restate))) {
    return { kind: 'rename-column', table, column: renames[0].from, newName: renames[0].to };
  }
  if (rest.length === 1 && rest[0].op === 'rename-table') return { kind: 'rename-table', table, newName: rest[0].name ?? '', objectType: 'table' };
  const actions = rest.map(alterAction).filter((a): a is AlterAction => !!a);
  return { kind: 'alter-table', table, actions, ifExists };
}
