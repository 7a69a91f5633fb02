import { pingPongState, stableAndCanaryServices } from "@/lib/istio/model/argo-ping-pong";
import type { RolloutWire, VirtualServiceRefWire } from "../wire";
import { pingPongResources } from "./ping-pong";
import { maxTrafficWeight } from "./steps";
import type { ManagedResource, TrafficRoutingView } from "./schema";

/** Argo accepts `name` or `name.namespace` for a VirtualService or DestinationRule (split at the first dot). */
export function splitArgoRef(ref: string, defaultNamespace: string): { namespace: string; name: string } {
  const dot = ref.indexOf(".");
  if (dot < 0) return { namespace: defaultNamespace, name: ref };
  return { name: ref.slice(0, dot), namespace: ref.slice(dot + 1) || defaultNamespace };
}

const ROUTERS = ["istio", "nginx", "alb", "smi", "ambassador", "appMesh", "traefik", "apisix"] as const;

function quoteList(names: readonly string[]): string {
  return names.map((n) => `"${n}"`).join(", ");
}

function virtualServiceRefs(ro: RolloutWire): VirtualServiceRefWire[] {
  const istio = ro.spec.strategy.canary?.trafficRouting?.istio;
  return [...(istio?.virtualService ? [istio.virtualService] : []), ...(istio?.virtualServices ?? [])];
}

function httpPart(vs: VirtualServiceRefWire): string {
  return vs.routes?.length ? `route${vs.routes.length === 1 ? "" : "s"} ${quoteList(vs.routes)}` : "its only (or first unnamed) HTTP route";
}

/** Argo's tlsRoutes / tcpRoutes selectors (lib/istio/model/argo-routes applies them), or the only route of the section. */
function l4Part(vs: VirtualServiceRefWire, section: "tls" | "tcp"): string {
  const selectors = (section === "tls" ? vs.tlsRoutes : vs.tcpRoutes) ?? [];
  if (selectors.length === 0) return `its only ${section.toUpperCase()} route (if any)`;
  const one = (sel: { port?: number | null; sniHosts?: readonly string[] | null }) => `port ${sel.port ?? 0}${sel.sniHosts?.length ? ` SNI ${sel.sniHosts.join(", ")}` : ""}`;
  return `the ${section.toUpperCase()} routes matching ${selectors.map(one).join("; ")}`;
}

function serviceResource(namespace: string, name: string, role: string, owner: string): ManagedResource {
  return {
    kind: "Service",
    namespace,
    name,
    routes: [],
    lockReason: `Argo Rollouts sets the rollouts-pod-template-hash selector of this ${role} Service for ${owner}; a changed selector is put back on the next reconcile.`,
  };
}

/**
 * How a Rollout splits traffic and which mesh objects it rewrites: the
 * VirtualServices (the weights of the named routes and the managed routes of
 * header and mirror steps), the DestinationRule (the pod-template-hash label
 * of the canary and stable subsets) and the Services (their selector).
 */
export function trafficRoutingView(ro: RolloutWire): TrafficRoutingView | null {
  const namespace = ro.metadata.namespace ?? "default";
  const owner = `Rollout ${namespace}/${ro.metadata.name}`;
  const { canary, blueGreen } = ro.spec.strategy;
  if (blueGreen && !canary) {
    const resources: ManagedResource[] = [];
    if (blueGreen.activeService) resources.push(serviceResource(namespace, blueGreen.activeService, "active", owner));
    if (blueGreen.previewService) resources.push(serviceResource(namespace, blueGreen.previewService, "preview", owner));
    return { kind: "none", providers: [], canaryService: null, stableService: null, pingPong: null, canarySubset: null, stableSubset: null, managedRoutes: [], maxWeight: 100, resources };
  }
  if (!canary) return null;
  const tr = canary.trafficRouting;
  const providers: string[] = [];
  for (const r of ROUTERS) if (tr?.[r] !== undefined && tr[r] !== null) providers.push(r);
  for (const p of Object.keys(tr?.plugins ?? {})) providers.push(`plugin:${p}`);
  const managedRoutes = (tr?.managedRoutes ?? []).map((m) => m.name);
  const dr = tr?.istio?.destinationRule ?? null;
  const resources: ManagedResource[] = [];
  for (const vs of virtualServiceRefs(ro)) {
    const routes = [...(vs.routes ?? []), ...managedRoutes];
    const named = `the weights of ${httpPart(vs)}, ${l4Part(vs, "tls")} and ${l4Part(vs, "tcp")}`;
    const extra = managedRoutes.length ? ` and owns the managed route${managedRoutes.length === 1 ? "" : "s"} ${quoteList(managedRoutes)}` : "";
    resources.push({
      kind: "VirtualService",
      ...splitArgoRef(vs.name, namespace),
      routes,
      lockReason: `Argo Rollouts rewrites ${named}${extra} on every reconcile of ${owner}; a direct edit is reverted. Use the Rollout's promote, abort or steps instead.`,
    });
  }
  if (dr) {
    const subsets = [dr.canarySubsetName, dr.stableSubsetName].filter((s): s is string => !!s);
    resources.push({
      kind: "DestinationRule",
      ...splitArgoRef(dr.name, namespace),
      routes: [],
      lockReason: `Argo Rollouts sets the rollouts-pod-template-hash label of subset${subsets.length === 1 ? "" : "s"} ${quoteList(subsets)} for ${owner}; a direct edit is reverted.`,
    });
  }
  if (canary.canaryService) resources.push(serviceResource(namespace, canary.canaryService, "canary", owner));
  if (canary.stableService) resources.push(serviceResource(namespace, canary.stableService, "stable", owner));
  // Which side is stable now: Argo's rule (status.canary.stablePingPong, pong until it is set).
  const pingPong = pingPongState(ro);
  resources.push(...pingPongResources(pingPong, namespace, owner));
  const kind = tr?.istio ? (dr ? "istio-subset" : "istio-host") : providers.length > 0 ? "other" : "none";
  const services = stableAndCanaryServices(ro);
  return {
    kind,
    providers,
    canaryService: services.canary,
    stableService: services.stable,
    pingPong,
    canarySubset: dr?.canarySubsetName ?? null,
    stableSubset: dr?.stableSubsetName ?? null,
    managedRoutes,
    maxWeight: maxTrafficWeight(ro),
    resources,
  };
}
