import "server-only";
import { isSettled } from "@/lib/k8s/cache/cluster-cache";
import { getLiveRuntime } from "@/lib/live/runtime";
import { meshdeckEnv } from "@/lib/config/meshdeck-env";

export interface Readiness {
  ready: boolean;
  /** Per watched kind: synced, syncing, missing, forbidden, error… */
  kinds: Record<string, string>;
  reason?: string;
}

/**
 * Ready once the shared watch cache settled: every kind synced or degraded
 * (missing CRD, forbidden, error after the first attempt). Starts the cache
 * (and the live hub) on first call, so a fresh pod warms up before traffic.
 */
export function readiness(): Readiness {
  try {
    meshdeckEnv();
  } catch (error) {
    return { ready: false, kinds: {}, reason: error instanceof Error ? error.message : "invalid configuration" };
  }
  try {
    const cache = getLiveRuntime().cache;
    void cache.ready();
    const snapshot = cache.snapshot();
    const kinds: Record<string, string> = {};
    for (const [key, kind] of snapshot.kinds) kinds[key] = kind.status;
    const ready = isSettled(snapshot);
    return ready ? { ready, kinds } : { ready, kinds, reason: "watch cache syncing" };
  } catch (error) {
    return { ready: false, kinds: {}, reason: error instanceof Error ? error.message : "cannot start the watch cache" };
  }
}
