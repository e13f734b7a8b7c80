/**
 * ER diagram layout. A schema of 100+ tables is unreadable as one layered graph, so the diagram is
 * split the way people read schemas: by group (database schema, or file of a Prisma schema folder),
 * then by connected component. Each component is laid out with dagre (parents left of children, long
 * ranks wrapped into columns: wrap.ts), and components are packed in rows about as wide as the
 * canvas's shape asks, largest first, with unrelated tables in a grid at the end.
 */
import type { ReportColumn, ReportData, ReportRelation, ReportTable } from '../types';
import { newGraph, runLayout, type Point } from './dagre';
import { straight, wrapRanks } from './wrap';

/** Which columns a box lists: all, or only key columns (the overview of a large schema). */
export type DiagramDetail = 'columns' | 'keys';

export const METRICS = {
  charWidth: 7.2, // 12px monospace
  rowHeight: 18,
  headerHeight: 26,
  padX: 10,
  minWidth: 120,
  maxWidth: 360,
  gap: 40,
  groupPad: 24,
  groupLabel: 28,
};

export interface NodeBox {
  key: string;
  x: number;
  y: number;
  width: number;
  height: number;
  rows: ReportColumn[];
  /** Columns left out in `keys` detail. */
  hidden: number;
}

export interface EdgePath {
  relation: number;
  points: Point[];
}

export interface GroupBox {
  name: string;
  x: number;
  y: number;
  width: number;
  height: number;
}

export interface DiagramLayout {
  detail: DiagramDetail;
  width: number;
  height: number;
  nodes: NodeBox[];
  edges: EdgePath[];
  groups: GroupBox[];
}

interface Block {
  width: number;
  height: number;
  nodes: NodeBox[];
  edges: EdgePath[];
}

export function rowsFor(t: ReportTable, detail: DiagramDetail): ReportColumn[] {
  return detail === 'columns' ? t.columns : t.columns.filter((c) => c.keys.length);
}

/** Box size from its text; the SVG uses a monospace font so this estimate holds. */
function measure(t: ReportTable, rows: ReportColumn[], hidden: number): { width: number; height: number } {
  const m = METRICS;
  // Same columns as svg.ts draws: a 6-character key column, the name, a space, the type.
  const lineChars = Math.max(t.name.length + 1, ...rows.map((c) => 6 + c.name.length + 1 + c.shortType.length), hidden ? 12 : 0);
  const width = Math.min(m.maxWidth, Math.max(m.minWidth, Math.ceil(lineChars * m.charWidth + 2 * m.padX)));
  const height = m.headerHeight + Math.max(1, rows.length + (hidden ? 1 : 0)) * m.rowHeight + 6;
  return { width, height };
}

export function layoutDiagram(data: ReportData, detail: DiagramDetail): DiagramLayout {
  const m = METRICS;
  const groups = new Map<string, ReportTable[]>();
  for (const t of data.tables) (groups.get(t.group) ?? groups.set(t.group, []).get(t.group)!).push(t);
  const groupNames = [...groups.keys()].sort();
  const grouped = groupNames.length > 1 || groupNames[0] !== '';

  // Each group is a block of its packed components; the groups are then packed the same way, so a
  // schema split over a dozen files fills the width instead of making one tall column of groups.
  const groupBlocks = groupNames.map((name) => {
    const packed = pack(componentBlocks(groups.get(name)!, data.relations, detail));
    const top = grouped ? m.groupLabel + m.groupPad / 2 : 0;
    const left = grouped ? m.groupPad : 0;
    const nodes: NodeBox[] = [];
    const edges: EdgePath[] = [];
    for (const b of packed.placed) {
      for (const n of b.block.nodes) nodes.push({ ...n, x: n.x + b.x + left, y: n.y + b.y + top });
      for (const e of b.block.edges) edges.push({ relation: e.relation, points: e.points.map((p) => ({ x: p.x + b.x + left, y: p.y + b.y + top })) });
    }
    return { name, width: packed.width + 2 * left, height: packed.height + top + (grouped ? m.groupPad : 0), nodes, edges };
  });
  const all = pack(groupBlocks);
  const nodes: NodeBox[] = [];
  const edges: EdgePath[] = [];
  const groupBoxes: GroupBox[] = [];
  for (const { block, x, y } of all.placed) {
    for (const n of block.nodes) nodes.push({ ...n, x: n.x + x, y: n.y + y });
    for (const e of block.edges) edges.push({ relation: e.relation, points: e.points.map((p) => ({ x: p.x + x, y: p.y + y })) });
    if (grouped) groupBoxes.push({ name: block.name, x, y, width: block.width, height: block.height });
  }
  const width = all.width;
  const height = all.height;

  // Relations between groups are not part of any component layout: a straight line, box to box.
  const byKey = new Map(nodes.map((n) => [n.key, n]));
  data.relations.forEach((r, i) => {
    if (edges.some((e) => e.relation === i)) return;
    const parent = byKey.get(r.parent);
    const child = byKey.get(r.child);
    if (parent && child) edges.push({ relation: i, points: straight(parent, child) });
  });
  return { detail, width: Math.ceil(width), height: Math.ceil(height), nodes, edges, groups: groupBoxes };
}

