/**
 * Workloads and services known to exist (from the caller's Kubernetes view),
 * turned into graph endpoints so they can be shown as idle nodes.
 */
import { destinationWorkload, serviceEndpoint, type Endpoint, type EndpointRules } from "./endpoints";

export type InventoryItem =
  | {
      readonly kind: "workload";
      readonly namespace: string;
      readonly name: string;
      /** Canonical service (app) and revision (version), when the workload has them. */
      readonly app?: string;
      readonly version?: string;
    }
  | { readonly kind: "service"; readonly namespace: string; readonly name: string };

export function inventoryEndpoints(rules: EndpointRules, items: readonly InventoryItem[], withServices: boolean): Endpoint[] {
  const out: Endpoint[] = [];
  for (const item of items) {
    if (item.kind === "service") {
      if (withServices) out.push(serviceEndpoint(rules, item.namespace, item.name));
      continue;
    }
    if (rules.type === "service") continue; // workloads are drawn as the services they serve
    const ep = destinationWorkload(rules, {
      serviceNamespace: "unknown",
      serviceName: "unknown",
      workloadNamespace: item.namespace,
      workload: item.name,
      app: item.app ?? "unknown",
      version: item.version ?? "unknown",
    });
    if (ep) out.push(ep);
  }
  return out;
}
