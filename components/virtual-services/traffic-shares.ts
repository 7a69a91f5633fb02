import type { RouteDestination } from "@/lib/api/virtual-services";

/** Segment colours for a weight bar, cycled by destination position. */
export const SEGMENT_COLORS = [
  "bg-sky-500",
  "bg-violet-500",
  "bg-amber-500",
  "bg-emerald-500",
  "bg-rose-500",
  "bg-slate-500",
] as const;

export function segmentColor(index: number): string {
  return SEGMENT_COLORS[index % SEGMENT_COLORS.length] ?? "bg-slate-500";
}

/**
 * Widths in percent for a stacked bar, proportional to the weights (which
 * need not add up to 100). All zero → all zero.
 */
export function segmentWidths(destinations: readonly Pick<RouteDestination, "weight">[]): number[] {
  const weights = destinations.map((d) => Math.max(0, d.weight));
  const total = weights.reduce((sum, w) => sum + w, 0);
  return weights.map((w) => (total > 0 ? (w / total) * 100 : 0));
}

/** "reviews · v2 · :9080" style label for a destination. */
export function destinationLabel(d: Pick<RouteDestination, "host" | "subset" | "port">): string {
  return [d.host || "(no host)", d.subset, d.port !== null ? `:${d.port}` : null].filter(Boolean).join(" · ");
}
