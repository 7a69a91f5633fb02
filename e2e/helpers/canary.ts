import path from "node:path";
import type { LabKube } from "../../lab/core/kube-client";
import { demoDir } from "../../lab/core/demo-world";
import { applyObjects, readManifests } from "../../lab/core/manifests";
import { eventually } from "../../tests/integration/test-lab";

export const RO = ["argoproj.io/v1alpha1", "Rollout"] as const;
export const CANARY = "payments";

interface Ro {
  status?: { phase?: string };
}

async function phaseIs(admin: LabKube, ns: string, phase: string): Promise<boolean> {
  return (await admin.get<Ro>(RO[0], RO[1], ns, CANARY)).status?.phase === phase;
}

/**
 * A copy of the demo world's canary (Rollout "payments" with host-level Istio
 * routing, lab/demo/world/canary.yaml) in namespace `ns`, given a new image
 * and run by the Argo Rollouts controller to its first pause (setWeight 5).
 */
export async function pausedCanaryCopy(admin: LabKube, ns: string): Promise<void> {
  const objects = readManifests(path.join(demoDir, "world", "canary.yaml"));
  await applyObjects(admin, objects, { namespace: ns, forceNamespace: true, namespaceLabels: { "istio-injection": "enabled" } });
  await eventually("Healthy", () => phaseIs(admin, ns, "Healthy"), 120_000);
  await admin.patch(RO[0], RO[1], ns, CANARY, [{ op: "replace", path: "/spec/template/spec/containers/0/image", value: "ghcr.io/meshdeck-demo/payments:1.1" }], "json");
  await eventually("Paused", () => phaseIs(admin, ns, "Paused"), 120_000);
}
