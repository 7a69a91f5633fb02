import { finiteOrNull, type SampleValue, type Series, type ServiceMetrics } from "@/lib/api/metrics";
import type { WeightedDestination } from "@/lib/istio/model/schema";

export type ChartRow = { t: number } & Record<string, number | null>;

/**
 * Series → rows for a Recharts chart: one row per timestamp (sorted), one
 * column per series key; NaN/±Inf and missing points are null (a gap).
 */
export function mergeSeries(series: readonly { key: string; points: Series }[], scale = 1): ChartRow[] {
  const rows = new Map<number, ChartRow>();
  for (const s of series) {
    for (const [t, v] of s.points) {
      let row = rows.get(t);
      if (!row) rows.set(t, (row = { t } as ChartRow));
      const n = finiteOrNull(v);
      row[s.key] = n === null ? null : n * scale;
    }
  }
  const keys = series.map((s) => s.key);
  return [...rows.values()]
    .sort((a, b) => a.t - b.t)
    .map((row) => {
      for (const k of keys) if (!(k in row)) row[k] = null;
      return row;
    });
}

export interface SplitSource {
  /** Chart key of the destination ("d0", "d1", …). */
  key: string;
  label: string;
  /** `namespace/name` of the destination's Service. */
  service: string;
  /** Versions whose traffic counts for it; null: all of the Service's. */
  versions: string[] | null;
}

/**
 * How to attribute per-version metrics to a route's destinations: a
 * destination is its Service's traffic, narrowed to its subset's versions.
 * Null when a destination is not a Service or a subset's versions are unknown.
 */
export function splitSources(destinations: readonly WeightedDestination[], label: (d: WeightedDestination) => string): SplitSource[] | null {
  const out: SplitSource[] = [];
  for (const [i, d] of destinations.entries()) {
    const svc = d.host.service;
    if (!svc) return null;
    const versions = d.subset ? (d.backends?.versions ?? []) : null;
    if (versions !== null && versions.length === 0) return null;
    out.push({ key: `d${i}`, label: label(d), service: `${svc.namespace}/${svc.name}`, versions });
  }
  // Two destinations counted from the same traffic cannot be told apart.
  const signatures = out.map((s) => `${s.service}|${s.versions?.slice().sort().join(",") ?? "*"}`);
  return new Set(signatures).size === signatures.length ? out : null;
}

function rateAt(metrics: ServiceMetrics | undefined, versions: string[] | null): Map<number, number> {
  const out = new Map<number, number>();
  if (!metrics || metrics.requests.status !== "ok") return out;
  for (const v of metrics.requests.data.versions) {
    if (versions && !versions.includes(v.version)) continue;
    for (const [t, value] of v.requestRate) {
      const n = finiteOrNull(value);
      if (n !== null) out.set(t, (out.get(t) ?? 0) + n);
    }
  }
  return out;
}

function currentRate(metrics: ServiceMetrics | undefined, versions: string[] | null): number | null {
  if (!metrics || metrics.requests.status !== "ok") return null;
  let total = 0;
  for (const v of metrics.requests.data.versions) {
    if (versions && !versions.includes(v.version)) continue;
    total += finiteOrNull(v.current.requestRate as SampleValue) ?? 0;
  }
  return total;
}

/**
 * Observed share (percent) of each destination over time, and now: each
 * destination's request rate over the sum of them. Timestamps without traffic
 * are gaps.
 */
export function observedSplit(sources: readonly SplitSource[], metrics: Readonly<Record<string, ServiceMetrics | undefined>>): { rows: ChartRow[]; current: Record<string, number> | null } {
  const rates = sources.map((s) => rateAt(metrics[s.service], s.versions));
  const times = [...new Set(rates.flatMap((r) => [...r.keys()]))].sort((a, b) => a - b);
  const rows = times.map((t) => {
    const values = rates.map((r) => r.get(t) ?? 0);
    const total = values.reduce((a, b) => a + b, 0);
    const row = { t } as ChartRow;
    sources.forEach((s, i) => (row[s.key] = total > 0 ? ((values[i] ?? 0) / total) * 100 : null));
    return row;
  });
  const now = sources.map((s) => currentRate(metrics[s.service], s.versions));
  const total = now.reduce<number>((a, b) => a + (b ?? 0), 0);
  const current = now.every((n) => n !== null) && total > 0 ? Object.fromEntries(sources.map((s, i) => [s.key, ((now[i] ?? 0) / total) * 100])) : null;
  return { rows, current };
}
