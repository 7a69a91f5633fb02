/**
 * Feeds parsed manifests (YAML documents) straight into a ClusterStore —
 * used by tests and benchmarks that run without a cluster.
 */
import { z } from "zod";
import type { KindName } from "./parse";
import type { ClusterStore } from "./store";

const typeMetaSchema = z.object({ apiVersion: z.string(), kind: z.string() });

const KINDS: Readonly<Record<string, KindName>> = {
  "/Namespace": "namespaces",
  "/Service": "services",
  "/Pod": "pods",
  "networking.istio.io/VirtualService": "virtualServices",
  "networking.istio.io/DestinationRule": "destinationRules",
  "networking.istio.io/Gateway": "gateways",
  "networking.istio.io/ServiceEntry": "serviceEntries",
  "gateway.networking.k8s.io/HTTPRoute": "httpRoutes",
  "gateway.networking.k8s.io/Gateway": "k8sGateways",
};

/** The store kind of a manifest, or null for kinds the simulator does not watch. */
export function storeKindOf(raw: unknown): KindName | null {
  const r = typeMetaSchema.safeParse(raw);
  if (!r.success) return null;
  const slash = r.data.apiVersion.indexOf("/");
  const group = slash < 0 ? "" : r.data.apiVersion.slice(0, slash);
  return KINDS[`${group}/${r.data.kind}`] ?? null;
}

/** Upserts every watched object; returns how many were accepted by kind. */
export function loadManifests(store: ClusterStore, objects: readonly unknown[]): void {
  for (const obj of objects) {
    const kind = storeKindOf(obj);
    if (kind) store.upsert(kind, obj);
  }
}
