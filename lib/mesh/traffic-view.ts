import type { MeshModel } from "@/lib/istio/model/schema";
import type { Validation } from "@/lib/istio/validate/schema";
import type { DegradedKind, ObservedTraffic, TrafficView } from "@/lib/api/traffic";

/** The part of a computed model about one namespace (or all): pure, no I/O. */
export function selectTrafficView(
  input: { revision: number; at: number; model: MeshModel; validations: Validation[]; degraded: DegradedKind[] },
  observed: ObservedTraffic,
  namespace?: string,
): TrafficView {
  const m = input.model;
  const inNs = <T extends { namespace: string }>(items: T[]): T[] => (namespace ? items.filter((i) => i.namespace === namespace) : items);
  return {
    revision: input.revision,
    generatedAt: new Date(input.at).toISOString(),
    namespaces: namespace ? m.namespaces.filter((n) => n.name === namespace) : m.namespaces,
    services: inNs(m.services),
    workloads: inNs(m.workloads),
    rollouts: inNs(m.rollouts),
    virtualServices: inNs(m.virtualServices),
    destinationRules: inNs(m.destinationRules),
    gateways: inNs(m.gateways),
    httpRoutes: inNs(m.httpRoutes),
    validations: namespace ? input.validations.filter((v) => v.object.namespace === namespace) : input.validations,
    observed:
      observed.status === "ok" && namespace ? { ...observed, routes: observed.routes.filter((r) => r.object.namespace === namespace) } : observed,
    degraded: input.degraded,
  };
}
