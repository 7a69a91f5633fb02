import { largestRemainder } from "@/lib/istio/actions/rebalance";
import type { ObservedRoute, ObservedTraffic } from "@/lib/api/traffic";
import type { DriftResult } from "@/lib/istio/model/drift";
import type { ObjectRef, WeightedDestination } from "@/lib/istio/model/schema";
import type { Severity, Validation } from "@/lib/istio/validate/schema";

/** Whole percentages summing to exactly 100 (largest remainder); all zero when nothing is positive. */
export function toPercents(shares: readonly number[]): number[] {
  const clean = shares.map((s) => (Number.isFinite(s) && s > 0 ? s : 0));
  const total = clean.reduce((a, b) => a + b, 0);
  return total > 0 ? largestRemainder(100, clean) : clean.map(() => 0);
}

type DestinationLike = Pick<WeightedDestination, "host" | "subset" | "port">;

/** The key the server's observation uses for a destination: `host` or `host/subset`. */
export function destinationKey(d: DestinationLike): string {
  return `${d.host.raw}${d.subset ? `/${d.subset.name}` : ""}`;
}

/** "reviews · v2", "web · :8080". */
export function destinationLabel(d: DestinationLike): string {
  return [d.host.raw || "(no host)", d.subset?.name, d.port !== null ? `:${d.port}` : null].filter(Boolean).join(" · ");
}

export interface SplitRow {
  index: number;
  key: string;
  label: string;
  /** Whole percent, the configured column sums to 100 (0 when every weight is 0). */
  configured: number;
  /** Whole percent of observed requests; null without an observation. */
  observed: number | null;
  observedRequests: number | null;
  drifting: boolean;
}

/**
 * Configured and observed shares of a route's destinations, side by side.
 * Observations are matched by key (falling back to position).
 */
export function splitRows(destinations: readonly WeightedDestination[], drift: DriftResult | null): SplitRow[] {
  const configured = toPercents(destinations.map((d) => d.share));
  const matched = destinations.map((d, i) => {
    if (!drift) return null;
    const key = destinationKey(d);
    return drift.destinations.find((o) => o.key === key) ?? drift.destinations[i] ?? null;
  });
  const haveObserved = drift !== null && drift.totalRequests > 0 && matched.every((m) => m !== null && m.observedShare !== null);
  const observed = haveObserved ? toPercents(matched.map((m) => m?.observedShare ?? 0)) : null;
  return destinations.map((d, i) => ({
    index: i,
    key: destinationKey(d),
    label: destinationLabel(d),
    configured: configured[i] ?? 0,
    observed: observed ? (observed[i] ?? 0) : null,
    observedRequests: matched[i]?.observedRequests ?? null,
    drifting: matched[i]?.drifting ?? false,
  }));
}

/** A route has a split worth drawing: two or more destinations. */
export function isWeighted(rule: { destinations: readonly unknown[] }): boolean {
  return rule.destinations.length >= 2;
}

/** The observation of `http:<index>` of one VirtualService, if the server made one. */
export function findObserved(observed: ObservedTraffic | undefined, ref: { namespace: string; name: string }, index: number): ObservedRoute | null {
  if (!observed || observed.status !== "ok") return null;
  return (
    observed.routes.find(
      (r) => r.object.kind === "VirtualService" && r.object.namespace === ref.namespace && r.object.name === ref.name && r.route === `http:${index}`,
    ) ?? null
  );
}

function sameRef(a: ObjectRef, b: ObjectRef): boolean {
  return a.kind === b.kind && a.namespace === b.namespace && a.name === b.name;
}

/** Validations about `ref` (as their object, or as a related object when `includeRelated`). */
export function validationsFor(validations: readonly Validation[], ref: ObjectRef, includeRelated = false): Validation[] {
  return validations.filter((v) => sameRef(v.object, ref) || (includeRelated && v.related.some((r) => sameRef(r, ref))));
}

export type SeverityCounts = Record<Severity, number>;

export function severityCounts(validations: readonly Validation[]): SeverityCounts {
  const out: SeverityCounts = { error: 0, warning: 0, info: 0 };
  for (const v of validations) out[v.severity]++;
  return out;
}

const severityOrder: Record<Severity, number> = { error: 0, warning: 1, info: 2 };

/** Errors first, then warnings, then info; stable otherwise. */
export function bySeverity(validations: readonly Validation[]): Validation[] {
  return [...validations].sort((a, b) => severityOrder[a.severity] - severityOrder[b.severity]);
}
