/**
 * One TypeScript file's TypeORM classes, as written: each class with its decorators (those imported from
 * `typeorm`, whatever local name they have), its properties with theirs, and the TypeScript type each
 * property declares. Entities and the base classes they extend alike; what they mean is build.ts's job.
 */
import { parseSource, spanOf, stringValue, unwrap, type t } from '../parse';
import type { Span } from '../../model/text';

export interface Decorator {
  /** TypeORM's name for it (`Column`), whatever it is imported as. */
  name: string;
  node: t.Decorator;
  /** The decorator's expression (`Column({ ... })`). */
  expression: t.Node;
  args: t.Node[];
}

export interface EntityProperty {
  name: string;
  node: t.ClassProperty;
  key: t.Node;
  decorators: Decorator[];
  /** `string`, `number`, `boolean`, `Date`, another type's name, or undefined when none is written. */
  tsType?: string;
}

export interface EntityClass {
  className: string;
  node: t.ClassDeclaration;
  /** The class name as written. */
  nameSpan: Span;
  decorators: Decorator[];
  properties: EntityProperty[];
  superClass?: string;
}

/** A class by name, as seen from a file (its own classes first). */
export type ClassNamed = (name: string, from: EntityFile) => { cls: EntityClass; file: EntityFile } | undefined;

export interface EntityFile {
  path: string;
  text: string;
  classes: EntityClass[];
  /** local name -> module specifier. */
  imports: Map<string, string>;
  /** `import { ... } from 'typeorm'` (where `Index` is added). */
  typeormImport?: t.ImportDeclaration;
  /** TypeORM's name -> the local name the file imports it as (`Index` -> `Index`). */
  typeormNames: Map<string, string>;
  /** String values of the file's enums (`Status.ACTIVE` -> `active`), for defaults written with them. */
  enumValues: Map<string, string | number>;
  quote: '"' | "'";
  errors: { message: string; offset: number }[];
}

const cache = new Map<string, { text: string; file: EntityFile }>();

/** Reads a file's TypeORM classes (parses are cached per file text). */
export function readEntityFile(path: string, text: string): EntityFile {
  const hit = cache.get(path);
  if (hit && hit.text === text) return hit.file;
  const file = readUncached(path, text);
  if (cache.size > 2000) cache.clear();
  cache.set(path, { text, file });
  return file;
}

function readUncached(path: string, text: string): EntityFile {
  const file: EntityFile = { path, text, classes: [], imports: new Map(), typeormNames: new Map(), enumValues: new Map(), quote: "'", errors: [] };
  const parsed = parseSource(path, text);
  if (!parsed) return file;
  file.errors = parsed.errors;
  /** local name -> TypeORM's name, for what is imported from typeorm. */
  const typeorm = new Map<string, string>();
  for (const st of parsed.program.body) {
    if (st.type !== 'ImportDeclaration') continue;
    for (const s of st.specifiers) {
      file.imports.set(s.local.name, st.source.value);
      if (st.source.value === 'typeorm' && s.type === 'ImportSpecifier' && st.importKind !== 'type') {
        const imported = s.imported.type === 'Identifier' ? s.imported.name : s.imported.value;
        typeorm.set(s.local.name, imported);
        file.typeormNames.set(imported, s.local.name);
      }
    }
    if (st.source.value === 'typeorm' && st.importKind !== 'type' && !file.typeormImport) {
      file.typeormImport = st;
      file.quote = text[st.source.start ?? 0] === '"' ? '"' : "'";
    }
  }
  for (const st of parsed.program.body) {
    const decl = st.type === 'ExportNamedDeclaration' || st.type === 'ExportDefaultDeclaration' ? st.declaration : st;
    if (decl?.type === 'TSEnumDeclaration') readEnum(file, decl);
    if (decl?.type !== 'ClassDeclaration' || !decl.id) continue;
    const cls: EntityClass = {
      className: decl.id.name,
      node: decl,
      nameSpan: spanOf(decl.id),
      decorators: decorators(decl.decorators, typeorm),
      properties: [],
    };
    const sup = decl.superClass && unwrap(decl.superClass);
    if (sup?.type === 'Identifier') cls.superClass = sup.name;
    for (const m of decl.body.body) {
      if (m.type !== 'ClassProperty' || m.computed || m.static) continue;
      const name = m.key.type === 'Identifier' ? m.key.name : stringValue(m.key);
      if (name === undefined) continue;
      const p: EntityProperty = { name, node: m, key: m.key, decorators: decorators(m.decorators, typeorm) };
      const tsType = propertyType(m.typeAnnotation);
      if (tsType !== undefined) p.tsType = tsType;
      if (p.decorators.length) cls.properties.push(p);
    }
    if (cls.decorators.length || cls.properties.length) file.classes.push(cls);
  }
  return file;
}

