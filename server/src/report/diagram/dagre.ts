/**
 * The slice of @dagrejs/dagre the layout uses, typed here: the package ships ESM type declarations
 * that a CommonJS TypeScript project cannot import, while its CommonJS build (`require`) is what
 * runs and what esbuild bundles.
 */
export interface Point {
  x: number;
  y: number;
}

export interface DagreGraph {
  setGraph(label: { rankdir?: 'LR' | 'TB'; nodesep?: number; ranksep?: number; edgesep?: number; marginx?: number; marginy?: number }): void;
  setDefaultEdgeLabel(fn: () => object): void;
  setNode(id: string, label: { width: number; height: number }): void;
  setEdge(v: string, w: string, label: object, name?: string): void;
  node(id: string): { x: number; y: number; width: number; height: number };
  edges(): { v: string; w: string; name?: string }[];
  edge(e: { v: string; w: string; name?: string }): { points?: Point[] };
  graph(): { width?: number; height?: number };
}

interface Dagre {
  graphlib: { Graph: new (opts?: { multigraph?: boolean; compound?: boolean }) => DagreGraph };
  layout(g: DagreGraph): void;
}

// eslint-disable-next-line @typescript-eslint/no-require-imports
const dagre: Dagre = require('@dagrejs/dagre');

export function newGraph(): DagreGraph {
  return new dagre.graphlib.Graph({ multigraph: true });
}

export function runLayout(g: DagreGraph): void {
  dagre.layout(g);
}
