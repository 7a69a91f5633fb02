import type { VirtualServiceWire } from "@/lib/istio/wire";
import { resolveGatewayBinding } from "./gateway-ref";
import { httpRule, l4Rule, type RuleContext } from "./http-rule";
import { nsOf, type MeshIndex } from "./mesh-index";
import { argoClaims, managedRouteIndexes } from "./argo-ownership";
import { detectOwner } from "./owner";
import { resolveHost } from "./registry";
import type { VirtualServiceModel } from "./schema";

export function virtualServiceModel(index: MeshIndex, vs: VirtualServiceWire): VirtualServiceModel {
  const namespace = nsOf(vs);
  const name = vs.metadata.name;
  const resolveGateway = (raw: string) => resolveGatewayBinding(raw, namespace, (k) => index.gatewayKeys.has(k));
  // Istio: no (or an empty) gateways list means the sidecars of the mesh only.
  const gateways = (vs.spec.gateways && vs.spec.gateways.length > 0 ? vs.spec.gateways : ["mesh"]).map(resolveGateway);
  const claims = argoClaims({ kind: "VirtualService", namespace, name, metadata: vs.metadata, spec: vs.spec }, index.rollouts);
  const managed = managedRouteIndexes(claims);
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
    owner: detectOwner(vs.metadata, claims),
    http: (vs.spec.http ?? []).map((r, i) => httpRule(ctx(managed.http.get(i) ?? null), r, i)),
    tcp: (vs.spec.tcp ?? []).map((r, i) => l4Rule(ctx(managed.tcp.get(i) ?? null), r, i)),
    tls: (vs.spec.tls ?? []).map((r, i) => l4Rule(ctx(managed.tls.get(i) ?? null), r, i)),
  };
}