function decorators(list: t.Decorator[] | null | undefined, typeorm: Map<string, string>): Decorator[] {
  const out: Decorator[] = [];
  for (const d of list ?? []) {
    const e = unwrap(d.expression);
    const callee = e.type === 'CallExpression' ? unwrap(e.callee) : e;
    if (callee.type !== 'Identifier') continue;
    const name = typeorm.get(callee.name);
    if (name) out.push({ name, node: d, expression: e, args: e.type === 'CallExpression' ? e.arguments : [] });
  }
  return out;
}

/** The property's declared type without `| null | undefined`. */
function propertyType(annotation: t.ClassProperty['typeAnnotation']): string | undefined {
  if (!annotation || annotation.type !== 'TSTypeAnnotation') return undefined;
  let ty = annotation.typeAnnotation;
  if (ty.type === 'TSUnionType') {
    const rest = ty.types.filter((x) => x.type !== 'TSNullKeyword' && x.type !== 'TSUndefinedKeyword');
    if (rest.length !== 1) return rest.every((x) => x.type === 'TSLiteralType' && x.literal.type === 'StringLiteral') ? 'string' : undefined;
    ty = rest[0];
  }
  switch (ty.type) {
    case 'TSStringKeyword':
      return 'string';
    case 'TSNumberKeyword':
      return 'number';
    case 'TSBooleanKeyword':
      return 'boolean';
    case 'TSTypeReference':
      return ty.typeName.type === 'Identifier' ? ty.typeName.name : undefined;
    case 'TSArrayType':
      return 'array';
    default:
      return undefined;
  }
}

function readEnum(file: EntityFile, decl: t.TSEnumDeclaration): void {
  const members = (decl as unknown as { members?: t.TSEnumMember[]; body?: { members: t.TSEnumMember[] } }).members ?? (decl as unknown as { body?: { members: t.TSEnumMember[] } }).body?.members ?? [];
  for (const m of members) {
    const key = m.id.type === 'Identifier' ? m.id.name : m.id.value;
    const init = m.initializer && unwrap(m.initializer);
    if (init?.type === 'StringLiteral') file.enumValues.set(`${decl.id.name}.${key}`, init.value);
    else if (init?.type === 'NumericLiteral') file.enumValues.set(`${decl.id.name}.${key}`, init.value);
  }
}

/** The object literal among a decorator's arguments (its options), if any. */
export function optionsOf(d: Decorator | undefined, from = 0): t.ObjectExpression | undefined {
  if (!d) return undefined;
  for (const a of d.args.slice(from)) {
    const u = unwrap(a);
    if (u.type === 'ObjectExpression') return u;
  }
  return undefined;
}

/** Does this file hold TypeORM entities (or columns of a base class)? A cheap test on the text before any parsing. */
export function mentionsTypeorm(text: string): boolean {
  return /from\s+["']typeorm["']/.test(text) && /@(Entity|ViewEntity|Column|PrimaryColumn|PrimaryGeneratedColumn)\s*\(/.test(text);
}

/** `() => User`, `(type) => User`, `'User'`. */
export function targetOf(node: t.Node | undefined): string | undefined {
  if (!node) return undefined;
  const n = unwrap(node);
  const s = stringValue(n);
  if (s !== undefined) return s;
  if (n.type !== 'ArrowFunctionExpression' && n.type !== 'FunctionExpression') return undefined;
  const body = n.body.type === 'BlockStatement' ? n.body.body.find((x): x is t.ReturnStatement => x.type === 'ReturnStatement')?.argument : n.body;
  const u = body && unwrap(body);
  return u?.type === 'Identifier' ? u.name : undefined;
}

/** The class and the classes it extends, base first. */
export function lineage(cls: EntityClass, file: EntityFile, classNamed: ClassNamed) {
  const out = [{ cls, file }];
  let cur = { cls, file };
  for (let i = 0; i < 10 && cur.cls.superClass; i++) {
    const next = classNamed(cur.cls.superClass, cur.file);
    if (!next || out.some((o) => o.cls === next.cls)) break;
    out.unshift(next);
    cur = next;
  }
  return out;
}
