import type { GatewayApiGatewayWire, GatewayWire } from "@/lib/istio/wire";
import { matchesLabels } from "@/lib/istio/semantics/labels";
import { nsOf, type MeshIndex } from "./mesh-index";
import type { GatewayApiGatewayModel, GatewayModel } from "./schema";

/**
 * An Istio Gateway and the proxies it configures. Istio matches the selector
 * against pods of every namespace (unless PILOT_SCOPE_GATEWAY_TO_NAMESPACE is
 * set, which is not modelled).
 */
export function gatewayModel(index: MeshIndex, gw: GatewayWire): GatewayModel {
  const selector = gw.spec.selector ?? {};
  const pods = Object.keys(selector).length === 0 ? [] : index.pods.filter((p) => matchesLabels(selector, p.labels));
  const workloads = new Map(pods.map((p) => [`${p.summary.namespace}/${p.summary.workload.kind}/${p.summary.workload.name}`, { namespace: p.summary.namespace, ...p.summary.workload }]));
  return {
    namespace: nsOf(gw),
    name: gw.metadata.name,
    resourceVersion: gw.metadata.resourceVersion ?? null,
    selector,
    servers: (gw.spec.servers ?? []).map((s) => ({ port: s.port.number, protocol: s.port.protocol ?? null, name: s.port.name ?? s.name ?? null, hosts: s.hosts })),
    pods: { total: pods.length, ready: pods.filter((p) => p.summary.ready).length },
    workloads: [...workloads.values()],
  };
}

export function gatewayApiGatewayModel(gw: GatewayApiGatewayWire): GatewayApiGatewayModel {
  return {
    namespace: nsOf(gw),
    name: gw.metadata.name,
    resourceVersion: gw.metadata.resourceVersion ?? null,
    gatewayClassName: gw.spec.gatewayClassName,
    listeners: (gw.spec.listeners ?? []).map((l) => ({ name: l.name, hostname: l.hostname ?? null, port: l.port, protocol: l.protocol })),
  };
}
