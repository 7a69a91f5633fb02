/**
 * The layout worker's work, free of worker globals so it can be unit-tested
 * and benchmarked in Node.
 */
import type { Point } from "./layered";
import { placeNodes, type PlaceOptions } from "./place";
import type { LayoutRequest, LayoutResponse } from "./protocol";

export function computeLayout(req: LayoutRequest, opts: PlaceOptions = {}): LayoutResponse {
  const t0 = performance.now();
  const nodes = req.ids.map((id, i) => ({ id, width: req.sizes[i * 2] ?? 0, height: req.sizes[i * 2 + 1] ?? 0 }));
  const edges: { source: string; target: string }[] = [];
  for (let i = 0; i + 1 < req.edges.length; i += 2) {
    const s = req.ids[req.edges[i] ?? 0];
    const t = req.ids[req.edges[i + 1] ?? 0];
    if (s !== undefined && t !== undefined) edges.push({ source: s, target: t });
  }
  const fixed = new Map<string, Point>();
  req.fixedIds.forEach((id, i) => fixed.set(id, { x: req.fixedXY[i * 2] ?? 0, y: req.fixedXY[i * 2 + 1] ?? 0 }));
  const hints = new Map<string, Point>();
  req.hintIds.forEach((id, i) => hints.set(id, { x: req.hintXY[i * 2] ?? 0, y: req.hintXY[i * 2 + 1] ?? 0 }));
  const spacing = { ...(req.rankSep !== undefined ? { rankSep: req.rankSep } : {}), ...(req.nodeSep !== undefined ? { nodeSep: req.nodeSep } : {}) };
  const result = placeNodes(nodes, edges, fixed, { ...opts, ...spacing, full: req.full, hints });
  const xy = new Float64Array(req.ids.length * 2);
  req.ids.forEach((id, i) => {
    const p = result.positions.get(id);
    xy[i * 2] = p?.x ?? 0;
    xy[i * 2 + 1] = p?.y ?? 0;
  });
  return { type: "layout", seq: req.seq, xy, mode: result.mode, placed: result.placed, ms: performance.now() - t0 };
}
