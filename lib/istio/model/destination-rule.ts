import type { DestinationRuleWire } from "@/lib/istio/wire";
import { hostPods, summarizeBackends } from "./backends";
import { keyOf, nsOf, type MeshIndex } from "./mesh-index";
import { argoClaims } from "./argo-ownership";
import { detectOwner } from "./owner";
import { resolveHost } from "./registry";
import type { DestinationRuleModel, RolloutDestination } from "./schema";

export function destinationRuleModel(index: MeshIndex, dr: DestinationRuleWire): DestinationRuleModel {
  const namespace = nsOf(dr);
  const host = resolveHost(index, dr.spec.host, namespace);
  const referencing = index.rollouts.filter((r) => r.destinationRule && keyOf(r.destinationRule.namespace, r.destinationRule.name) === keyOf(namespace, dr.metadata.name));
  const subsetRollout = (subset: string): RolloutDestination | null => {
    for (const r of referencing) {
      if (r.destinationRule?.canarySubsetName === subset) return { name: r.name, role: "canary" };
      if (r.destinationRule?.stableSubsetName === subset) return { name: r.name, role: "stable" };
    }
    return null;
  };
  return {
    namespace,
    name: dr.metadata.name,
    uid: dr.metadata.uid ?? null,
    resourceVersion: dr.metadata.resourceVersion ?? null,
    apiVersion: dr.apiVersion,
    creationTimestamp: dr.metadata.creationTimestamp ?? null,
    host,
    owner: detectOwner(dr.metadata, argoClaims({ kind: "DestinationRule", namespace, name: dr.metadata.name, metadata: dr.metadata }, index.rollouts)),
    exportTo: dr.spec.exportTo ?? null,
    hasWorkloadSelector: dr.spec.workloadSelector !== undefined,
    tlsMode: dr.spec.trafficPolicy?.tls?.mode ?? null,
    trafficPolicy: dr.spec.trafficPolicy ?? null,
    subsets: (dr.spec.subsets ?? []).map((s) => {
      const labels = s.labels ?? {};
      const pods = hostPods(index, host, labels);
      return { name: s.name, labels, backends: pods === null ? null : summarizeBackends(pods), rollout: subsetRollout(s.name), trafficPolicy: s.trafficPolicy ?? null };
    }),
  };
}
