/**
 * The compact, validated view of the cluster objects the simulator needs.
 * Raw Kubernetes JSON is converted into these shapes once, when it enters the
 * store (see parse-core.ts, parse-istio.ts, parse-gateway-api.ts), so nothing
 * on the routing path ever looks at raw JSON again.
 */
import type { DestinationRuleWire, GatewayApiGatewayWire, GatewayApiHttpRouteWire, GatewayWire, ServiceEntryWire, VirtualServiceWire } from "@/lib/istio/wire";

export type Labels = Readonly<Record<string, string>>;

export interface ObjectMeta {
  readonly namespace: string;
  readonly name: string;
  readonly uid: string;
  readonly labels: Labels;
  readonly annotations: Labels;
  /** RFC 3339; used for Istio's "oldest wins" conflict resolution. */
  readonly creationTimestamp: string;
}

export interface NamespaceInfo {
  readonly name: string;
  readonly labels: Labels;
}

export interface ServicePortInfo {
  readonly name: string;
  readonly port: number;
  readonly protocol: string;
}

export interface ServiceInfo {
  readonly meta: ObjectMeta;
  /** null when the Service has no selector (manually managed endpoints). */
  readonly selector: Labels | null;
  readonly ports: readonly ServicePortInfo[];
}

export interface OwnerInfo {
  readonly kind: string;
  readonly name: string;
}

export interface PodInfo {
  readonly meta: ObjectMeta;
  readonly ready: boolean;
  readonly ip: string;
  readonly serviceAccount: string;
  readonly owner: OwnerInfo | null;
  /** An injected sidecar (lib/istio/model/pod hasSidecar: istio-proxy container, native or not, or the injector's annotation). */
  readonly sidecar: boolean;
}

/** An Istio or Gateway API custom resource after schema validation. */
export interface Resource<Spec> {
  readonly meta: ObjectMeta;
  readonly spec: Spec;
}

/** Specs are the dashboard's wire schemas (lib/istio/wire): one schema per kind. */
export type VirtualServiceResource = Resource<VirtualServiceWire["spec"]>;
export type DestinationRuleResource = Resource<DestinationRuleWire["spec"]>;
export type GatewayResource = Resource<GatewayWire["spec"]>;
export type ServiceEntryResource = Resource<ServiceEntryWire["spec"]>;
export type HttpRouteResource = Resource<GatewayApiHttpRouteWire["spec"]>;
export type K8sGatewayResource = Resource<GatewayApiGatewayWire["spec"]>;

/** Everything the routing table is compiled from. Arrays are not ordered. */
export interface ClusterSnapshot {
  readonly namespaces: readonly NamespaceInfo[];
  readonly services: readonly ServiceInfo[];
  readonly pods: readonly PodInfo[];
  readonly virtualServices: readonly VirtualServiceResource[];
  readonly destinationRules: readonly DestinationRuleResource[];
  readonly gateways: readonly GatewayResource[];
  readonly serviceEntries: readonly ServiceEntryResource[];
  readonly httpRoutes: readonly HttpRouteResource[];
  readonly k8sGateways: readonly K8sGatewayResource[];
}

export const EMPTY_SNAPSHOT: ClusterSnapshot = {
  namespaces: [],
  services: [],
  pods: [],
  virtualServices: [],
  destinationRules: [],
  gateways: [],
  serviceEntries: [],
  httpRoutes: [],
  k8sGateways: [],
};
