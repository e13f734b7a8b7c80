/**
 * Long ranks wrapped into columns. In a left-to-right layout dagre stacks every child of a hub table
 * in one rank: forty tables referencing `users` make one column forty boxes tall, a drawing many times
 * taller than wide that Fit shrinks to unreadable text. A rank taller than the component's target
 * height is cut into columns side by side, keeping dagre's order (which already limits crossings), and
 * relations are routed through the gap in front of the child's column.
 */
import type { Point } from './dagre';

export interface Box {
  key: string;
  /** Top-left corner. */
  x: number;
  y: number;
  width: number;
  height: number;
}

export interface RoutedEdge {
  relation: number;
  parent: string;
  child: string;
  points: Point[];
}

export interface WrapSpacing {
  /** Between boxes of one column. */
  nodesep: number;
  /** Between ranks. */
  ranksep: number;
  /** Between the columns of one wrapped rank. */
  colsep: number;
  /** Width / height the wrapped component aims at. */
  aspect: number;
}

/**
 * The component with its tall ranks wrapped, or undefined when no rank is much taller than the
 * target (dagre's own drawing, with its routed edges, is then kept).
 */
export function wrapRanks<B extends Box>(nodes: B[], edges: RoutedEdge[], s: WrapSpacing): { nodes: B[]; edges: RoutedEdge[]; width: number; height: number } | undefined {
  // dagre puts the centres of one rank on one vertical line in a left-to-right layout.
  const ranks = new Map<number, B[]>();
  for (const n of nodes) {
    const c = Math.round(n.x + n.width / 2);
    (ranks.get(c) ?? ranks.set(c, []).get(c)!).push(n);
  }
  const stacked = (col: B[]) => col.reduce((h, n) => h + n.height, 0) + Math.max(0, col.length - 1) * s.nodesep;
  const area = nodes.reduce((a, n) => a + (n.width + s.colsep) * (n.height + s.nodesep), 0);
  const tallest = Math.max(...nodes.map((n) => n.height));
  const target = Math.max(tallest, Math.sqrt(area / s.aspect));
  const ordered = [...ranks.entries()].sort((a, b) => a[0] - b[0]).map(([, r]) => r.sort((a, b) => a.y - b.y));
  if (Math.max(...ordered.map(stacked)) <= target * 1.25) return undefined;

  // Each rank's columns: greedy, in dagre's order, each at most `target` tall (a box taller than that alone).
  const columns: B[][][] = ordered.map((rank) => {
    const cols: B[][] = [[]];
    for (const n of rank) {
      const col = cols.at(-1)!;
      if (col.length && stacked([...col, n]) > target) cols.push([n]);
      else col.push(n);
    }
    return cols;
  });
  const height = Math.max(...columns.flat().map(stacked));

  const placed = new Map<string, B>();
  /** x of the gap in front of each box's column, where relations into it turn. */
  const entry = new Map<string, number>();
  let x = 0;
  columns.forEach((cols, r) => {
    cols.forEach((col, c) => {
      const width = Math.max(...col.map((n) => n.width));
      const gap = c === 0 ? (r === 0 ? 0 : s.ranksep) : s.colsep;
      let y = (height - stacked(col)) / 2;
      for (const n of col) {
        placed.set(n.key, { ...n, x: x + (width - n.width) / 2, y });
        entry.set(n.key, x - gap / 2);
        y += n.height + s.nodesep;
      }
      x += width + s.colsep;
    });
    x += s.ranksep - s.colsep;
  });
  const width = x - s.ranksep;

  const routed = edges.map((e) => {
    const p = placed.get(e.parent)!;
    const c = placed.get(e.child)!;
    return { ...e, points: route(p, c, entry.get(e.child)!) };
  });
  return { nodes: nodes.map((n) => placed.get(n.key)!), edges: routed, width, height };
}

/** Parent's right side, along to the gap in front of the child's column, down or up, into the child's left side. */
function route(p: Box, c: Box, turnX: number): Point[] {
  const py = p.y + p.height / 2;
  const cy = c.y + c.height / 2;
  if (p.key === c.key) {
    const r = p.x + p.width;
    return [
      { x: r, y: py - 8 },
      { x: r + 14, y: py - 8 },
      { x: r + 14, y: py + 8 },
      { x: r, y: py + 8 },
    ];
  }
  if (c.x <= p.x + p.width || turnX < p.x + p.width) return straight(p, c);
  return [
    { x: p.x + p.width, y: py },
    { x: turnX, y: py },
    { x: turnX, y: cy },
    { x: c.x, y: cy },
  ];
}

/** From the parent's border to the child's, along the line between their centres. */
export function straight(parent: Box, child: Box): Point[] {
  const pc = { x: parent.x + parent.width / 2, y: parent.y + parent.height / 2 };
  const cc = { x: child.x + child.width / 2, y: child.y + child.height / 2 };
  return [clip(pc, cc, parent), clip(cc, pc, child)];
}

/** Where the segment from the box's centre towards `to` leaves the box. */
function clip(center: Point, to: Point, box: Box): Point {
  const dx = to.x - center.x;
  const dy = to.y - center.y;
  if (dx === 0 && dy === 0) return center;
  const sx = dx === 0 ? Infinity : box.width / 2 / Math.abs(dx);
  const sy = dy === 0 ? Infinity : box.height / 2 / Math.abs(dy);
  const s = Math.min(sx, sy);
  return { x: center.x + dx * s, y: center.y + dy * s };
}
