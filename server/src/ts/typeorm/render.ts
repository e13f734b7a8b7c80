/**
 * Fix intents as decorator edits in the entity's own style: `@Index()` above the property that holds a
 * foreign key's column (or `@Index(['a', 'b'])` above the class for several columns), `Index` added to
 * the `typeorm` import; a column's `type` option; `onDelete` in a relation's options; `@CreateDateColumn()`
 * and `@UpdateDateColumn()` properties; an index decorator removed, reordered or made partial; the identity
 * strategy for a generated key.
 */
import type { TextEdit } from '../../model/findings';
import { quoteIdent } from '../../model/identifiers';
import type { FixIntent, NewTimestamp } from '../../model/intents';
import { SQL_SPELLING, type Column, type Dialect, type Index } from '../../model/schema';
import { lineBreak, lineStartAt } from '../../model/text';
import { property, spanOf, stringValue, unwrap, type t } from '../parse';
import type { BuiltEntity, EntityModel } from './build';
import { COLUMN_DECORATORS } from './columns';
import { optionsOf, type Decorator, type EntityFile, type EntityProperty } from './read';
import { camelCase } from './types';

const ON_DELETE: Record<string, string> = { cascade: 'CASCADE', 'set null': 'SET NULL', 'set default': 'DEFAULT', restrict: 'RESTRICT', 'no action': 'NO ACTION' };

export function renderTypeormFix(intent: FixIntent, model: EntityModel): TextEdit[] | undefined {
  // Verbatim texts of design rules are SQL: nothing an entity can hold.
  if (!('table' in intent)) return undefined;
  const b = model.entities.find((x) => x.table === intent.table);
  if (!b) return undefined;
  switch (intent.kind) {
    case 'addIndex':
      return addIndex(b, intent.columns);
    case 'changeColumnType':
      return intent.lengthCheck === undefined ? changeType(b, intent.column.name, intent.sql, intent.keepParams) : undefined;
    case 'addTimestamps':
      return addTimestamps(b, intent.columns, model.schema.dialect);
    case 'dropIndex':
      return dropIndex(b, intent.index);
    case 'reorderIndex':
      return reorderIndex(b, intent.index, intent.columns);
    case 'widenIndex':
      return widenIndex(b, intent.index, intent.columns);
    case 'makeIndexPartial':
      return makePartial(b, intent.index, intent.column, intent.when, model.schema.dialect);
    case 'changeDefault':
      return intent.sql === undefined ? undefined : changeDefault(b, intent.column.name, intent.sql);
    case 'useIdentity':
      return model.identity === false ? undefined : identity(b, intent.column.name);
    case 'setOnDelete': {
      const rel = b.relations.find((r) => r.fk === intent.fk);
      return rel && ON_DELETE[intent.action] ? setOption(rel.file, rel.uri, rel.decorator, 'onDelete', `${rel.file.quote}${ON_DELETE[intent.action]}${rel.file.quote}`, 1) : undefined;
    }
    default:
      return undefined;
  }
}

function indentAt(text: string, offset: number): string {
  return /^[ \t]*/.exec(text.slice(lineStartAt(text, offset)))![0];
}

/** A line `decorator` above what starts at `start` (the first decorator of a property or class). */
function lineAbove(file: EntityFile, uri: string, start: number, decorator: string): TextEdit {
  const indent = indentAt(file.text, start);
  return { uri, span: { start, end: start }, newText: `${decorator}${lineBreak(file.text)}${indent}` };
}

function addIndex(b: BuiltEntity, columns: string[]): TextEdit[] | undefined {
  let target: { property: EntityProperty; file: EntityFile; uri: string } | undefined;
  if (columns.length === 1) {
    target = [...b.columns.values()].find((c) => c.column.name === columns[0]);
    target ??= b.relations.find((r) => r.fk.columns.length === 1 && r.fk.columns[0] === columns[0]);
  }
  const file = target?.file ?? b.file;
  const uri = target?.uri ?? b.uri;
  const imp = importName(file, uri, 'Index');
  if (!imp) return undefined;
  let edit: TextEdit;
  if (target) edit = lineAbove(file, uri, target.property.node.start ?? 0, `@${imp.name}()`);
  else {
    const props = columns.map((c) => [...b.columns.values()].find((x) => x.column.name === c)?.property.name ?? b.relations.find((r) => r.fk.columns.length === 1 && r.fk.columns[0] === c)?.property.name);
    if (props.some((p) => p === undefined)) return undefined;
    const q = file.quote;
    edit = lineAbove(file, uri, b.cls.node.start ?? 0, `@${imp.name}([${props.map((p) => `${q}${p}${q}`).join(', ')}])`);
  }
  return imp.edit ? [edit, imp.edit] : [edit];
}

