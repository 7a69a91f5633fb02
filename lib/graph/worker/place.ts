/**
 * Stable positions across refreshes. Nodes that already have a position keep
 * it, always; only new nodes are placed:
 *   - next to their placed neighbours (right of their callers, or left of
 *     their callees), nudged up or down until they overlap nothing;
 *   - new nodes with no placed neighbour (a namespace just added) are laid
 *     out together by the layered layout and put below everything else.
 * When few nodes have a position (first load, graph type or namespace
 * switch: under `minKnownShare`) this is a full layered layout.
 */
import { layeredLayout, type LayeredOptions, type LayoutEdgeInput, type LayoutNodeInput, type Point } from "./layered";

export interface PlaceOptions extends LayeredOptions {
  /** Lay everything out afresh, ignoring `fixed` (the user's "re-layout"). */
  readonly full?: boolean;
  /** Where nodes that come back used to be: reused when the spot is still free. */
  readonly hints?: ReadonlyMap<string, Point>;
  /**
   * Below this share of nodes with a position the graph counts as new (a
   * graph type or namespace switch) and is laid out in full (default 0.25).
   */
  readonly minKnownShare?: number;
}

export interface PlaceResult {
  readonly positions: Map<string, Point>;
  readonly mode: "full" | "incremental" | "unchanged";
  /** Nodes that got a new position. */
  readonly placed: number;
}

/** Occupancy of node boxes on a uniform grid, for overlap tests. */
class Occupancy {
  private readonly cells = new Map<string, { x: number; y: number; hw: number; hh: number }[]>();
  constructor(private readonly cell: number) {}

  private keys(x: number, y: number, hw: number, hh: number): string[] {
    const out: string[] = [];
    const c = this.cell;
    for (let i = Math.floor((x - hw) / c); i <= Math.floor((x + hw) / c); i++) {
      for (let j = Math.floor((y - hh) / c); j <= Math.floor((y + hh) / c); j++) out.push(`${i},${j}`);
    }
    return out;
  }

  add(x: number, y: number, hw: number, hh: number): void {
    for (const k of this.keys(x, y, hw, hh)) {
      const list = this.cells.get(k);
      if (list) list.push({ x, y, hw, hh });
      else this.cells.set(k, [{ x, y, hw, hh }]);
    }
  }

  free(x: number, y: number, hw: number, hh: number, pad: number): boolean {
    for (const k of this.keys(x, y, hw + pad, hh + pad)) {
      for (const b of this.cells.get(k) ?? []) {
        if (Math.abs(b.x - x) < b.hw + hw + pad && Math.abs(b.y - y) < b.hh + hh + pad) return false;
      }
    }
    return true;
  }
}

export function placeNodes(
  nodes: readonly LayoutNodeInput[],
  edges: readonly LayoutEdgeInput[],
  fixed: ReadonlyMap<string, Point>,
  opts: PlaceOptions = {},
): PlaceResult {
  const rankSep = opts.rankSep ?? 110;
  const nodeSep = opts.nodeSep ?? 36;
  const positions = new Map<string, Point>();
  if (!opts.full) for (const n of nodes) {
    const p = fixed.get(n.id);
    if (p) positions.set(n.id, p);
  }
  if (positions.size === nodes.length) return { positions, mode: "unchanged", placed: 0 };
  if (positions.size === 0 || positions.size < nodes.length * (opts.minKnownShare ?? 0.25)) {
    return { positions: layeredLayout(nodes, edges, opts).positions, mode: "full", placed: nodes.length };
  }

  const byId = new Map(nodes.map((n) => [n.id, n]));
  const preds = new Map<string, string[]>();
  const succs = new Map<string, string[]>();
  for (const e of edges) {
    if (e.source === e.target || !byId.has(e.source) || !byId.has(e.target)) continue;
    (succs.get(e.source) ?? succs.set(e.source, []).get(e.source))?.push(e.target);
    (preds.get(e.target) ?? preds.set(e.target, []).get(e.target))?.push(e.source);
  }
  let maxW = 0;
  let maxH = 0;
  for (const n of nodes) {
    maxW = Math.max(maxW, n.width);
    maxH = Math.max(maxH, n.height);
  }
  const occupancy = new Occupancy(Math.max(maxW, maxH, 8) * 2);
  for (const [id, p] of positions) {
    const n = byId.get(id);
    if (n) occupancy.add(p.x, p.y, n.width / 2, n.height / 2);
  }
  const step = maxW + rankSep;
  const pad = nodeSep / 2;

  const settle = (n: LayoutNodeInput, x: number, y: number): Point => {
    const hw = n.width / 2;
    const hh = n.height / 2;
    const dy = n.height + nodeSep / 2;
    for (let col = 0; col < 6; col++) {
      const cx = x + col * step * (col % 2 === 0 ? 1 : -1) * Math.ceil(col / 2);
      for (let k = 0; k < 40; k++) {
        const cy = y + dy * Math.ceil(k / 2) * (k % 2 === 0 ? 1 : -1);
        if (occupancy.free(cx, cy, hw, hh, pad)) return { x: cx, y: cy };
      }
    }
    return { x, y: y + dy * 21 };
  };

  let placed = 0;
  let pending = nodes.filter((n) => !positions.has(n.id));
  for (let progress = true; progress && pending.length > 0; ) {
    progress = false;
    const next: LayoutNodeInput[] = [];
    for (const n of pending) {
      const hint = opts.hints?.get(n.id);
      if (hint && occupancy.free(hint.x, hint.y, n.width / 2, n.height / 2, pad)) {
        positions.set(n.id, hint);
        occupancy.add(hint.x, hint.y, n.width / 2, n.height / 2);
        placed++;
        progress = true;
        continue;
      }
      const from = (preds.get(n.id) ?? []).map((id) => positions.get(id)).filter((p): p is Point => p !== undefined);
      const to = (succs.get(n.id) ?? []).map((id) => positions.get(id)).filter((p): p is Point => p !== undefined);
      if (from.length === 0 && to.length === 0) {
        next.push(n);
        continue;
      }
      const x = from.length > 0 ? Math.max(...from.map((p) => p.x)) + step : Math.min(...to.map((p) => p.x)) - step;
      const around = from.length > 0 ? from : to;
      const y = around.reduce((s, p) => s + p.y, 0) / around.length;
      const p = settle(n, x, y);
      positions.set(n.id, p);
      occupancy.add(p.x, p.y, n.width / 2, n.height / 2);
      placed++;
      progress = true;
    }
    pending = next;
  }

  if (pending.length > 0) {
    // Islands of new nodes: their own layered layout, below everything placed.
    let minX = Infinity;
    let maxY = -Infinity;
    for (const [id, p] of positions) {
      const n = byId.get(id);
      minX = Math.min(minX, p.x - (n?.width ?? 0) / 2);
      maxY = Math.max(maxY, p.y + (n?.height ?? 0) / 2);
    }
    const ids = new Set(pending.map((n) => n.id));
    const sub = layeredLayout(pending, edges.filter((e) => ids.has(e.source) && ids.has(e.target)), opts);
    const top = maxY + (opts.componentSep ?? 80);
    for (const n of pending) {
      const p = sub.positions.get(n.id) ?? { x: 0, y: 0 };
      positions.set(n.id, { x: minX + p.x, y: top + p.y });
      placed++;
    }
  }
  return { positions, mode: "incremental", placed };
}
