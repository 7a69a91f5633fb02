import type { LabKube } from "./kube-client.js";
import { waitFor } from "./http.js";

interface Workload {
  metadata: { name: string; namespace: string; generation?: number };
  spec: { replicas?: number };
  status?: { readyReplicas?: number; availableReplicas?: number; observedGeneration?: number | string; updatedReplicas?: number };
}

export interface NotReady {
  kind: string;
  name: string;
  want: number;
  ready: number;
}

/** Deployments and Rollouts (in the given namespaces, or all) that have fewer ready replicas than desired. */
export async function notReadyWorkloads(kube: LabKube, namespaces?: string[]): Promise<NotReady[]> {
  const out: NotReady[] = [];
  const kinds: [string, string][] = [
    ["apps/v1", "Deployment"],
    ["argoproj.io/v1alpha1", "Rollout"],
  ];
  for (const [apiVersion, kind] of kinds) {
    const lists = namespaces ? await Promise.all(namespaces.map((ns) => kube.list<Workload>(apiVersion, kind, ns))) : [await kube.list<Workload>(apiVersion, kind)];
    for (const w of lists.flatMap((l) => l.items)) {
      const want = w.spec.replicas ?? 1;
      const ready = w.status?.readyReplicas ?? 0;
      if (ready < want) out.push({ kind, name: `${w.metadata.namespace}/${w.metadata.name}`, want, ready });
    }
  }
  return out;
}

export async function waitWorkloadsReady(kube: LabKube, namespaces?: string[], timeoutMs = 120_000): Promise<void> {
  let last: NotReady[] = [];
  try {
    await waitFor(
      "workloads ready",
      async () => {
        last = await notReadyWorkloads(kube, namespaces);
        return last.length === 0;
      },
      timeoutMs,
      500,
    );
  } catch {
    throw new Error(`workloads not ready after ${timeoutMs / 1000} s: ${last.map((w) => `${w.kind} ${w.name} ${w.ready}/${w.want}`).join(", ")}`);
  }
}
