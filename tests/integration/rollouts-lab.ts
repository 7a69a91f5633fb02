import type { KubeObject } from "../../lab/core/kube-client.js";
import { rolloutDetailSchema, type RolloutDetail } from "@/lib/api/rollouts";
import { applyObjects } from "../../lab/core/manifests.js";
import { eventually, kubeAs } from "./test-lab.js";

const RO = ["argoproj.io/v1alpha1", "Rollout"] as const;

/** Applies manifests (e.g. a demo-world file) into `namespace` (injection on) and waits until its Rollout `name` is Healthy with a stable ReplicaSet. */
export async function applyHealthyRollout(namespace: string, manifest: KubeObject[], name: string): Promise<void> {
  const admin = kubeAs("admin");
  await applyObjects(admin, manifest, { namespace, forceNamespace: true, namespaceLabels: { "istio-injection": "enabled" } });
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

/** GET /api/rollouts/{ns}/{name} through the route handler in this process (set MESHDECK_KUBECONFIG first). */
export async function rolloutDetailOf(namespace: string, name: string): Promise<RolloutDetail> {
  const detail = await import("@/app/api/rollouts/[namespace]/[name]/route");
  const res = await detail.GET(new Request(`http://meshdeck.test/api/rollouts/${namespace}/${name}`, { headers: { host: "localhost" } }), { params: Promise.resolve({ namespace, name }) });
  if (res.status !== 200) throw new Error(`GET /api/rollouts/${namespace}/${name}: ${res.status} ${await res.text()}`);
  return rolloutDetailSchema.parse(await res.json());
}
