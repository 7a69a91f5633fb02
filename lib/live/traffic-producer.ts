import "server-only";
import type { ClusterCache } from "@/lib/k8s/cache/cluster-cache";
import type { ChangedScope } from "@/lib/k8s/cache/store";
import { PUBLIC, type EventPart, type LiveHub, type Scope } from "./hub";

export const TRAFFIC_TOPIC = "traffic";

/** What a `traffic` event tells a browser: refetch /api/traffic (the model changed, or fresh observations are due). */
export interface TrafficEvent {
  revision: number;
  /** Namespaces whose objects changed (only those the client may see); empty on an observation tick. */
  namespaces: string[];
  reason: "config" | "observed";
}

type Part = { type: "revision"; revision: number; reason: TrafficEvent["reason"] } | { type: "namespace"; namespace: string };

const OBSERVATION_INTERVAL_MS = 10_000;

function scopeOf(cache: ClusterCache, change: ChangedScope): Scope | null {
  const kind = cache.snapshot().kinds.get(change.kind);
  if (!kind) return null;
  return kind.namespaced
    ? { kind: "namespace", group: kind.group, resource: kind.resource, namespace: change.namespace }
    : { kind: "cluster", group: kind.group, resource: kind.resource };
}

export function renderTrafficEvent(visible: readonly Part[]): TrafficEvent | undefined {
  const head = visible.find((p): p is Extract<Part, { type: "revision" }> => p.type === "revision");
  if (!head) return undefined;
  const namespaces = [...new Set(visible.flatMap((p) => (p.type === "namespace" ? [p.namespace] : [])))].sort();
  if (head.reason === "config" && namespaces.length === 0) return undefined;
  return { revision: head.revision, namespaces, reason: head.reason };
}

/**
 * Publishes `traffic` events: on every (coalesced) cache change, scoped by
 * RBAC so a client only hears of namespaces it may see, and every 10 s a
 * public "observed" tick so open views refresh their Prometheus-backed
 * observations together (and share one query).
 */
export function startTrafficProducer(hub: LiveHub, cache: ClusterCache, intervalMs = OBSERVATION_INTERVAL_MS): () => void {
  const unsubscribe = cache.subscribe((change) => {
    const parts: EventPart<Part>[] = [{ scope: PUBLIC, value: { type: "revision", revision: change.revision, reason: "config" } }];
    for (const c of change.changed) {
      const scope = scopeOf(cache, c);
      if (scope) parts.push({ scope, value: { type: "namespace", namespace: c.namespace } });
    }
    hub.publish(TRAFFIC_TOPIC, { parts, render: renderTrafficEvent });
  });
  const timer = setInterval(() => {
    hub.publish(TRAFFIC_TOPIC, { parts: [{ scope: PUBLIC, value: { type: "revision", revision: cache.snapshot().revision, reason: "observed" } }], render: renderTrafficEvent });
  }, intervalMs);
  timer.unref?.();
  return () => {
    clearInterval(timer);
    unsubscribe();
  };
}
