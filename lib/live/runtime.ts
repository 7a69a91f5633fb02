import "server-only";
import type { KubeConfig } from "@kubernetes/client-node";
import { meshdeckEnv } from "@/lib/config/meshdeck-env";
import { getClusterCache, type ClusterCache } from "@/lib/k8s/cache/cluster-cache";
import { startClusterProducer } from "./cluster-producer";
import { startGraphProducer } from "./graph-producer";
import { LiveHub, type HubOptions, type HubStats } from "./hub";
import { startRolloutsProducer } from "./rollouts-producer";
import type { TopicLimits } from "./topic-table";
import { startTrafficProducer } from "./traffic-producer";

export interface LiveRuntime {
  hub: LiveHub;
  cache: ClusterCache;
  stop(): void;
}

const holder = globalThis as typeof globalThis & { __meshdeckLiveRuntime?: LiveRuntime; __meshdeckContextRuntimes?: Map<string, LiveRuntime> };

/** Wires a hub to a cache with the built-in producers; topic linger and bounds default to the MESHDECK_LIVE_* settings. */
export function createLiveRuntime(cache: ClusterCache, options: HubOptions = {}): LiveRuntime {
  const hub = new LiveHub({ topics: meshdeckEnv().liveTopics, ...options });
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
 * The process-wide hub, fed by the shared cache of the dashboard's cluster
 * (`kubeConfig`: another context of its kubeconfig, chosen by a session, gets
 * a hub of its own). Created (and the cache started) on first use; kept on
 * globalThis across Next dev reloads.
 */
export function getLiveRuntime(kubeConfig?: KubeConfig): LiveRuntime {
  holder.__meshdeckLiveRuntime ??= createLiveRuntime(getClusterCache());
  if (!kubeConfig) return holder.__meshdeckLiveRuntime;
  const cache = getClusterCache(kubeConfig);
  if (cache === holder.__meshdeckLiveRuntime.cache) return holder.__meshdeckLiveRuntime;
  const others = (holder.__meshdeckContextRuntimes ??= new Map());
  let runtime = others.get(cache.key);
  if (!runtime) {
    runtime = createLiveRuntime(cache);
    others.set(cache.key, runtime);
  }
  return runtime;
}

/** Stops and forgets the process-wide runtimes (tests). */
export function resetLiveRuntime(): void {
  holder.__meshdeckLiveRuntime?.stop();
  holder.__meshdeckLiveRuntime = undefined;
  for (const runtime of holder.__meshdeckContextRuntimes?.values() ?? []) runtime.stop();
  holder.__meshdeckContextRuntimes?.clear();
}

const SUMMED = ["clients", "topics", "idleTopics", "topicsReleased", "topicsRefusedPerUser", "topicsRefusedTotal"] as const;

/**
 * Hub statistics of the process-wide runtime (clients and topics summed over
 * every context's hub, the largest per-user count of any), or null before first use.
 */
export function hubStats(): (HubStats & { limits: TopicLimits }) | null {
  const main = holder.__meshdeckLiveRuntime?.hub;
  if (!main) return null;
  const out = { ...main.stats(), limits: { ...main.topicLimits() } };
  for (const runtime of holder.__meshdeckContextRuntimes?.values() ?? []) {
    const other = runtime.hub.stats();
    for (const key of SUMMED) out[key] += other[key];
    out.maxUserTopics = Math.max(out.maxUserTopics, other.maxUserTopics);
  }
  return out;
}
