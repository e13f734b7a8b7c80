/**
 * SQLite and MySQL DDL read into schema changes: CREATE TABLE (with AUTOINCREMENT, inline `KEY name (...)`,
 * `ENGINE=` options, backtick and bracket quoting), CREATE INDEX, ALTER TABLE, DROP, RENAME. The
 * PostgreSQL parser rejects much of this syntax. A small recursive-descent reader over `lexLite` tokens;
 * anything it does not recognise is skipped. It reads only: `applyChanges` (model/apply.ts) applies.
 */
import type { SchemaChange } from '../../model/schema-change';
import type { Dialect } from '../../model/schema';
import { tableKey } from '../names';
import type { ParsedStatement } from '../parse';
import { columnDeclared, columnDef, defaultExpr, liteTableName, type Ctx } from './columns';
import { lexLite } from './lexer';
import { Reader } from './reader';
import { createIndex, createTable, tableConstraint } from './tables';

/** `ADD COLUMN`, `MODIFY` or `CHANGE` of the column definition at the reader. */
function columnChange(r: Reader, ctx: Ctx, table: string, tableName: string, restate: boolean): SchemaChange | undefined {
  const c = columnDef(r, ctx, tableName);
  return c ? { op: 'add-column', table, column: c.column, declared: columnDeclared(ctx, c), restate } : undefined;
}

/** One ALTER TABLE action; MySQL separates several with commas, SQLite allows one. */
function alterAction(r: Reader, ctx: Ctx, table: string, tableName: string): SchemaChange[] {
  if (r.eat('add')) {
    const constraint = tableConstraint(r, ctx);
    if (constraint) return constraint.declared ? [{ op: 'declare', table, declared: constraint.declared }] : [];
    r.eat('column');
    r.eatAll('if', 'not', 'exists');
    if (r.eatText('(')) {
      const out: SchemaChange[] = [];
      while (!r.done && !r.isText(')')) {
        const before = r.i;
        const c = columnChange(r, ctx, table, tableName, false);
        if (c) out.push(c);
        r.skipElement();
        if (r.i === before) r.i++;
        r.eatText(',');
      }
      r.eatText(')');
      return out;
    }
    const c = columnChange(r, ctx, table, tableName, false);
    return c ? [c] : [];
  }
  if (r.eat('modify')) {
    r.eat('column');
    const c = columnChange(r, ctx, table, tableName, true);
    return c ? [c] : [];
  }
  if (r.eat('change')) {
    r.eat('column');
    const old = r.ident();
    const c = columnChange(r, ctx, table, tableName, true);
    if (!old || !c || c.op !== 'add-column') return [];
    const renamed = old.value.toLowerCase() !== c.column.name.toLowerCase();
    return renamed ? [{ op: 'rename-column', table, from: old.value, to: c.column.name }, c] : [c];
  }
  if (r.eat('drop')) {
    if (r.eatAll('primary', 'key')) return [{ op: 'drop-primary', table }];
    if (r.eatAll('foreign', 'key') || r.eat('index') || r.eat('key') || r.eat('constraint') || r.eat('check')) {
      r.eatAll('if', 'exists');
      const n = r.ident();
      return n ? [{ op: 'drop-named', table, name: n.value }] : [];
    }
    r.eat('column');
    r.eatAll('if', 'exists');
    const n = r.ident();
    return n ? [{ op: 'drop-column', table, column: n.value }] : [];
  }
  if (r.eat('rename')) {
    if (r.eat('column')) {
      const from = r.ident();
      r.eat('to');
      const to = r.ident();
      return from && to ? [{ op: 'rename-column', table, from: from.value, to: to.value }] : [];
    }
    if (r.eat('index') || r.eat('key')) {
      const from = r.ident();
      r.eat('to');
      const to = r.ident();
      return from && to ? [{ op: 'rename-named', table, from: from.value, to: to.value }] : [];
    }
    if (r.eat('to') || r.eat('as')) {
      const to = r.qualified();
      return to ? [{ op: 'rename-table', key: table, schema: to.schema, name: to.name }] : [];
    }
    // SQLite: RENAME a TO b (column keyword optional). MySQL: RENAME new_name (TO is optional there).
    const save = r.i;
    const from = r.ident();
    if (from && r.eat('to')) {
      const to = r.ident();
      if (to) return [{ op: 'rename-column', table, from: from.value, to: to.value }];
    }
    r.i = save;
    const to = ctx.dialect === 'mysql' ? r.qualified() : undefined;
    return to ? [{ op: 'rename-table', key: table, schema: to.schema, name: to.name }] : [];
  }
  if (r.eat('alter')) {
    r.eat('column');
    const n = r.ident();
    if (!n) return [];
    if (r.eatAll('set', 'default')) {
      const d = defaultExpr(r);
      return d ? [{ op: 'alter-column', table, column: n.value, default: d }] : [];
    }
    if (r.eatAll('drop', 'default')) return [{ op: 'alter-column', table, column: n.value, default: null }];
  }
  return [];
}

