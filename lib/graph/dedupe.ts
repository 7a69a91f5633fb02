/**
 * Kiali's reporter de-duplication: every request is counted once.
 *
 * For a (source workload, destination service, destination workload) pair the
 * destination reporter wins when it reported anything; source-reported rows
 * are kept for requests that never reached a sidecar (destination workload
 * "unknown": NR, UH, NC, FI, UT, destinations without a proxy) and, as a
 * fallback, for pairs the destination reporter is silent about.
 */
import { UNKNOWN, type DestinationIdentity, type Reporter, type SourceIdentity } from "./rows";

interface Reported {
  readonly reporter: Reporter;
  readonly source: SourceIdentity;
  readonly dest: DestinationIdentity;
}

function pairKey(r: Reported): string {
  const { source: s, dest: d } = r;
  return `${s.namespace}\u0000${s.workload}\u0000${d.serviceNamespace}\u0000${d.serviceName}\u0000${d.workloadNamespace}\u0000${d.workload}`;
}

export function dedupeReporters<T extends Reported>(rows: readonly T[]): T[] {
  const destinationPairs = new Set<string>();
  for (const r of rows) if (r.reporter === "destination") destinationPairs.add(pairKey(r));
  return rows.filter((r) => r.reporter === "destination" || r.dest.workload === UNKNOWN || !destinationPairs.has(pairKey(r)));
}
