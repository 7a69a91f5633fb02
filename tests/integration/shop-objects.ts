import type { KubeObject } from "../../lab/core/kube-client.js";

/** Deployment `shop-<version>` (pods app=shop, version=<version>; per-version behaviour from `annotations`, see lab/traffic). */
export function shopDeployment(namespace: string, version: string, options: { annotations?: Record<string, string>; replicas?: number } = {}): KubeObject {
  const labels = { app: "shop", version };
  return {
    apiVersion: "apps/v1",
    kind: "Deployment",
    metadata: { name: `shop-${version}`, namespace },
    spec: {
      replicas: options.replicas ?? 1,
      selector: { matchLabels: labels },
      template: { metadata: { labels, ...(options.annotations ? { annotations: options.annotations } : {}) }, spec: { containers: [{ name: "shop", image: "nginx" }] } },
    },
  };
}

/** Service `name` on port 80 (`http`) selecting `selector`. */
export function httpService(namespace: string, name: string, selector: Record<string, string>): KubeObject {
  return { apiVersion: "v1", kind: "Service", metadata: { name, namespace }, spec: { selector, ports: [{ name: "http", port: 80 }] } };
}