function alterTable(r: Reader, ctx: Ctx): SchemaChange[] {
  r.eat('online') || r.eat('ignore');
  r.eat('table');
  r.eatAll('if', 'exists');
  const q = r.qualified();
  if (!q) return [];
  const table = liteTableName(ctx, q, r);
  const changes: SchemaChange[] = [{ op: 'ensure-table', table }];
  while (!r.done) {
    const before = r.i;
    changes.push(...alterAction(r, ctx, table.key, table.name));
    r.skipElement();
    if (r.isText(')')) r.i++;
    if (r.i === before) r.i++;
    r.eatText(',');
  }
  return changes;
}

function drop(r: Reader): SchemaChange[] {
  r.eat('temporary');
  if (r.eat('table') || r.eat('view')) {
    r.eatAll('if', 'exists');
    const out: SchemaChange[] = [];
    while (!r.done) {
      const q = r.qualified();
      if (!q) break;
      out.push({ op: 'drop-table', key: tableKey(q.schema, q.name) });
      if (!r.eatText(',')) break;
    }
    return out;
  }
  if (r.eat('index')) {
    r.eatAll('if', 'exists');
    const q = r.qualified();
    if (!q) return [];
    if (r.eat('on')) {
      const t = r.qualified();
      return t ? [{ op: 'drop-named', table: tableKey(t.schema, t.name), name: q.name }] : [];
    }
    return [{ op: 'drop-named', namespace: '*', name: q.name }];
  }
  return [];
}

function renameTables(r: Reader): SchemaChange[] {
  const out: SchemaChange[] = [];
  while (!r.done) {
    const from = r.qualified();
    if (!from || !r.eat('to')) break;
    const to = r.qualified();
    if (to) out.push({ op: 'rename-table', key: tableKey(from.schema, from.name), schema: to.schema, name: to.name });
    if (!r.eatText(',')) break;
  }
  return out;
}

/**
 * What a SQLite or MySQL DDL statement does to the schema. Undefined for statements it does not read
 * (DML, views, triggers...), which then go to the PostgreSQL parser's AST if it accepted them.
 */
export function readLite(st: ParsedStatement, uri: string, dialect: Dialect): SchemaChange[] | undefined {
  const tokens = lexLite(st.text, st.span.start, dialect);
  const r = new Reader(tokens, uri, st.text, st.span.start);
  const ctx: Ctx = { dialect, uri, statement: { uri, span: { ...st.span } } };
  if (r.eat('create')) {
    r.eatAll('or', 'replace');
    r.eat('temporary') || r.eat('temp');
    if (r.eat('table')) return createTable(r, ctx);
    if (r.eat('index')) return createIndex(r, ctx, false);
    if (r.eat('unique') || r.eat('fulltext') || r.eat('spatial')) {
      const kind = r.t[r.i - 1].lower;
      r.eat('index') || r.eat('key');
      return createIndex(r, ctx, kind === 'unique', kind === 'unique' ? undefined : kind);
    }
    if (r.eat('virtual') && r.eat('table')) return [];
    return undefined;
  }
  if (r.is('alter') && (r.is('table', 1) || r.is('online', 1) || r.is('ignore', 1))) {
    r.i++;
    return alterTable(r, ctx);
  }
  if (r.eat('drop')) return drop(r);
  if (r.is('rename') && r.is('table', 1)) {
    r.i += 2;
    return renameTables(r);
  }
  return undefined;
}
