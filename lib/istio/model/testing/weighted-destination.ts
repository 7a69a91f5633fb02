import type { WeightedDestination } from "../schema";

/** Test support: a weighted destination to Service `raw` in namespace "ns" with the given share (0–1), optionally a found subset. */
export function weightedDestination(raw: string, share: number, subset: string | null = null): WeightedDestination {
  return {
    host: { raw, fqdn: `${raw}.ns.svc.cluster.local`, port: null, kind: "service", service: { namespace: "ns", name: raw }, serviceEntry: null, aliasOf: null },
    subset: subset ? { name: subset, status: "found", destinationRule: null, labels: null } : null,
    port: null,
    backends: null,
    rollout: null,
    index: 0,
    weight: share * 100,
    effectiveWeight: share * 100,
    share,
  };
}
