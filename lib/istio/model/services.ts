import type { ServiceWire } from "@/lib/istio/wire";
import { servicePods, summarizeBackends } from "./backends";
import { hostCovers, isWildcardHost, istioFqdn, serviceFqdn } from "@/lib/istio/semantics/host";
import { nsOf, type MeshIndex } from "./mesh-index";
import type { ServiceModel } from "./schema";

function mostCommon(values: readonly string[]): string | null {
  const counts = new Map<string, number>();
  for (const v of values) counts.set(v, (counts.get(v) ?? 0) + 1);
  let best: string | null = null;
  let bestCount = 0;
  for (const [v, n] of counts) if (n > bestCount) [best, bestCount] = [v, n];
  return best;
}

export function serviceModel(index: MeshIndex, svc: ServiceWire): ServiceModel {
  const namespace = nsOf(svc);
  const name = svc.metadata.name;
  const fqdn = serviceFqdn(name, namespace, index.options.clusterDomain);
  const pods = servicePods(index, svc);
  const backends = summarizeBackends(pods);
  // Every DestinationRule whose host (resolved in its own namespace) covers this Service, wherever it lives.
  const destinationRules = index.snapshot.destinationRules.flatMap((dr) => {
    const host = istioFqdn(dr.spec.host, nsOf(dr), index.options.clusterDomain);
    if (!hostCovers(host, fqdn)) return [];
    return [{ namespace: nsOf(dr), name: dr.metadata.name, hostMatch: isWildcardHost(host) ? ("wildcard" as const) : ("exact" as const), subsets: (dr.spec.subsets ?? []).map((s) => s.name), hasWorkloadSelector: dr.spec.workloadSelector !== undefined }];
  });
  const rollout = index.rollouts.find((r) => r.namespace === namespace && (r.canaryService === name || r.stableService === name));
  return {
    namespace,
    name,
    fqdn,
    type: svc.spec.type ?? "ClusterIP",
    selector: svc.spec.selector ?? null,
    ports: (svc.spec.ports ?? []).map((p) => ({ name: p.name ?? null, port: p.port, targetPort: p.targetPort ?? null, protocol: p.protocol ?? "TCP", appProtocol: p.appProtocol ?? null })),
    backends,
    versionLabel: mostCommon(pods.flatMap((p) => (p.versionLabel ? [p.versionLabel] : []))),
    destinationRules,
    multipleVersionsWithoutSubsets: backends.versions.length > 1 && !destinationRules.some((d) => !d.hasWorkloadSelector && d.subsets.length > 0),
    rollout: rollout ? { name: rollout.name, role: rollout.canaryService === name ? "canary" : "stable" } : null,
  };
}
