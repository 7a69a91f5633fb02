/**
 * Process-wide counters of the requests Meshdeck sends to Prometheus, so tests
 * and benches can prove that the number of queries does not grow with the
 * number of browsers (coalesced and cached calls send nothing).
 */
export type PrometheusRequestKind = "instant" | "range" | "config";

export interface PrometheusStats {
  /** HTTP requests actually sent to Prometheus. */
  requests: number;
  byKind: Record<PrometheusRequestKind, number>;
  /** Calls that joined an identical request already in flight. */
  coalesced: number;
  /** Calls answered from the short-TTL cache. */
  cacheHits: number;
  /** Sent requests that failed (unreachable, timeout, 5xx, rejected query). */
  failures: number;
  /** Latency of sent requests, milliseconds. */
  totalMs: number;
  maxMs: number;
  lastMs: number;
  /** Latencies of the last (up to) 1,000 sent requests, oldest first. */
  recentMs: number[];
}

const RECENT = 1000;

function fresh(): PrometheusStats {
  return { requests: 0, byKind: { instant: 0, range: 0, config: 0 }, coalesced: 0, cacheHits: 0, failures: 0, totalMs: 0, maxMs: 0, lastMs: 0, recentMs: [] };
}

const holder = globalThis as typeof globalThis & { __meshdeckPrometheusStats?: PrometheusStats };

function current(): PrometheusStats {
  holder.__meshdeckPrometheusStats ??= fresh();
  return holder.__meshdeckPrometheusStats;
}

export function recordSent(kind: PrometheusRequestKind, ms: number, ok: boolean): void {
  const s = current();
  s.requests++;
  s.byKind[kind]++;
  if (!ok) s.failures++;
  s.totalMs += ms;
  s.maxMs = Math.max(s.maxMs, ms);
  s.lastMs = ms;
  s.recentMs.push(ms);
  if (s.recentMs.length > RECENT) s.recentMs.splice(0, s.recentMs.length - RECENT);
}

export function recordShared(outcome: "coalesced" | "cached"): void {
  const s = current();
  if (outcome === "coalesced") s.coalesced++;
  else s.cacheHits++;
}

/** A snapshot (a copy) of the counters. */
export function prometheusStats(): PrometheusStats {
  const s = current();
  return { ...s, byKind: { ...s.byKind }, recentMs: [...s.recentMs] };
}

export function resetPrometheusStats(): void {
  holder.__meshdeckPrometheusStats = fresh();
}
