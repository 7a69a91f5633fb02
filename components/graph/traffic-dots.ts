/**
 * Traffic dots: each edge carries dots in proportion to its request rate
 * (up to one dot per request), red ones for its error share. Dot positions
 * are a pure function of time — no particles, no per-frame allocation — and
 * the plan caps the total so a frame never draws more than `maxDots`.
 */
import { pointAt, type Scene } from "./scene";
import type { Rect, View } from "./viewport";

/** World units per second a dot travels. */
export const DOT_SPEED = 90;
const MIN_PERIOD = 0.8;
const MAX_PERIOD = 4;
const MAX_PER_EDGE = 40;

export interface DotPlan {
  /** Scene edge index of each planned edge. */
  readonly edges: Int32Array;
  readonly counts: Int32Array;
  readonly errors: Int32Array;
  /** Seconds for a dot to run the edge. */
  readonly periods: Float32Array;
  /** Phase offsets in [0, 1) so edges do not pulse in step. */
  readonly offsets: Float32Array;
  readonly total: number;
}

function hash01(s: string): number {
  let h = 2166136261;
  for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 16777619);
  return ((h >>> 0) % 10007) / 10007;
}

export const EMPTY_PLAN: DotPlan = {
  edges: new Int32Array(0),
  counts: new Int32Array(0),
  errors: new Int32Array(0),
  periods: new Float32Array(0),
  offsets: new Float32Array(0),
  total: 0,
};

export function planDots(scene: Scene, maxDots: number): DotPlan {
  const busy = scene.edges.filter((e) => e.edge.rps > 0).sort((a, b) => b.edge.rps - a.edge.rps || a.index - b.index);
  const budget = Math.max(0, Math.floor(maxDots));
  if (busy.length === 0 || budget === 0) return EMPTY_PLAN;
  const chosen = busy.slice(0, budget);
  const periods = chosen.map((e) => Math.min(MAX_PERIOD, Math.max(MIN_PERIOD, e.length / DOT_SPEED)));
  // Dots visible on an edge = spawn rate × travel time; the spawn rate is rps · beta, beta ≤ 1 dot per request.
  const demand = chosen.reduce((s, e, i) => s + e.edge.rps * (periods[i] ?? 1), 0);
  const beta = Math.min(1, demand > 0 ? budget / demand : 1);
  const n = chosen.length;
  const plan = {
    edges: new Int32Array(n),
    counts: new Int32Array(n),
    errors: new Int32Array(n),
    periods: new Float32Array(n),
    offsets: new Float32Array(n),
  };
  let total = 0;
  chosen.forEach((e, i) => {
    const period = periods[i] ?? 1;
    const k = Math.min(MAX_PER_EDGE, Math.max(1, Math.round(e.edge.rps * beta * period)), budget - total - (n - i - 1));
    const count = Math.max(1, k);
    plan.edges[i] = e.index;
    plan.counts[i] = count;
    plan.errors[i] = e.edge.errorPct > 0 ? Math.min(count, Math.max(1, Math.round((count * e.edge.errorPct) / 100))) : 0;
    plan.periods[i] = period;
    plan.offsets[i] = hash01(e.edge.id);
    total += count;
  });
  return { ...plan, total };
}

const scratch = { x: 0, y: 0 };

/**
 * Draws the dots at time `t` (seconds) in screen space (the context must be
 * scaled by the device pixel ratio only). Returns how many were drawn.
 */
export function drawDots(
  ctx: CanvasRenderingContext2D,
  scene: Scene,
  plan: DotPlan,
  view: View,
  visible: Rect,
  t: number,
  colors: { readonly ok: string; readonly error: string },
  /** When set (find results), only these edges carry dots. */
  only: ReadonlySet<string> | null = null,
): number {
  const r = Math.max(1.5, Math.min(3.5, 3 * view.k));
  let drawn = 0;
  for (let pass = 0; pass < 2; pass++) {
    ctx.beginPath();
    for (let i = 0; i < plan.edges.length; i++) {
      const e = scene.edges[plan.edges[i] ?? -1];
      if (!e || (only !== null && !only.has(e.edge.id))) continue;
      const b = e.bbox;
      if (b.maxX < visible.minX || b.minX > visible.maxX || b.maxY < visible.minY || b.minY > visible.maxY) continue;
      const count = plan.counts[i] ?? 0;
      const errors = plan.errors[i] ?? 0;
      const base = t / (plan.periods[i] ?? 1) + (plan.offsets[i] ?? 0);
      // Error dots are spread evenly among the others: dot j is an error when ⌊(j+1)·e/k⌋ > ⌊j·e/k⌋.
      for (let j = 0; j < count; j++) {
        const isError = errors > 0 && Math.floor(((j + 1) * errors) / count) > Math.floor((j * errors) / count);
        if (isError !== (pass === 1)) continue;
        const u = base + j / count;
        pointAt(e, u - Math.floor(u), scratch);
        const sx = scratch.x * view.k + view.x;
        const sy = scratch.y * view.k + view.y;
        ctx.moveTo(sx + r, sy);
        ctx.arc(sx, sy, r, 0, Math.PI * 2);
        drawn++;
      }
    }
    ctx.fillStyle = pass === 0 ? colors.ok : colors.error;
    ctx.fill();
  }
  return drawn;
}
