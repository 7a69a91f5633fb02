import type { VirtualServiceWire } from "@/lib/istio/wire";
import { resolveGatewayBinding } from "./gateway-ref";
import { httpRule, l4Rule, type RuleContext } from "./http-rule";
import { keyOf, nsOf, type MeshIndex } from "./mesh-index";
import { detectOwner } from "./owner";
import { resolveHost } from "./registry";
import { rolloutHttpRouteIndexes } from "./rollouts";
import type { VirtualServiceModel } from "./schema";

export function virtualServiceModel(index: MeshIndex, vs: VirtualServiceWire): VirtualServiceModel {
  const namespace = nsOf(vs);
  const name = vs.metadata.name;
  const resolveGateway = (raw: string) => resolveGatewayBinding(raw, namespace, (k) => index.gatewayKeys.has(k));
  // Istio: no (or an empty) gateways list means the sidecars of the mesh only.
  const gateways = (vs.spec.gateways && vs.spec.gateways.length > 0 ? vs.spec.gateways : ["mesh"]).map(resolveGateway);
  const referencing = index.rollouts.flatMap((r) => r.virtualServices.filter((v) => keyOf(v.namespace, v.name) === keyOf(namespace, name)).map((ref) => ({ rollout: r, ref })));
  const http = vs.spec.http ?? [];
  const managedHttp = new Map<number, string>();
  for (const { rollout, ref } of referencing) {
    for (const i of rolloutHttpRouteIndexes(
      ref.routes,
      rollout.managedRoutes,
      http.map((r) => r.name),
    ))
      managedHttp.set(i, rollout.name);
  }
  const ctx = (managedBy: string | null): RuleContext => ({ index, namespace, resolveGateway, managedBy });
  return {
    namespace,
    name,
    uid: vs.metadata.uid ?? null,
    resourceVersion: vs.metadata.resourceVersion ?? null,
    apiVersion: vs.apiVersion,
    hosts: (vs.spec.hosts ?? []).map((h) => resolveHost(index, h, namespace)),
    gateways,
    meshBound: gateways.some((g) => g.resolution === "mesh"),
    isDelegate: (vs.spec.hosts ?? []).length === 0,
    exportTo: vs.spec.exportTo ?? null,
    owner: detectOwner(
      vs.metadata,
      referencing.map(({ rollout }) => ({ rollout: rollout.name, via: "spec.strategy.canary.trafficRouting.istio" })),
    ),
    http: http.map((r, i) => httpRule(ctx(managedHttp.get(i) ?? null), r, i)),
    // Argo's tlsRoutes/tcpRoutes selectors (by port and SNI) are not mapped to rules here.
    tcp: (vs.spec.tcp ?? []).map((r, i) => l4Rule(ctx(null), r, i)),
    tls: (vs.spec.tls ?? []).map((r, i) => l4Rule(ctx(null), r, i)),
  };
}