function importName(file: EntityFile, uri: string, name: string): { name: string; edit?: TextEdit } | undefined {
  const r = importNames(file, uri, [name]);
  return r && { name: r.names[0], ...(r.edit ? { edit: r.edit } : {}) };
}

/** The local names of TypeORM exports in a file, with the one edit that imports those it does not import yet. */
function importNames(file: EntityFile, uri: string, wanted: string[]): { names: string[]; edit?: TextEdit } | undefined {
  const missing = [...new Set(wanted.filter((n) => !file.typeormNames.has(n)))];
  const names = wanted.map((n) => file.typeormNames.get(n) ?? n);
  if (!missing.length) return { names };
  const imp = file.typeormImport;
  if (!imp || missing.some((n) => file.imports.has(n))) return undefined;
  const specifiers = imp.specifiers.filter((s): s is t.ImportSpecifier => s.type === 'ImportSpecifier');
  const last = specifiers[specifiers.length - 1];
  if (!last) return undefined;
  const text = file.text;
  const after = text.slice(last.end ?? 0, imp.source.start ?? 0);
  const comma = /^\s*,/.test(after);
  const multiline = text.slice(imp.start ?? 0, last.start ?? 0).includes('\n');
  const at = comma ? (last.end ?? 0) + after.indexOf(',') + 1 : (last.end ?? 0);
  const sep = multiline ? `${lineBreak(text)}${indentAt(text, last.start ?? 0)}` : ' ';
  return { names, edit: { uri, span: { start: at, end: at }, newText: `${comma ? '' : ','}${sep}${missing.join(`,${sep}`)}${comma && multiline ? ',' : ''}` } };
}

/** TypeORM's spelling of a type the model names (`int8` -> `bigint`). */
function typeormType(sql: string): string {
  return SQL_SPELLING[sql] ?? sql;
}

