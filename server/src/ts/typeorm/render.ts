/**
 * Fix intents as decorator edits in the entity's own style: `@Index()` above the property that holds a
 * foreign key's column (or `@Index(['a', 'b'])` above the class for several columns), `Index` added to
 * the `typeorm` import; a column's `type` option; `onDelete` in a relation's options.
 */
import type { TextEdit } from '../../model/findings';
import type { FixIntent } from '../../model/intents';
import { SQL_SPELLING } from '../../model/schema';
import { lineBreak, lineStartAt } from '../../model/text';
import { property, spanOf, stringValue, unwrap, type t } from '../parse';
import type { BuiltEntity, EntityModel } from './build';
import { optionsOf, type Decorator, type EntityFile, type EntityProperty } from './read';

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
      return intent.lengthCheck === undefined && (intent.keepParams || !intent.column.type.params.length) ? changeType(b, intent.column.name, intent.sql) : undefined;
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

/** The local name of a TypeORM export in a file, with the edit that imports it when the file does not yet. */
function importName(file: EntityFile, uri: string, name: string): { name: string; edit?: TextEdit } | undefined {
  const local = file.typeormNames.get(name);
  if (local) return { name: local };
  const imp = file.typeormImport;
  if (!imp || file.imports.has(name)) return undefined;
  const names = imp.specifiers.filter((s): s is t.ImportSpecifier => s.type === 'ImportSpecifier');
  const last = names[names.length - 1];
  if (!last) return undefined;
  const text = file.text;
  const after = text.slice(last.end ?? 0, imp.source.start ?? 0);
  const comma = /^\s*,/.test(after);
  const multiline = text.slice(imp.start ?? 0, last.start ?? 0).includes('\n');
  const at = comma ? (last.end ?? 0) + after.indexOf(',') + 1 : (last.end ?? 0);
  const sep = multiline ? `${lineBreak(text)}${indentAt(text, last.start ?? 0)}` : ' ';
  return { name, edit: { uri, span: { start: at, end: at }, newText: `${comma ? '' : ','}${sep}${name}${comma && multiline ? ',' : ''}` } };
}

/** TypeORM's spelling of a type the model names (`int8` -> `bigint`). */
function typeormType(sql: string): string {
  return SQL_SPELLING[sql] ?? sql;
}

function changeType(b: BuiltEntity, columnName: string, sql: string): TextEdit[] | undefined {
  const c = [...b.columns.values()].find((x) => x.column.name === columnName);
  if (!c || /[\s(]/.test(sql)) return undefined;
  const type = typeormType(sql);
  const q = c.file.quote;
  const decs = c.property.decorators;
  for (const d of decs) {
    const first = d.args[0] && unwrap(d.args[0]);
    if (d.name !== 'PrimaryGeneratedColumn' && first && stringValue(first) !== undefined) return [{ uri: c.uri, span: spanOf(first), newText: `${q}${type}${q}` }];
    const written = optionsOf(d) && property(optionsOf(d)!, 'type');
    if (written) return [{ uri: c.uri, span: spanOf(written.value), newText: `${q}${type}${q}` }];
  }
  // No type written: the options of the column's own decorator get one.
  const own = decs.find((d) => d.name !== 'Column' && d.name !== 'Index' && d.name !== 'JoinColumn') ?? decs.find((d) => d.name === 'Column');
  if (!own) return undefined;
  return setOption(c.file, c.uri, own, 'type', `${q}${type}${q}`, 0);
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
