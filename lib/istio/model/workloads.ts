import { keyOf, nsOf, type MeshIndex, type PodEntry } from "./mesh-index";
import type { RolloutRole, WorkloadModel } from "./schema";

/**
 * Workloads as Istio names them, from the pods (see workload-ref.ts), plus
 * Deployments and Rollouts that currently have no pods (scaled to zero).
 */
export function workloadModels(index: MeshIndex): WorkloadModel[] {
  const groups = new Map<string, { namespace: string; kind: string; name: string; pods: PodEntry[] }>();
  const add = (namespace: string, kind: string, name: string, pod?: PodEntry) => {
    const key = `${keyOf(namespace, name)}/${kind}`;
    const g = groups.get(key) ?? { namespace, kind, name, pods: [] };
    if (pod) g.pods.push(pod);
    groups.set(key, g);
  };
  for (const p of index.pods) add(p.summary.namespace, p.summary.workload.kind, p.summary.workload.name, p);
  for (const d of index.snapshot.deployments) add(nsOf(d), "Deployment", d.metadata.name);
  for (const r of index.rollouts) add(r.namespace, "Rollout", r.name);
  return [...groups.values()]
    .map((g) => {
      const revisions = new Map<string, { podTemplateHash: string; role: RolloutRole; total: number; ready: number }>();
      for (const p of g.pods) {
        const r = p.summary.rollout;
        if (!r) continue;
        const rev = revisions.get(r.podTemplateHash) ?? { podTemplateHash: r.podTemplateHash, role: r.role, total: 0, ready: 0 };
        rev.total += 1;
        if (p.summary.ready) rev.ready += 1;
        revisions.set(r.podTemplateHash, rev);
      }
      return {
        namespace: g.namespace,
        kind: g.kind,
        name: g.name,
        versions: [...new Set(g.pods.flatMap((p) => (p.summary.version ? [p.summary.version] : [])))].sort(),
        total: g.pods.length,
        ready: g.pods.filter((p) => p.summary.ready).length,
        withSidecar: g.pods.filter((p) => p.summary.sidecar).length,
        revisions: [...revisions.values()],
      };
    })
    .sort((a, b) => a.namespace.localeCompare(b.namespace) || a.kind.localeCompare(b.kind) || a.name.localeCompare(b.name));
}
