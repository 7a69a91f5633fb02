/**
 * The render model: the graph joined with layout positions, with every
 * edge's geometry computed once (not per frame). Nodes without a position
 * yet (the worker is still placing them) and their edges are left out.
 */
import type { Graph, GraphEdge, GraphNode } from "@/lib/graph/types";
import { NODE_RADIUS } from "./theme";
import type { Rect } from "./viewport";

export interface Point {
  readonly x: number;
  readonly y: number;
}

export interface SceneNode {
  readonly index: number;
  readonly node: GraphNode;
  readonly x: number;
  readonly y: number;
  readonly r: number;
}

export interface SceneEdge {
  readonly index: number;
  readonly edge: GraphEdge;
  readonly source: SceneNode;
  readonly target: SceneNode;
  /** Quadratic Bézier (x1, y1) → control (cx, cy) → (x2, y2), trimmed to the node outlines. */
  readonly x1: number;
  readonly y1: number;
  readonly cx: number;
  readonly cy: number;
  readonly x2: number;
  readonly y2: number;
  /** A self-call: drawn as a small loop above the node. */
  readonly loop: boolean;
  readonly length: number;
  /** Stroke width, world units (1–6 by rate, log scale). */
  readonly width: number;
  readonly bbox: Rect;
}

export interface Scene {
  readonly graph: Graph;
  readonly nodes: readonly SceneNode[];
  readonly edges: readonly SceneEdge[];
  readonly nodeById: ReadonlyMap<string, SceneNode>;
  readonly edgeById: ReadonlyMap<string, SceneEdge>;
  /** Edges by source / target node id. */
  readonly outgoing: ReadonlyMap<string, readonly SceneEdge[]>;
  readonly incoming: ReadonlyMap<string, readonly SceneEdge[]>;
  readonly bounds: Rect;
  readonly maxRps: number;
}

const LOOP_R = 10;
const CURVE = 0.18;

export function nodeRadius(n: GraphNode): number {
  if (n.kind === "ingressGateway") return NODE_RADIUS + 2;
  if (n.kind === "service" || n.kind === "serviceEntry") return NODE_RADIUS - 1;
  return NODE_RADIUS;
}

export function edgeWidth(rps: number, maxRps: number): number {
  if (!(rps > 0) || !(maxRps > 0)) return 1;
  return 1 + (5 * Math.log10(1 + rps)) / Math.log10(1 + Math.max(maxRps, 1));
}

/** Point on the edge's curve at u ∈ [0, 1]. */
export function pointAt(e: SceneEdge, u: number, out: { x: number; y: number }): void {
  if (e.loop) {
    const a = Math.PI / 2 + u * 2 * Math.PI;
    out.x = e.cx + LOOP_R * Math.cos(a);
    out.y = e.cy + LOOP_R * Math.sin(a);
    return;
  }
  const v = 1 - u;
  out.x = v * v * e.x1 + 2 * v * u * e.cx + u * u * e.x2;
  out.y = v * v * e.y1 + 2 * v * u * e.cy + u * u * e.y2;
}

function geometry(s: SceneNode, t: SceneNode, curved: boolean) {
  if (s === t) {
    const cx = s.x;
    const cy = s.y - s.r - LOOP_R + 2;
    return { x1: cx, y1: cy + LOOP_R, cx, cy, x2: cx, y2: cy + LOOP_R, loop: true, length: 2 * Math.PI * LOOP_R };
  }
  const dx = t.x - s.x;
  const dy = t.y - s.y;
  const d = Math.hypot(dx, dy) || 1;
  // Reciprocal edges bow to their own left so the pair does not overlap.
  const bow = curved ? CURVE * d : 0;
  const cx = (s.x + t.x) / 2 + (dy / d) * bow;
  const cy = (s.y + t.y) / 2 - (dx / d) * bow;
  const sx = cx - s.x;
  const sy = cy - s.y;
  const sd = Math.hypot(sx, sy) || 1;
  const tx = t.x - cx;
  const ty = t.y - cy;
  const td = Math.hypot(tx, ty) || 1;
  const x1 = s.x + (sx / sd) * s.r;
  const y1 = s.y + (sy / sd) * s.r;
  const x2 = t.x - (tx / td) * (t.r + 3);
  const y2 = t.y - (ty / td) * (t.r + 3);
  const chord = Math.hypot(x2 - x1, y2 - y1);
  const poly = Math.hypot(cx - x1, cy - y1) + Math.hypot(x2 - cx, y2 - cy);
  return { x1, y1, cx, cy, x2, y2, loop: false, length: Math.max(1, (chord + poly) / 2) };
}

export function buildScene(graph: Graph, positions: ReadonlyMap<string, Point>): Scene {
  const nodes: SceneNode[] = [];
  const nodeById = new Map<string, SceneNode>();
  let minX = Infinity;
  let minY = Infinity;
  let maxX = -Infinity;
  let maxY = -Infinity;
  for (const n of graph.nodes) {
    const p = positions.get(n.id);
    if (!p) continue;
    const sn: SceneNode = { index: nodes.length, node: n, x: p.x, y: p.y, r: nodeRadius(n) };
    nodes.push(sn);
    nodeById.set(n.id, sn);
    minX = Math.min(minX, p.x - 40);
    maxX = Math.max(maxX, p.x + 40);
    minY = Math.min(minY, p.y - sn.r - 24);
    maxY = Math.max(maxY, p.y + sn.r + 30);
  }
  let maxRps = 0;
  for (const e of graph.edges) maxRps = Math.max(maxRps, e.rps);
  const ids = new Set(graph.edges.map((e) => e.id));
  const edges: SceneEdge[] = [];
  const edgeById = new Map<string, SceneEdge>();
  const outgoing = new Map<string, SceneEdge[]>();
  const incoming = new Map<string, SceneEdge[]>();
  for (const e of graph.edges) {
    const s = nodeById.get(e.source);
    const t = nodeById.get(e.target);
    if (!s || !t) continue;
    const g = geometry(s, t, ids.has(`${e.target}->${e.source}`));
    const pad = 8;
    const se: SceneEdge = {
      index: edges.length,
      edge: e,
      source: s,
      target: t,
      ...g,
      width: edgeWidth(e.rps, maxRps),
      bbox: g.loop
        ? { minX: g.cx - LOOP_R - pad, minY: g.cy - LOOP_R - pad, maxX: g.cx + LOOP_R + pad, maxY: g.cy + LOOP_R + pad }
        : {
            minX: Math.min(g.x1, g.cx, g.x2) - pad,
            minY: Math.min(g.y1, g.cy, g.y2) - pad,
            maxX: Math.max(g.x1, g.cx, g.x2) + pad,
            maxY: Math.max(g.y1, g.cy, g.y2) + pad,
          },
    };
    edges.push(se);
    edgeById.set(e.id, se);
    (outgoing.get(e.source) ?? outgoing.set(e.source, []).get(e.source))?.push(se);
    (incoming.get(e.target) ?? incoming.set(e.target, []).get(e.target))?.push(se);
  }
  const bounds = nodes.length > 0 ? { minX, minY, maxX, maxY } : { minX: 0, minY: 0, maxX: 1, maxY: 1 };
  return { graph, nodes, edges, nodeById, edgeById, outgoing, incoming, bounds, maxRps };
}

export const intersects = (a: Rect, b: Rect): boolean => a.minX <= b.maxX && a.maxX >= b.minX && a.minY <= b.maxY && a.maxY >= b.minY;
