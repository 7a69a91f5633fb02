import type { ObjectMeta } from "@/lib/istio/wire";
import { argoWrittenRoutes, type ArgoRouteSet, type ArgoRoutesSpec } from "./argo-routes";
import type { RolloutModel } from "./schema";

export const argoManagedByAnnotation = "argo-rollouts.argoproj.io/managed-by-rollouts";

/** An object Meshdeck may write, as the ownership rule reads it. */
export interface OwnedObject {
  kind: "VirtualService" | "DestinationRule" | "HTTPRoute";
  namespace: string;
  name: string;
  metadata: Pick<ObjectMeta, "annotations">;
  /** VirtualService: its routes (which of them Argo writes). */
  spec?: ArgoRoutesSpec;
}

/** A Rollout that writes the object now. */
export interface ArgoClaim {
  rollout: string;
  /** Namespace of the Rollout. */
  namespace: string;
  reason: string;
  /** VirtualService: the routes it writes; null = the whole object (DestinationRule subsets, HTTPRoute rules). */
  routes: ArgoRouteSet | null;
}

type Ref = { namespace: string; name: string };
const same = (a: Ref, b: Ref) => a.namespace === b.namespace && a.name === b.name;

/** The routes a Rollout writes in a VirtualService (every reference to it counted), or null when it references none. */
export function rolloutRoutesIn(r: RolloutModel, vs: Ref, spec: ArgoRoutesSpec): ArgoRouteSet | null {
  const sets = r.virtualServices.filter((ref) => same(ref, vs)).map((ref) => argoWrittenRoutes(ref, r.managedRoutes, spec));
  if (sets.length === 0) return null;
  const union = (section: "http" | "tls" | "tcp") => [...new Set(sets.flatMap((x) => x[section]))].sort((a, b) => a - b);
  return { http: union("http"), tls: union("tls"), tcp: union("tcp"), error: sets.find((x) => x.error !== null)?.error ?? null };
}

function claimsOf(object: OwnedObject, r: RolloutModel): ArgoClaim[] {
  const base = { rollout: r.name, namespace: r.namespace };
  switch (object.kind) {
    case "VirtualService": {
      const routes = rolloutRoutesIn(r, object, object.spec ?? {});
      return routes ? [{ ...base, reason: `Rollout ${r.name} references it in spec.strategy.canary.trafficRouting.istio`, routes }] : [];
    }
    case "DestinationRule":
      return r.destinationRule && same(r.destinationRule, object) ? [{ ...base, reason: `Rollout ${r.name} references it in spec.strategy.canary.trafficRouting.istio.destinationRule`, routes: null }] : [];
    case "HTTPRoute":
      return r.httpRoutes.some((h) => same(h, object)) ? [{ ...base, reason: `Rollout ${r.name} references it in spec.strategy.canary.trafficRouting.plugins[argoproj-labs/gatewayAPI]`, routes: null }] : [];
  }
}

/**
 * The Rollouts writing `object` now, decided from live references: a Rollout
 * (of those given) whose spec.strategy.canary.trafficRouting names it. A past
 * field manager is no owner: once the reference is gone Argo stops writing
 * (and removes the managed-by-rollouts annotation and hash labels it put on a
 * DestinationRule). `rollouts` null means they could not be read: then the
 * managed-by-rollouts annotation Argo keeps current names the owner. The one
 * decision behind the display (`owner`, `managedBy`) and the write lock (423).
 */
export function argoClaims(object: OwnedObject, rollouts: readonly RolloutModel[] | null): ArgoClaim[] {
  if (rollouts !== null) return rollouts.flatMap((r) => claimsOf(object, r));
  const annotated = object.metadata.annotations?.[argoManagedByAnnotation];
  const names = (annotated ?? "").split(",").map((s) => s.trim()).filter(Boolean);
  return names.map((rollout) => ({ rollout, namespace: object.namespace, reason: `annotation ${argoManagedByAnnotation}=${annotated} (Rollouts not readable)`, routes: null }));
}

/** Per section, the Rollout writing each route index (the first claim wins). */
export function managedRouteIndexes(claims: readonly ArgoClaim[]): Record<"http" | "tls" | "tcp", Map<number, string>> {
  const out = { http: new Map<number, string>(), tls: new Map<number, string>(), tcp: new Map<number, string>() };
  for (const claim of claims) {
    for (const section of ["http", "tls", "tcp"] as const) {
      for (const i of claim.routes?.[section] ?? []) if (!out[section].has(i)) out[section].set(i, claim.rollout);
    }
  }
  return out;
}
