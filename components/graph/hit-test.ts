/**
 * Pointer hit testing on a uniform grid: nodes first (they are drawn on top),
 * then edges within a few screen pixels of their curve. The grid is built on
 * the first query, not when the scene changes, and edges are filed under the
 * cells their curve passes through (not their bounding box: long edges of a
 * large layout would fill thousands of cells).
 */
import { pointAt, type Scene, type SceneEdge, type SceneNode } from "./scene";

const CELL = 96;

export interface HitIndex {
  nodeAt(x: number, y: number, slack: number): SceneNode | null;
  edgeAt(x: number, y: number, tolerance: number): SceneEdge | null;
}

const cellKey = (i: number, j: number): number => (i + 1_048_576) * 2_097_152 + (j + 1_048_576);

function distToSegment(px: number, py: number, ax: number, ay: number, bx: number, by: number): number {
  const dx = bx - ax;
  const dy = by - ay;
  const len2 = dx * dx + dy * dy;
  const t = len2 > 0 ? Math.max(0, Math.min(1, ((px - ax) * dx + (py - ay) * dy) / len2)) : 0;
  return Math.hypot(px - (ax + t * dx), py - (ay + t * dy));
}

export function distanceToEdge(e: SceneEdge, x: number, y: number): number {
  const a = { x: 0, y: 0 };
  const b = { x: 0, y: 0 };
  pointAt(e, 0, a);
  let best = Infinity;
  const steps = e.loop ? 16 : 10;
  for (let i = 1; i <= steps; i++) {
    pointAt(e, i / steps, b);
    best = Math.min(best, distToSegment(x, y, a.x, a.y, b.x, b.y));
    a.x = b.x;
    a.y = b.y;
  }
  return best;
}

interface Grid {
  readonly nodes: Map<number, SceneNode[]>;
  readonly edges: Map<number, SceneEdge[]>;
}

function add<T>(m: Map<number, T[]>, k: number, v: T): void {
  const list = m.get(k);
  if (list) {
    if (list[list.length - 1] !== v) list.push(v);
  } else m.set(k, [v]);
}

function buildGrid(scene: Scene): Grid {
  const nodes = new Map<number, SceneNode[]>();
  const edges = new Map<number, SceneEdge[]>();
  for (const n of scene.nodes) add(nodes, cellKey(Math.floor(n.x / CELL), Math.floor(n.y / CELL)), n);
  const p = { x: 0, y: 0 };
  for (const e of scene.edges) {
    const steps = Math.max(1, Math.ceil(e.length / (CELL / 2)));
    for (let s = 0; s <= steps; s++) {
      pointAt(e, s / steps, p);
      add(edges, cellKey(Math.floor(p.x / CELL), Math.floor(p.y / CELL)), e);
    }
  }
  return { nodes, edges };
}

export function buildHitIndex(scene: Scene): HitIndex {
  let grid: Grid | null = null;
  const g = () => (grid ??= buildGrid(scene));
  return {
    nodeAt(x, y, slack) {
      let best: SceneNode | null = null;
      let bestD = Infinity;
      const ci = Math.floor(x / CELL);
      const cj = Math.floor(y / CELL);
      for (let i = ci - 1; i <= ci + 1; i++) {
        for (let j = cj - 1; j <= cj + 1; j++) {
          for (const n of g().nodes.get(cellKey(i, j)) ?? []) {
            const d = Math.hypot(n.x - x, n.y - y);
            if (d <= n.r + slack && d < bestD) {
              best = n;
              bestD = d;
            }
          }
        }
      }
      return best;
    },
    edgeAt(x, y, tolerance) {
      let best: SceneEdge | null = null;
      let bestD = tolerance;
      const seen = new Set<SceneEdge>();
      const ci = Math.floor(x / CELL);
      const cj = Math.floor(y / CELL);
      for (let i = ci - 1; i <= ci + 1; i++) {
        for (let j = cj - 1; j <= cj + 1; j++) {
          for (const e of g().edges.get(cellKey(i, j)) ?? []) {
            if (seen.has(e)) continue;
            seen.add(e);
            const d = distanceToEdge(e, x, y) - e.width / 2;
            if (d <= bestD) {
              best = e;
              bestD = d;
            }
          }
        }
      }
      return best;
    },
  };
}
