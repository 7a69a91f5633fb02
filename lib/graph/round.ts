/**
 * Rounding of published figures: enough precision for display, little enough
 * that Prometheus' jitter does not turn every refresh into a diff of every edge.
 */

/** Four significant digits (0.01667, 12.35, 1235). */
export function roundRps(v: number): number {
  if (!(v > 0) || !Number.isFinite(v)) return 0;
  return Number(v.toPrecision(4));
}

/** Percent with two decimals. */
export function roundPct(v: number): number {
  if (!Number.isFinite(v)) return 0;
  return Math.round(v * 100) / 100;
}

/** Milliseconds, three significant digits (4.75, 47.5, 475, 4750). */
export function roundMs(v: number): number {
  if (!Number.isFinite(v) || v <= 0) return 0;
  return Number(v.toPrecision(3));
}