function changeType(b: BuiltEntity, columnName: string, sql: string, keepParams: boolean): TextEdit[] | undefined {
  const c = [...b.columns.values()].find((x) => x.column.name === columnName);
  if (!c) return undefined;
  const decs = c.property.decorators.filter((d) => COLUMN_DECORATORS.has(d.name));
  const q = c.file.quote;
  // `numeric(12,2)`: TypeORM spells the digits as options, written beside a `type` option that has none yet.
  const sized = /^(\w+)\((\d+),(\d+)\)$/.exec(sql);
  if (sized && !keepParams) {
    const opts = decs.map((d) => optionsOf(d)).filter((o): o is t.ObjectExpression => !!o);
    const written = opts.map((o) => property(o, 'type')).find((x) => x);
    if (!written || opts.some((o) => ['length', 'precision', 'scale'].some((k) => property(o, k)))) return undefined;
    return [{ uri: c.uri, span: spanOf(written.value), newText: `${q}${typeormType(sized[1])}${q}, precision: ${sized[2]}, scale: ${sized[3]}` }];
  }
  if (/[\s(]/.test(sql)) return undefined;
  const type = typeormType(sql);
  // A new type without the old one's length or precision: those options go.
  const dropped = keepParams ? [] : decs.flatMap((d) => ['length', 'precision', 'scale'].flatMap((k) => removeOption(c.file, c.uri, optionsOf(d), k) ?? []));
  for (const d of decs) {
    const first = d.args[0] && unwrap(d.args[0]);
    if (d.name !== 'PrimaryGeneratedColumn' && first && stringValue(first) !== undefined) return [{ uri: c.uri, span: spanOf(first), newText: `${q}${type}${q}` }, ...dropped];
    const written = optionsOf(d) && property(optionsOf(d)!, 'type');
    if (written) return [{ uri: c.uri, span: spanOf(written.value), newText: `${q}${type}${q}` }, ...dropped];
  }
  // No type written: the options of the column's own decorator get one.
  const own = decs.find((d) => d.name !== 'Column') ?? decs[0];
  if (!own) return undefined;
  const set = setOption(c.file, c.uri, own, 'type', `${q}${type}${q}`, 0);
  return set && [...set, ...dropped];
}

/** Removes `key: value` from an options object, with the comma that separates it from a neighbour. */
function removeOption(file: EntityFile, uri: string, opts: t.ObjectExpression | undefined, key: string): TextEdit | undefined {
  const p = opts && property(opts, key);
  if (!opts || !p) return undefined;
  const i = opts.properties.indexOf(p);
  const next = opts.properties[i + 1];
  const prev = opts.properties[i - 1];
  if (next) return { uri, span: { start: p.start ?? 0, end: next.start ?? 0 }, newText: '' };
  if (prev) return { uri, span: { start: prev.end ?? 0, end: p.end ?? 0 }, newText: '' };
  // The only option: the object stays, empty.
  return { uri, span: { start: (opts.start ?? 0) + 1, end: (opts.end ?? 1) - 1 }, newText: '' };
}

/** The decorator (of the entity or a class it extends) written at `span` (its expression, after the `@`). */
function decoratorAt(b: BuiltEntity, span: { start: number } | undefined): { d: Decorator; file: EntityFile; uri: string } | undefined {
  if (!span) return undefined;
  const all = [{ decorators: b.cls.decorators, file: b.file, uri: b.uri }, ...[...b.columns.values()].map((c) => ({ decorators: c.property.decorators, file: c.file, uri: c.uri })), ...b.relations.map((r) => ({ decorators: r.property.decorators, file: r.file, uri: r.uri }))];
  for (const { decorators, file, uri } of all) {
    const d = decorators.find((x) => x.expression.start === span.start);
    if (d) return { d, file, uri };
  }
  return undefined;
}

/** Removes a decorator, with its line when it is alone on it. */
function removeDecorator(file: EntityFile, uri: string, d: Decorator): TextEdit {
  const text = file.text;
  const start = d.node.start ?? 0;
  const end = d.node.end ?? 0;
  const lineStart = lineStartAt(text, start);
  const nl = text.indexOf('\n', end);
  const lineEnd = nl < 0 ? text.length : nl + 1;
  if (!text.slice(lineStart, start).trim() && !text.slice(end, lineEnd).trim()) return { uri, span: { start: lineStart, end: lineEnd }, newText: '' };
  return { uri, span: { start, end: end + (/^[ \t]*/.exec(text.slice(end))![0].length) }, newText: '' };
}

function dropIndex(b: BuiltEntity, index: Index): TextEdit[] | undefined {
  const at = decoratorAt(b, index.source?.span);
  if (at && (at.d.name === 'Index' || at.d.name === 'Unique')) return [removeDecorator(at.file, at.uri, at.d)];
  // `unique: true` in a column's options.
  const c = [...b.columns.values()].find((x) => x.property.decorators.some((d) => optionsOf(d) && property(optionsOf(d)!, 'unique')?.start === index.source?.span.start));
  const d = c?.property.decorators.find((x) => optionsOf(x) && property(optionsOf(x)!, 'unique')?.start === index.source?.span.start);
  const edit = c && d && removeOption(c.file, c.uri, optionsOf(d), 'unique');
  return edit ? [edit] : undefined;
}

/** The property a column is written as (its own, or the relation whose join column it is). */
function propertyOf(b: BuiltEntity, column: string): string | undefined {
  return [...b.columns.values()].find((x) => x.column.name === column)?.property.name ?? b.relations.find((r) => r.fk.columns.length === 1 && r.fk.columns[0] === column)?.property.name;
}

/** The decorator of an index written as a list of properties (`@Index(['a', 'b'])`, a name first or not), and that list. */
function propertyList(b: BuiltEntity, index: Index) {
  const at = decoratorAt(b, index.source?.span);
  if (!at || at.d.node === undefined) return undefined;
  const named = stringValue(at.d.args[0]) !== undefined;
  const list = at.d.args[named ? 1 : 0] && unwrap(at.d.args[named ? 1 : 0]);
  return list?.type === 'ArrayExpression' ? { at, list } : undefined;
}

function reorderIndex(b: BuiltEntity, index: Index, columns: string[]): TextEdit[] | undefined {
  const found = propertyList(b, index);
  const props = columns.map((c) => propertyOf(b, c));
  if (!found || props.some((p) => p === undefined)) return undefined;
  const q = found.at.file.quote;
  return [{ uri: found.at.uri, span: spanOf(found.list), newText: `[${props.map((p) => `${q}${p}${q}`).join(', ')}]` }];
}

/** `@Index(['a'])` -> `@Index(['a', 'b'])`: the key's other columns after the index's own. */
function widenIndex(b: BuiltEntity, index: Index, columns: string[]): TextEdit[] | undefined {
  const found = propertyList(b, index);
  const last = found?.list.elements[found.list.elements.length - 1];
  const props = columns.map((c) => propertyOf(b, c));
  if (!found || !last || columns.length === 0 || props.some((p) => p === undefined)) return undefined;
  const q = found.at.file.quote;
  const end = spanOf(last).end;
  return [{ uri: found.at.uri, span: { start: end, end }, newText: props.map((p) => `, ${q}${p}${q}`).join('') }];
}

function makePartial(b: BuiltEntity, index: Index, column: Column, when: 'null' | 'false', dialect: Dialect): TextEdit[] | undefined {
  const at = decoratorAt(b, index.source?.span);
  // `@Unique` takes no condition; `@Index` does.
  if (!at || at.d.name !== 'Index') return undefined;
  const name = quoteIdent(column.name, dialect);
  const q = at.file.quote;
  const sql = when === 'null' ? `${name} IS NULL` : `NOT ${name}`;
  if (sql.includes(q)) return undefined;
  const from = stringValue(at.d.args[0]) !== undefined ? 1 : 0;
  return setOption(at.file, at.uri, at.d, 'where', `${q}${sql}${q}`, Math.min(from + (at.d.args[from] && unwrap(at.d.args[from]).type === 'ArrayExpression' ? 1 : 0), at.d.args.length));
}

/** `@CreateDateColumn() createdAt: Date` and its kin, after the class's last property. */
function addTimestamps(b: BuiltEntity, columns: NewTimestamp[], dialect: Dialect): TextEdit[] | undefined {
  const file = b.file;
  const text = file.text;
  const members = b.cls.node.body.body;
  const last = members[members.length - 1];
  if (!last) return undefined;
  const names = columns.map((c) => (c.role === 'created' ? 'CreateDateColumn' : 'UpdateDateColumn'));
  const imported = importNames(file, b.uri, names);
  if (!imported) return undefined;
  const indent = indentAt(text, last.start ?? 0);
  const nl = lineBreak(text);
  const semi = text[(last.end ?? 1) - 1] === ';' ? ';' : '';
  const q = file.quote;
  const pg = dialect === 'postgresql' || dialect === 'cockroachdb';
  const blocks = columns.map((c, i) => {
    // Properties are camelCase in TypeORM code; the column keeps the schema's name through `name`.
    const prop = c.fieldName ?? camelCase(c.name);
    if (!/^[A-Za-z_$][\w$]*$/.test(prop)) return undefined;
    const options = [prop !== c.name ? `name: ${q}${c.name}${q}` : '', pg ? `type: ${q}timestamptz${q}` : ''].filter(Boolean);
    return prop && `${nl}${nl}${indent}@${imported.names[i]}(${options.length ? `{ ${options.join(', ')} }` : ''})${nl}${indent}${prop}: Date${semi}`;
  });
  if (blocks.some((x) => !x)) return undefined;
  const at = last.end ?? 0;
  return [{ uri: b.uri, span: { start: at, end: at }, newText: blocks.join('') }, ...(imported.edit ? [imported.edit] : [])];
}

/**
 * A database default written as TypeORM writes one (`default: () => 'uuidv7()'`): in the column's options,
 * or, for `@PrimaryGeneratedColumn('uuid')` (whose values TypeORM's own default makes), a `@PrimaryColumn`
 * of type uuid with that default, its other options kept.
 */
function changeDefault(b: BuiltEntity, columnName: string, sql: string): TextEdit[] | undefined {
  const c = [...b.columns.values()].find((x) => x.column.name === columnName);
  if (!c) return undefined;
  const q = c.file.quote;
  if (sql.includes(q) || sql.includes('\\')) return undefined;
  const value = `() => ${q}${sql}${q}`;
  const generated = c.property.decorators.find((d) => d.name === 'PrimaryGeneratedColumn');
  if (!generated) {
    const own = c.property.decorators.find((d) => COLUMN_DECORATORS.has(d.name) && optionsOf(d) && property(optionsOf(d)!, 'default'));
    return own ? setOption(c.file, c.uri, own, 'default', value, 0) : undefined;
  }
  if (stringValue(generated.args[0]) !== 'uuid') return undefined;
  const imp = importName(c.file, c.uri, 'PrimaryColumn');
  if (!imp) return undefined;
  const opts = optionsOf(generated);
  const kept = (opts?.properties ?? []).filter((p) => !(p.type === 'ObjectProperty' && ['type', 'default'].includes(String(stringValue(p.key) ?? (p.key.type === 'Identifier' ? p.key.name : '')))));
  const parts = [`type: ${q}uuid${q}`, ...kept.map((p) => c.file.text.slice(p.start ?? 0, p.end ?? 0)), `default: ${value}`];
  const edit: TextEdit = { uri: c.uri, span: spanOf(generated.expression), newText: `${imp.name}({ ${parts.join(', ')} })` };
  return imp.edit ? [edit, imp.edit] : [edit];
}

/**
 * `@PrimaryGeneratedColumn()` -> `@PrimaryGeneratedColumn('identity')` (options kept after it), or the
 * strategy argument `'increment'` replaced: TypeORM 0.3 writes `GENERATED BY DEFAULT AS IDENTITY` for it.
 */
function identity(b: BuiltEntity, columnName: string): TextEdit[] | undefined {
  const c = [...b.columns.values()].find((x) => x.column.name === columnName);
  const d = c?.property.decorators.find((x) => x.name === 'PrimaryGeneratedColumn');
  if (!c || !d || d.expression.type !== 'CallExpression') return undefined;
  const q = c.file.quote;
  const first = d.args[0] && unwrap(d.args[0]);
  if (first && stringValue(first) !== undefined) return stringValue(first) === 'increment' ? [{ uri: c.uri, span: spanOf(first), newText: `${q}identity${q}` }] : undefined;
  const call = d.expression as t.CallExpression;
  const at = first ? (d.args[0].start ?? 0) : (call.end ?? 1) - 1;
  return [{ uri: c.uri, span: { start: at, end: at }, newText: `${q}identity${q}${first ? ', ' : ''}` }];
}

/** Sets `key: value` in a decorator's options object (args from `from` on), adding the object when there is none. */
function setOption(file: EntityFile, uri: string, d: Decorator, key: string, value: string, from: number): TextEdit[] | undefined {
  const opts = optionsOf(d, from);
  if (opts) {
    const existing = property(opts, key);
    if (existing) return [{ uri, span: spanOf(existing.value), newText: value }];
    const open = (opts.start ?? 0) + 1;
    return [{ uri, span: { start: open, end: open }, newText: opts.properties.length ? ` ${key}: ${value},` : ` ${key}: ${value} ` }];
  }
  if (d.expression.type !== 'CallExpression') return undefined;
  const call = d.expression as t.CallExpression;
  const args = call.arguments;
  if (args.length < from) return undefined;
  const at = args.length ? (args[args.length - 1].end ?? 0) : (call.end ?? 1) - 1;
  return [{ uri, span: { start: at, end: at }, newText: `${args.length ? ', ' : ''}{ ${key}: ${value} }` }];
}
