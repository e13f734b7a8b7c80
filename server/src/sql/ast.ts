/**
 * Small typed accessors over libpg-query's JSON AST, where every node is `{ Tag: payload }` and any
 * field may be missing. Unknown shapes give `undefined`, never an exception.
 */
import type { Node } from 'libpg-query';

type Tag = Node extends infer U ? (U extends unknown ? keyof U : never) : never;
type Payload<K extends Tag> = Node extends infer U ? (U extends { [P in K]: infer V } ? V : never) : never;

/** The payload of `node` when it is a `tag` node. */
export function nodeAs<K extends Tag>(node: Node | undefined, tag: K): Payload<K> | undefined {
  if (!node || typeof node !== 'object' || !(tag in node)) return undefined;
  return (node as unknown as Record<K, Payload<K>>)[tag];
}

/** The node's tag (`CreateStmt`, `String`, ...). */
export function tagOf(node: Node | undefined): string | undefined {
  return node && typeof node === 'object' ? Object.keys(node)[0] : undefined;
}

/** `String` nodes' values; other nodes are skipped. */
export function strings(nodes: Node[] | undefined): string[] {
  const out: string[] = [];
  for (const n of nodes ?? []) {
    const s = nodeAs(n, 'String')?.sval;
    if (s !== undefined) out.push(s);
  }
  return out;
}

/** The names in a `List` node (`DROP TABLE a.b` objects, `COMMENT ON COLUMN t.c` targets). */
export function listNames(node: Node | undefined): string[] {
  const list = nodeAs(node, 'List');
  if (list) return strings(list.items);
  const s = nodeAs(node, 'String')?.sval;
  if (s !== undefined) return [s];
  const typeName = nodeAs(node, 'TypeName');
  return typeName ? strings(typeName.names) : [];
}

/** An integer constant (`A_Const` or `Integer`), e.g. a type modifier. */
export function intValue(node: Node | undefined): number | undefined {
  const c = nodeAs(node, 'A_Const');
  if (c) return c.ival ? (c.ival.ival ?? 0) : undefined;
  const i = nodeAs(node, 'Integer');
  return i ? (i.ival ?? 0) : undefined;
}

/**
 * Where an expression starts: the smallest `location` in its subtree. A node's own location is not
 * always its first character (`'x'::text` is located at `::`).
 */
export function nodeStart(node: unknown): number | undefined {
  let best: number | undefined;
  const visit = (v: unknown, depth: number) => {
    if (!v || typeof v !== 'object' || depth > 200) return;
    if (Array.isArray(v)) {
      for (const x of v) visit(x, depth + 1);
      return;
    }
    for (const [k, x] of Object.entries(v)) {
      if (k === 'location' && typeof x === 'number' && x >= 0) best = best === undefined ? x : Math.min(best, x);
      else if (typeof x === 'object') visit(x, depth + 1);
    }
  };
  visit(node, 0);
  return best;
}
