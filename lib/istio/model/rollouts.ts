import { z } from "zod";
import { stableAndCanaryServices } from "./argo-ping-pong";
import type { RolloutWire } from "./rollout-wire";
import type { RolloutModel, RolloutRole } from "./schema";

/**
 * Argo Rollouts accepts `name` or `name.namespace` for the VirtualService
 * (utils/istio GetVirtualServiceNamespaceName: split at the first dot).
 * Assumption: the DestinationRule name is read the same way.
 */
export function splitArgoRef(ref: string, defaultNamespace: string): { namespace: string; name: string } {
  const dot = ref.indexOf(".");
  if (dot < 0) return { namespace: defaultNamespace, name: ref };
  return { name: ref.slice(0, dot), namespace: ref.slice(dot + 1) || defaultNamespace };
}

/** Config of the argoproj-labs/gatewayAPI traffic router plugin: `httpRoute` or `httpRoutes[].name`, plus `namespace`. */
const gatewayApiPluginConfig = z.looseObject({
  namespace: z.string().optional(),
  httpRoute: z.string().optional(),
  httpRoutes: z.array(z.looseObject({ name: z.string() })).optional(),
});

function pluginHttpRoutes(plugins: Record<string, unknown> | undefined, defaultNamespace: string): { namespace: string; name: string }[] {
  const parsed = gatewayApiPluginConfig.safeParse(plugins?.["argoproj-labs/gatewayAPI"]);
  if (!parsed.success) return [];
  const namespace = parsed.data.namespace ?? defaultNamespace;
  const names = [...(parsed.data.httpRoute ? [parsed.data.httpRoute] : []), ...(parsed.data.httpRoutes ?? []).map((r) => r.name)];
  return names.map((name) => ({ namespace, name }));
}

export function rolloutModel(r: RolloutWire): RolloutModel {
  const namespace = r.metadata.namespace ?? "default";
  const canary = r.spec.strategy.canary;
  const istio = canary?.trafficRouting?.istio;
  const vsRefs = [...(istio?.virtualService ? [istio.virtualService] : []), ...(istio?.virtualServices ?? [])];
  const dr = istio?.destinationRule;
  const status = r.status;
  // The Services the router weighs now (ping-pong: the side on the stable ReplicaSet is the stable Service).
  const services = stableAndCanaryServices(r);
  return {
    namespace,
    name: r.metadata.name,
    phase: status?.phase ?? null,
    strategy: canary ? "canary" : r.spec.strategy.blueGreen ? "blueGreen" : "unknown",
    stableHash: status?.stableRS ?? null,
    currentHash: status?.currentPodHash ?? null,
    canaryWeight: status?.canary?.weights?.canary?.weight ?? null,
    canaryService: services.canary,
    stableService: services.stable,
    virtualServices: vsRefs.map((v) => ({
      ...splitArgoRef(v.name, namespace),
      routes: v.routes ?? [],
      tlsRoutes: (v.tlsRoutes ?? []).map((t) => ({ port: t.port ?? null, sniHosts: t.sniHosts ?? [] })),
      tcpRoutes: (v.tcpRoutes ?? []).map((t) => ({ port: t.port ?? null })),
    })),
    destinationRule: dr ? { ...splitArgoRef(dr.name, namespace), canarySubsetName: dr.canarySubsetName, stableSubsetName: dr.stableSubsetName } : null,
    managedRoutes: (canary?.trafficRouting?.managedRoutes ?? []).map((m) => m.name),
    httpRoutes: pluginHttpRoutes(canary?.trafficRouting?.plugins, namespace),
  };
}

/** Role of a ReplicaSet's rollouts-pod-template-hash for its Rollout. */
export function rolloutRole(rollout: Pick<RolloutModel, "stableHash" | "currentHash">, hash: string): RolloutRole {
  if (rollout.stableHash !== null && hash === rollout.stableHash) return "stable";
  if (rollout.currentHash !== null && hash === rollout.currentHash) return "canary";
  return "previous";
}
