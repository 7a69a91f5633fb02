import type { KubeObject } from "../../lab/core/kube-client.js";
import { kubeAs } from "./test-lab.js";

export const ROLLOUT_API = "argoproj.io/v1alpha1";

/** Rollout "web" (pods app=web, image web:1) with the given canary strategy and steps setWeight 20, pause. */
export function canaryRollout(namespace: string, canary: Record<string, unknown>): KubeObject {
  return {
    apiVersion: ROLLOUT_API,
    kind: "Rollout",
    metadata: { name: "web", namespace },
    spec: {
      replicas: 1,
      selector: { matchLabels: { app: "web" } },
      template: { metadata: { labels: { app: "web" } }, spec: { containers: [{ name: "web", image: "web:1" }] } },
      strategy: { canary: { ...canary, steps: [{ setWeight: 20 }, { pause: {} }] } },
    },
  };
}

/** Starts an update of Rollout "web": its container's image becomes `image`. */
export async function setWebImage(namespace: string, image: string): Promise<void> {
  const patch = { spec: { template: { spec: { containers: [{ name: "web", image }] } } } };
  await kubeAs("admin").raw("PATCH", `/apis/${ROLLOUT_API}/namespaces/${namespace}/rollouts/web`, patch, "application/merge-patch+json");
}

/** ServiceAccount `name` bound to the built-in `view` ClusterRole in `namespace`. */
export function viewServiceAccount(namespace: string, name: string): KubeObject[] {
  return [
    { apiVersion: "v1", kind: "ServiceAccount", metadata: { name, namespace } },
    {
      apiVersion: "rbac.authorization.k8s.io/v1",
      kind: "RoleBinding",
      metadata: { name: `${name}-view`, namespace },
      roleRef: { apiGroup: "rbac.authorization.k8s.io", kind: "ClusterRole", name: "view" },
      subjects: [{ kind: "ServiceAccount", name, namespace }],
    },
  ];
}
