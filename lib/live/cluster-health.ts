import type { ClusterSummary } from "./cluster-summary";

/** What the cluster banner says: the watch cache behind every page is healthy, or which kinds it cannot watch right now. */
export type ClusterHealth =
  | { state: "unknown" }
  | { state: "ok" }
  | { state: "degraded"; failing: string[]; total: number; unreachable: boolean };

/**
 * From the latest `cluster` summary: `degraded` while any kind's watch is
 * failing (status "error"; "missing" and "forbidden" are steady states that
 * each panel explains itself), `unreachable` when every watched kind fails at
 * once (the API server is down or cannot be reached).
 */
export function clusterHealth(summary: ClusterSummary | null): ClusterHealth {
  if (!summary) return { state: "unknown" };
  const kinds = Object.entries(summary.kinds);
  const watched = kinds.filter(([, k]) => k.status === "synced" || k.status === "syncing" || k.status === "error");
  const failing = watched.filter(([, k]) => k.status === "error").map(([name]) => name).sort();
  if (failing.length === 0) return { state: "ok" };
  return { state: "degraded", failing, total: watched.length, unreachable: failing.length === watched.length };
}