/** Connected components of one group, each laid out on its own; unrelated tables come last, by name. */
function componentBlocks(tables: ReportTable[], relations: ReportRelation[], detail: DiagramDetail): Block[] {
  const keys = new Set(tables.map((t) => t.key));
  const parentOf = new Map(tables.map((t) => [t.key, t.key]));
  const find = (k: string): string => {
    let r = k;
    while (parentOf.get(r) !== r) r = parentOf.get(r)!;
    parentOf.set(k, r);
    return r;
  };
  const inGroup = relations.map((r, i) => ({ r, i })).filter(({ r }) => keys.has(r.child) && keys.has(r.parent));
  for (const { r } of inGroup) parentOf.set(find(r.child), find(r.parent));

  const components = new Map<string, ReportTable[]>();
  for (const t of tables) (components.get(find(t.key)) ?? components.set(find(t.key), []).get(find(t.key))!).push(t);
  const blocks: Block[] = [];
  const singles: Block[] = [];
  for (const members of components.values()) {
    const rels = inGroup.filter(({ r }) => members.some((t) => t.key === r.child));
    if (members.length === 1 && rels.length === 0) singles.push(single(members[0], detail));
    else blocks.push(dagreBlock(members, rels, detail));
  }
  blocks.sort((a, b) => b.width * b.height - a.width * a.height);
  return [...blocks, ...singles];
}

function nodeBox(t: ReportTable, detail: DiagramDetail): NodeBox {
  const rows = rowsFor(t, detail);
  const hidden = t.columns.length - rows.length;
  const size = measure(t, rows, hidden);
  return { key: t.key, x: 0, y: 0, ...size, rows, hidden };
}

function single(t: ReportTable, detail: DiagramDetail): Block {
  const n = nodeBox(t, detail);
  return { width: n.width, height: n.height, nodes: [n], edges: [] };
}

/** Width / height a component aims at: about a report canvas's shape, a little taller. */
const TARGET_ASPECT = 1.6;

/**
 * A component laid out left to right, its tall ranks wrapped into columns; a long chain that comes out
 * much wider than that aims at is laid out top to bottom instead.
 */
function dagreBlock(tables: ReportTable[], rels: { r: ReportRelation; i: number }[], detail: DiagramDetail): Block {
  const lr = dagreRun(tables, rels, detail, 'LR');
  if (lr.width / Math.max(1, lr.height) <= TARGET_ASPECT * 3) return lr;
  const tb = dagreRun(tables, rels, detail, 'TB');
  const off = (b: Block) => Math.abs(Math.log(b.width / Math.max(1, b.height) / TARGET_ASPECT));
  return off(tb) < off(lr) ? tb : lr;
}

function dagreRun(tables: ReportTable[], rels: { r: ReportRelation; i: number }[], detail: DiagramDetail, rankdir: 'LR' | 'TB'): Block {
  const spacing = { nodesep: 24, ranksep: 70 };
  const g = newGraph();
  g.setGraph({ rankdir, ...spacing, edgesep: 12, marginx: 0, marginy: 0 });
  g.setDefaultEdgeLabel(() => ({}));
  const boxes = new Map(tables.map((t) => [t.key, nodeBox(t, detail)]));
  for (const [key, b] of boxes) g.setNode(key, { width: b.width, height: b.height });
  for (const { r, i } of rels) g.setEdge(r.parent, r.child, {}, String(i));
  runLayout(g);

  // dagre gives centres; boxes are drawn from their top-left corner.
  const nodes: NodeBox[] = [...boxes].map(([key, b]) => {
    const n = g.node(key);
    return { ...b, x: n.x - b.width / 2, y: n.y - b.height / 2 };
  });
  const routed = g.edges().map((e) => ({ relation: Number(e.name), parent: e.v, child: e.w, points: g.edge(e).points ?? [] }));
  const wrapped = rankdir === 'LR' ? wrapRanks(nodes, routed, { ...spacing, colsep: 28, aspect: TARGET_ASPECT }) : undefined;
  const placed = wrapped?.nodes ?? nodes;
  const edges: EdgePath[] = (wrapped?.edges ?? routed).map((e) => ({ relation: e.relation, points: e.points }));
  let maxX = 0;
  let maxY = 0;
  for (const n of placed) {
    maxX = Math.max(maxX, n.x + n.width);
    maxY = Math.max(maxY, n.y + n.height);
  }
  for (const e of edges) {
    for (const p of e.points) {
      maxX = Math.max(maxX, p.x);
      maxY = Math.max(maxY, p.y);
    }
  }
  return { width: maxX, height: maxY, nodes: placed, edges };
}

/** Shelf packing: rows about as wide as the whole area is tall, so the result is roughly square. */
function pack<B extends Block>(blocks: B[]): { placed: { block: B; x: number; y: number }[]; width: number; height: number } {
  const gap = METRICS.gap;
  const area = blocks.reduce((a, b) => a + (b.width + gap) * (b.height + gap), 0);
  const rowWidth = Math.max(Math.sqrt(area) * 1.6, ...blocks.map((b) => b.width));
  const placed: { block: B; x: number; y: number }[] = [];
  let x = 0;
  let y = 0;
  let rowHeight = 0;
  let width = 0;
  for (const block of blocks) {
    if (x > 0 && x + block.width > rowWidth) {
      y += rowHeight + gap;
      x = 0;
      rowHeight = 0;
    }
    placed.push({ block, x, y });
    x += block.width + gap;
    rowHeight = Math.max(rowHeight, block.height);
    width = Math.max(width, x - gap);
  }
  return { placed, width, height: blocks.length ? y + rowHeight : 0 };
}
