import "server-only";
import type { KubeConfig } from "@kubernetes/client-node";
import { getClusterCache, type ClusterCache } from "@/lib/k8s/cache/cluster-cache";
import { startClusterProducer } from "./cluster-producer";
import { startGraphProducer } from "./graph-producer";
import { LiveHub, type HubOptions } from "./hub";
import { startRolloutsProducer } from "./rollouts-producer";
import { startTrafficProducer } from "./traffic-producer";

export interface LiveRuntime {
  hub: LiveHub;
  cache: ClusterCache;
  stop(): void;
}

const holder = globalThis as typeof globalThis & { __meshdeckLiveRuntime?: LiveRuntime };

/** Wires a hub to a cache with the built-in producers (currently `cluster`). */
export function createLiveRuntime(cache: ClusterCache, options: HubOptions = {}): LiveRuntime {
  const hub = new LiveHub(options);
  const stopCluster = startClusterProducer(hub, cache);
  const stopTraffic = startTrafficProducer(hub, cache);
  const stopRollouts = startRolloutsProducer(hub, cache);
  const stopGraphs = startGraphProducer(hub);
  return {
    hub,
    cache,
    stop() {
      stopCluster();
      stopTraffic();
      stopRollouts();
      stopGraphs();
      hub.closeAll();
    },
  };
}

/**
 * The process-wide hub, fed by the shared cache of the dashboard's cluster.
 * Created (and the cache started) on first use; kept on globalThis across
 * Next dev reloads.
 */
export function getLiveRuntime(kubeConfig?: KubeConfig): LiveRuntime {
  holder.__meshdeckLiveRuntime ??= createLiveRuntime(getClusterCache(kubeConfig));
  return holder.__meshdeckLiveRuntime;
}

/** Stops and forgets the process-wide runtime (tests). */
export function resetLiveRuntime(): void {
  holder.__meshdeckLiveRuntime?.stop();
  holder.__meshdeckLiveRuntime = undefined;
}

/** Hub statistics of the process-wide runtime, or null before first use. */
export function hubStats() {
  return holder.__meshdeckLiveRuntime?.hub.stats() ?? null;
}
