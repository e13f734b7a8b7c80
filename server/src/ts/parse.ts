/**
 * TypeScript and JavaScript sources, read with `@babel/parser` (typescript and decorators plugins, error
 * recovery on). Its node offsets are UTF-16 code units into the JavaScript string, as the model's spans are,
 * so they are used as they are. Why this parser: docs/typescript-parser.md.
 */
import { parse } from '@babel/parser';
import type * as t from '@babel/types';
import type { Span } from '../model/text';

export type { t };

export interface ParsedSource {
  program: t.Program;
  /** Syntax errors the parser recovered from (a half-typed file still gives its tables). */
  errors: { message: string; offset: number }[];
  /** Every comment of the file, in order. */
  comments: t.Comment[];
}

const cache = new Map<string, { text: string; parsed: ParsedSource | undefined }>();

/** Parses a file (TypeScript unless its name says plain JavaScript); undefined when it cannot be read at all. */
export function parseSource(fileName: string, text: string): ParsedSource | undefined {
  const hit = cache.get(fileName);
  if (hit && hit.text === text) return hit.parsed;
  let parsed: ParsedSource | undefined;
  const typescript = !/\.(c|m)?jsx?$/i.test(fileName);
  try {
    const file = parse(text, {
      sourceType: 'unambiguous',
      errorRecovery: true,
      allowReturnOutsideFunction: true,
      plugins: typescript ? ['typescript', ['decorators', { decoratorsBeforeExport: true }]] : ['jsx', ['decorators', { decoratorsBeforeExport: true }]],
    });
    const errors = (file.errors ?? []).map((e) => ({ message: e.reasonCode ?? 'syntax error', offset: (e as unknown as { pos?: number }).pos ?? 0 }));
    parsed = { program: file.program, errors, comments: file.comments ?? [] };
  } catch {
    parsed = undefined;
  }
  if (cache.size > 500) cache.clear();
  cache.set(fileName, { text, parsed });
  return parsed;
}

function isNode(x: unknown): x is t.Node {
  return typeof x === 'object' && x !== null && typeof (x as { type?: unknown }).type === 'string';
}

/** The nodes directly below `node`, in source order (comments and locations are not children). */
export function childNodes(node: t.Node): t.Node[] {
  const out: t.Node[] = [];
  for (const key of Object.keys(node) as (keyof t.Node)[]) {
    if (key === 'leadingComments' || key === 'trailingComments' || key === 'innerComments' || key === 'loc') continue;
    const child = node[key] as unknown;
    if (Array.isArray(child)) {
      for (const c of child) if (isNode(c)) out.push(c);
    } else if (isNode(child)) out.push(child);
  }
  return out;
}

export function spanOf(node: t.Node): Span {
  return { start: node.start ?? 0, end: node.end ?? 0 };
}

/** The value of a string literal or a template literal without substitutions. */
export function stringValue(node: t.Node | null | undefined): string | undefined {
  if (!node) return undefined;
  if (node.type === 'StringLiteral') return node.value;
  if (node.type === 'TemplateLiteral' && node.expressions.length === 0) return node.quasis.map((q) => q.value.cooked ?? q.value.raw).join('');
  return undefined;
}

/** `x as T`, `x satisfies T`, `x!`, `(x)`: the expression underneath. */
export function unwrap(node: t.Node): t.Node {
  let n = node;
  for (;;) {
    if (n.type === 'TSAsExpression' || n.type === 'TSSatisfiesExpression' || n.type === 'TSNonNullExpression' || n.type === 'ParenthesizedExpression')
      n = n.expression;
    else return n;
  }
}

/** The property of an object literal with this (identifier or string) key. */
export function property(obj: t.ObjectExpression, key: string): t.ObjectProperty | undefined {
  for (const p of obj.properties) {
    if (p.type !== 'ObjectProperty') continue;
    if (propertyKey(p) === key) return p;
  }
  return undefined;
}

export function propertyKey(p: t.ObjectProperty | t.ObjectMethod): string | undefined {
  if (p.computed) return stringValue(p.key);
  return p.key.type === 'Identifier' ? p.key.name : stringValue(p.key);
}

/** The name called: `pgTable(...)` -> `pgTable`, `core.pgTable(...)` -> `pgTable`. */
export function calleeName(call: t.CallExpression): string | undefined {
  const c = unwrap(call.callee);
  if (c.type === 'Identifier') return c.name;
  if (c.type === 'MemberExpression' && !c.computed && c.property.type === 'Identifier') return c.property.name;
  return undefined;
}

/**
 * A chain of calls `base(...).a(...).b(...)`, innermost first: [{name: 'base'}, {name: 'a'}, {name: 'b'}].
 * Undefined when the expression is not such a chain.
 */
export interface ChainLink {
  name: string;
  call: t.CallExpression;
  args: t.Node[];
}

export function callChain(node: t.Node): ChainLink[] | undefined {
  const links: ChainLink[] = [];
  let n = unwrap(node);
  while (n.type === 'CallExpression') {
    const callee = unwrap(n.callee);
    if (callee.type === 'Identifier') {
      links.unshift({ name: callee.name, call: n, args: n.arguments });
      return links;
    }
    if (callee.type !== 'MemberExpression' || callee.computed || callee.property.type !== 'Identifier') return undefined;
    links.unshift({ name: callee.property.name, call: n, args: n.arguments });
    const object = unwrap(callee.object);
    // `core.text('x')`: a namespace import ends the chain at a member call on an identifier.
    if (object.type !== 'CallExpression') {
      if (object.type === 'Identifier') return links;
      return undefined;
    }
    n = object;
  }
  return links.length ? links : undefined;
}
