import { applyObjects, readManifests } from "../../lab/core/manifests.js";
import { scenarioPath } from "../../lab/core/scenarios.js";
import { eventually, kubeAs } from "./test-lab.js";

const RO = ["argoproj.io/v1alpha1", "Rollout"] as const;

/** Applies a walkthrough file into `namespace` (injection on) and waits until its Rollout `name` is Healthy with a stable ReplicaSet. */
export async function applyHealthyRollout(namespace: string, scenarioFile: string, name: string): Promise<void> {
  const admin = kubeAs("admin");
  await applyObjects(admin, readManifests(scenarioPath(scenarioFile)), { namespace, forceNamespace: true, namespaceLabels: { "istio-injection": "enabled" } });
  await eventually(`${name} Healthy`, async () => {
    const r = await admin.get<{ status?: { phase?: string; stableRS?: string } }>(RO[0], RO[1], namespace, name);
    return r.status?.phase === "Healthy" && !!r.status.stableRS;
  }, 120_000);
}

/** After a Rollouts test file: stop the in-process caches and live runtime, forget the auth mode, delete the namespaces. */
export async function endRolloutsTest(namespaces: readonly string[]): Promise<void> {
  const { resetLiveRuntime } = await import("@/lib/live/runtime");
  const { stopClusterCaches } = await import("@/lib/k8s/cache/cluster-cache");
  resetLiveRuntime();
  await stopClusterCaches();
  delete process.env.MESHDECK_AUTH_MODE;
  const admin = kubeAs("admin");
  for (const ns of namespaces) await admin.delete("v1", "Namespace", undefined, ns).catch(() => undefined);
}
