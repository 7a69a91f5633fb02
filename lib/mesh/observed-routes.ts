import type { MeshModel, WeightedDestination } from "@/lib/istio/model/schema";
import { compareTrafficSplit } from "@/lib/istio/model/drift";
import type { ObservedRoute } from "@/lib/api/traffic";

/** One row of `sum by (destination_service_namespace, destination_service_name, destination_workload) (rate(istio_requests_total{reporter="destination"}[w]))`. */
export interface DestinationRate {
  namespace: string;
  service: string;
  workload: string;
  rps: number;
}

export interface ObserveOptions {
  windowSeconds: number;
  scrapeIntervalSeconds: number;
}

/** The PromQL the observation is made from: one query for every route of the mesh. */
export function destinationRatesQuery(window: string): string {
  return `sum by (destination_service_namespace, destination_service_name, destination_workload) (rate(istio_requests_total{reporter="destination"}[${window}]))`;
}

/** Which (service, workloads) a destination's traffic is counted under; null when it cannot be told apart in Istio's metrics. */
function selector(d: WeightedDestination): { key: string; namespace: string; service: string; workloads: Set<string> | null } | null {
  const svc = d.host.service;
  if (!svc) return null;
  const workloads = d.subset ? new Set((d.backends?.workloads ?? []).map((w) => w.name)) : null;
  return { key: `${d.host.raw}${d.subset ? `/${d.subset.name}` : ""}`, namespace: svc.namespace, service: svc.name, workloads };
}

function signature(s: NonNullable<ReturnType<typeof selector>>): string {
  return `${s.namespace}/${s.service}|${s.workloads ? [...s.workloads].sort().join(",") : "*"}`;
}

/**
 * Observed vs configured split of every weighted route (two or more
 * destinations) of every VirtualService, from per-destination request rates.
 * Pure. A route whose destinations cannot be told apart in Istio's standard
 * metrics (two subsets of one workload, as an Argo subset-level canary has
 * without version labels) is left out rather than guessed.
 */
export function observeRoutes(model: MeshModel, rates: readonly DestinationRate[], opts: ObserveOptions): ObservedRoute[] {
  const out: ObservedRoute[] = [];
  for (const vs of model.virtualServices) {
    for (const rule of vs.http) {
      if (rule.destinations.length < 2) continue;
      const selectors = rule.destinations.map(selector);
      if (selectors.some((s) => s === null)) continue;
      const sels = selectors as NonNullable<ReturnType<typeof selector>>[];
      if (new Set(sels.map(signature)).size !== sels.length) continue;
      const observed = sels.map((s) => ({
        key: s.key,
        ratePerSecond: rates
          .filter((r) => r.namespace === s.namespace && r.service === s.service && (!s.workloads || s.workloads.has(r.workload)))
          .reduce((a, r) => a + r.rps, 0),
      }));
      const configured = rule.destinations.map((d, i) => ({ key: sels[i]?.key ?? String(i), share: d.share }));
      out.push({
        object: { kind: "VirtualService", namespace: vs.namespace, name: vs.name },
        route: `http:${rule.index}`,
        basis:
          "Requests received by each destination (reporter=destination), from all sources: traffic that reaches the same destinations through other rules or other VirtualServices counts too.",
        drift: compareTrafficSplit({ configured, observed, windowSeconds: opts.windowSeconds, scrapeIntervalSeconds: opts.scrapeIntervalSeconds }),
      });
    }
  }
  return out;
}
