import "server-only";
import type { z } from "zod";
import type { CacheSnapshot, CachedObject } from "@/lib/k8s/cache/store";
import type { MeshSnapshot } from "@/lib/istio/model/snapshot";
import { rolloutWire } from "@/lib/istio/model/rollout-wire";
import * as wire from "@/lib/istio/wire";
import type { DegradedKind } from "@/lib/api/traffic";

/** Which cache kind feeds which list of the model's input, with the item schema and type meta. */
const sources = [
  ["namespaces", "namespaces", "v1", "Namespace", wire.namespace],
  ["services", "services", "v1", "Service", wire.service],
  ["pods", "pods", "v1", "Pod", wire.pod],
  ["deployments", "deployments", "apps/v1", "Deployment", wire.deployment],
  ["replicasets", "replicaSets", "apps/v1", "ReplicaSet", wire.replicaSet],
  ["virtualservices", "virtualServices", "networking.istio.io/v1", "VirtualService", wire.virtualService],
  ["destinationrules", "destinationRules", "networking.istio.io/v1", "DestinationRule", wire.destinationRule],
  ["istiogateways", "gateways", "networking.istio.io/v1", "Gateway", wire.gateway],
  ["serviceentries", "serviceEntries", "networking.istio.io/v1", "ServiceEntry", wire.serviceEntry],
  ["httproutes", "httpRoutes", "gateway.networking.k8s.io/v1", "HTTPRoute", wire.gatewayApiHttpRoute],
  ["gateways", "gatewayApiGateways", "gateway.networking.k8s.io/v1", "Gateway", wire.gatewayApiGateway],
  ["rollouts", "rollouts", "argoproj.io/v1alpha1", "Rollout", rolloutWire],
] as const satisfies readonly (readonly [string, keyof MeshSnapshot, string, string, z.ZodType])[];

export interface InvalidObject {
  kind: string;
  namespace: string;
  name: string;
  message: string;
}

export interface MeshInput {
  revision: number;
  snapshot: MeshSnapshot;
  /** Objects that do not parse: left out of the model and reported, never fatal. */
  invalid: InvalidObject[];
  degraded: DegradedKind[];
}

const statusText: Record<DegradedKind["status"], string> = {
  syncing: "still loading",
  missing: "not served by this cluster (CRD not installed)",
  forbidden: "not readable with your permissions",
  error: "unreadable",
};

/**
 * The watch cache's snapshot as the pure model's input. Each object is parsed
 * on its own, so one malformed object degrades itself, not the page.
 */
export function toMeshInput(cache: CacheSnapshot): MeshInput {
  const snapshot = {} as Record<keyof MeshSnapshot, unknown[]>;
  const invalid: InvalidObject[] = [];
  const degraded: DegradedKind[] = [];
  for (const [key, field, apiVersion, kindName, schema] of sources) {
    const list: unknown[] = [];
    snapshot[field] = list;
    const kind = cache.kinds.get(key);
    if (!kind) continue;
    if (kind.status !== "synced") {
      degraded.push({ kind: key, status: kind.status, message: `${kindName} (${kind.group || "core"}) is ${statusText[kind.status]}${kind.lastError ? `: ${kind.lastError.message}` : ""}` });
    }
    for (const objects of kind.objects.values()) {
      for (const object of objects.values()) {
        const parsed = schema.safeParse(withTypeMeta(object, apiVersion, kindName));
        if (parsed.success) list.push(parsed.data);
        else invalid.push({ kind: kindName, namespace: object.metadata.namespace ?? "", name: object.metadata.name, message: parsed.error.issues[0]?.message ?? "invalid" });
      }
    }
  }
  return { revision: cache.revision, snapshot: snapshot as unknown as MeshSnapshot, invalid, degraded };
}

function withTypeMeta(object: CachedObject, apiVersion: string, kind: string): CachedObject {
  return object.apiVersion && object.kind ? object : { ...object, apiVersion: object.apiVersion ?? apiVersion, kind: object.kind ?? kind };
}
