import type { ServiceEntryWire, ServiceWire } from "@/lib/istio/wire";
import { matchesLabels } from "@/lib/istio/semantics/labels";
import { nsOf, type MeshIndex, type PodEntry } from "./mesh-index";
import type { BackendSummary, Host } from "./schema";

function sortedUnique(values: Iterable<string>): string[] {
  return [...new Set(values)].sort();
}

export function summarizeBackends(entries: readonly PodEntry[]): BackendSummary {
  const pods = entries.map((e) => e.summary).sort((a, b) => a.namespace.localeCompare(b.namespace) || a.name.localeCompare(b.name));
  const byWorkload = new Map<string, typeof pods>();
  for (const p of pods) {
    const key = `${p.workload.kind}/${p.workload.name}`;
    byWorkload.set(key, [...(byWorkload.get(key) ?? []), p]);
  }
  return {
    pods,
    total: pods.length,
    ready: pods.filter((p) => p.ready).length,
    withSidecar: pods.filter((p) => p.sidecar).length,
    versions: sortedUnique(pods.flatMap((p) => (p.version ? [p.version] : []))),
    workloads: [...byWorkload.values()].map((ps) => {
      const first = ps[0];
      const revisions = new Map<string, { podTemplateHash: string; role: "stable" | "canary" | "previous" }>();
      for (const p of ps) if (p.rollout) revisions.set(p.rollout.podTemplateHash, { podTemplateHash: p.rollout.podTemplateHash, role: p.rollout.role });
      return {
        kind: first?.workload.kind ?? "Pod",
        name: first?.workload.name ?? "",
        versions: sortedUnique(ps.flatMap((p) => (p.version ? [p.version] : []))),
        total: ps.length,
        ready: ps.filter((p) => p.ready).length,
        rollout: [...revisions.values()],
      };
    }),
  };
}

/**
 * Pods a Service selects (its namespace, its selector). A Service without
 * selector, or with an empty one, gets no endpoints from Kubernetes.
 */
export function servicePods(index: MeshIndex, svc: ServiceWire): PodEntry[] {
  const selector = svc.spec.selector;
  if (!selector || Object.keys(selector).length === 0) return [];
  return (index.podsByNamespace.get(nsOf(svc)) ?? []).filter((p) => matchesLabels(selector, p.labels));
}

/** Pods a ServiceEntry selects with workloadSelector; null when its endpoints are not pods. */
export function serviceEntryPods(index: MeshIndex, se: ServiceEntryWire): PodEntry[] | null {
  const labels = se.spec.workloadSelector?.labels;
  if (!labels) return null;
  return (index.podsByNamespace.get(nsOf(se)) ?? []).filter((p) => matchesLabels(labels, p.labels));
}

/** The pods behind a resolved host, narrowed by subset labels; null when Meshdeck cannot see them. */
export function hostPods(index: MeshIndex, host: Host, subsetLabels: Readonly<Record<string, string>> | null): PodEntry[] | null {
  let pods: PodEntry[] | null = null;
  if (host.kind === "service" && host.service) {
    const svc = index.servicesByFqdn.get(host.fqdn);
    pods = svc ? servicePods(index, svc) : [];
  } else if (host.kind === "serviceEntry" && host.serviceEntry) {
    const ref = host.serviceEntry;
    const se = index.snapshot.serviceEntries.find((s) => nsOf(s) === ref.namespace && s.metadata.name === ref.name);
    pods = se ? serviceEntryPods(index, se) : null;
  }
  if (pods === null) return null;
  return subsetLabels ? pods.filter((p) => matchesLabels(subsetLabels, p.labels)) : pods;
}
