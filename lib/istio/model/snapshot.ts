import { z } from "zod";
import {
  deployment,
  destinationRule,
  gateway,
  gatewayApiGateway,
  gatewayApiHttpRoute,
  namespace,
  pod,
  replicaSet,
  service,
  serviceEntry,
  virtualService,
  type DeploymentWire,
  type DestinationRuleWire,
  type GatewayApiGatewayWire,
  type GatewayApiHttpRouteWire,
  type GatewayWire,
  type NamespaceWire,
  type PodWire,
  type ReplicaSetWire,
  type ServiceEntryWire,
  type ServiceWire,
  type VirtualServiceWire,
} from "@/lib/istio/wire";
import { rolloutWire, type RolloutWire } from "./rollout-wire";

/** Everything the mesh model is computed from: one list per kind, all namespaces. */
export interface MeshSnapshot {
  namespaces: NamespaceWire[];
  services: ServiceWire[];
  pods: PodWire[];
  deployments: DeploymentWire[];
  replicaSets: ReplicaSetWire[];
  virtualServices: VirtualServiceWire[];
  destinationRules: DestinationRuleWire[];
  gateways: GatewayWire[];
  serviceEntries: ServiceEntryWire[];
  httpRoutes: GatewayApiHttpRouteWire[];
  gatewayApiGateways: GatewayApiGatewayWire[];
  rollouts: RolloutWire[];
}

/**
 * List items of built-in kinds come from the API server without apiVersion and
 * kind; fill them in so the wire schemas (which require them) accept the item.
 */
function withTypeMeta<S extends z.ZodTypeAny>(apiVersion: string, kind: string, schema: S) {
  return z.preprocess((item) => {
    if (typeof item !== "object" || item === null || Array.isArray(item)) return item;
    const o = item as Record<string, unknown>;
    return { ...o, apiVersion: o.apiVersion ?? apiVersion, kind: o.kind ?? kind };
  }, schema);
}

const list = <S extends z.ZodTypeAny>(apiVersion: string, kind: string, schema: S) => z.array(withTypeMeta(apiVersion, kind, schema)).default([]);

export const meshSnapshotSchema = z.object({
  namespaces: list("v1", "Namespace", namespace),
  services: list("v1", "Service", service),
  pods: list("v1", "Pod", pod),
  deployments: list("apps/v1", "Deployment", deployment),
  replicaSets: list("apps/v1", "ReplicaSet", replicaSet),
  virtualServices: list("networking.istio.io/v1", "VirtualService", virtualService),
  destinationRules: list("networking.istio.io/v1", "DestinationRule", destinationRule),
  gateways: list("networking.istio.io/v1", "Gateway", gateway),
  serviceEntries: list("networking.istio.io/v1", "ServiceEntry", serviceEntry),
  httpRoutes: list("gateway.networking.k8s.io/v1", "HTTPRoute", gatewayApiHttpRoute),
  gatewayApiGateways: list("gateway.networking.k8s.io/v1", "Gateway", gatewayApiGateway),
  rollouts: list("argoproj.io/v1alpha1", "Rollout", rolloutWire),
});

/** Parses raw API lists (items arrays) into a snapshot; throws a ZodError naming the bad item. */
export function parseMeshSnapshot(raw: unknown): MeshSnapshot {
  return meshSnapshotSchema.parse(raw) as MeshSnapshot;
}

export function emptySnapshot(): MeshSnapshot {
  return {
    namespaces: [],
    services: [],
    pods: [],
    deployments: [],
    replicaSets: [],
    virtualServices: [],
    destinationRules: [],
    gateways: [],
    serviceEntries: [],
    httpRoutes: [],
    gatewayApiGateways: [],
    rollouts: [],
  };
}
