import type { DestinationWire } from "@/lib/istio/wire";
import { hostPods, summarizeBackends } from "./backends";
import type { MeshIndex } from "./mesh-index";
import { nsOf } from "./mesh-index";
import { destinationRulesFor, resolveHost } from "./registry";
import type { DestinationTarget, Host, RolloutDestination, SubsetRef } from "./schema";

function hostNamespace(host: Host): string | null {
  return host.service?.namespace ?? host.serviceEntry?.namespace ?? null;
}

/** The subset a destination names, looked up in the DestinationRules its client applies. */
export function resolveSubset(index: MeshIndex, host: Host, subset: string, clientNamespace: string): SubsetRef {
  const applied = host.kind === "wildcard" ? null : destinationRulesFor(index, host.fqdn, clientNamespace, hostNamespace(host));
  if (!applied) return { name: subset, status: "noDestinationRule", destinationRule: null, labels: null };
  for (const dr of applied.rules) {
    const found = dr.spec.subsets?.find((s) => s.name === subset);
    if (found) return { name: subset, status: "found", destinationRule: { namespace: nsOf(dr), name: dr.metadata.name }, labels: found.labels ?? {} };
  }
  const first = applied.rules[0];
  return { name: subset, status: "notFound", destinationRule: first ? { namespace: nsOf(first), name: first.metadata.name } : null, labels: null };
}

/** A destination driven by a Rollout: its canary/stable Service, or its canary/stable DestinationRule subset. */
export function rolloutForDestination(index: MeshIndex, host: Host, subset: SubsetRef | null): RolloutDestination | null {
  for (const r of index.rollouts) {
    const dr = r.destinationRule;
    if (subset?.destinationRule && dr && subset.destinationRule.namespace === dr.namespace && subset.destinationRule.name === dr.name) {
      if (subset.name === dr.canarySubsetName) return { name: r.name, role: "canary" };
      if (subset.name === dr.stableSubsetName) return { name: r.name, role: "stable" };
    }
    if (host.service && host.service.namespace === r.namespace) {
      if (host.service.name === r.canaryService) return { name: r.name, role: "canary" };
      if (host.service.name === r.stableService) return { name: r.name, role: "stable" };
    }
  }
  return null;
}

/** Resolves an Istio Destination written in an object of `namespace`. */
export function resolveTarget(index: MeshIndex, d: DestinationWire, namespace: string): DestinationTarget {
  const host = resolveHost(index, d.host, namespace);
  const subset = d.subset !== undefined && d.subset !== "" ? resolveSubset(index, host, d.subset, namespace) : null;
  const pods = hostPods(index, host, subset?.status === "found" ? subset.labels : null);
  // A subset that does not resolve has no endpoints: Envoy answers 503.
  const backends = pods === null ? null : summarizeBackends(subset && subset.status !== "found" ? [] : pods);
  return { host, subset, port: d.port?.number ?? null, backends, rollout: rolloutForDestination(index, host, subset) };
}
