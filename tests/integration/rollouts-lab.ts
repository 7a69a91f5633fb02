import type { KubeObject } from "../../lab/core/kube-client.js";
import { rolloutActionResultSchema, rolloutDetailSchema, type RolloutActionResult, type RolloutDetail } from "@/lib/api/rollouts";
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

const CSRF = { host: "localhost", "x-meshdeck-csrf": "1", "content-type": "application/json" };

/** POST /api/rollouts/{ns}/{name}/{action} through the route handler; throws unless 200. */
export async function rolloutAction(namespace: string, name: string, action: string, body: unknown = {}): Promise<RolloutActionResult> {
  const route = await import("@/app/api/rollouts/[namespace]/[name]/[action]/route");
  const res = await route.POST(new Request(`http://meshdeck.test/api/rollouts/${namespace}/${name}/${action}`, { method: "POST", headers: CSRF, body: JSON.stringify(body) }), {
    params: Promise.resolve({ namespace, name, action }),
  });
  if (res.status !== 200) throw new Error(`POST ${action}: ${res.status} ${await res.text()}`);
  return rolloutActionResultSchema.parse(await res.json());
}

/** PUT /api/rollouts/{ns}/{name}/image through the route handler; throws unless 200. */
export async function setRolloutImage(namespace: string, name: string, container: string, image: string): Promise<RolloutActionResult> {
  const route = await import("@/app/api/rollouts/[namespace]/[name]/image/route");
  const res = await route.PUT(new Request(`http://meshdeck.test/api/rollouts/${namespace}/${name}/image`, { method: "PUT", headers: CSRF, body: JSON.stringify({ container, image }) }), {
    params: Promise.resolve({ namespace, name }),
  });
  if (res.status !== 200) throw new Error(`PUT image: ${res.status} ${await res.text()}`);
  return rolloutActionResultSchema.parse(await res.json());
}
