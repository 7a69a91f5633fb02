import "server-only";
import type { ClusterCache } from "@/lib/k8s/cache/cluster-cache";
import type { CacheSnapshot, ChangedScope, KindStatus } from "@/lib/k8s/cache/store";
import { CLUSTER_TOPIC, type ClusterSummary } from "./cluster-summary";
import { PUBLIC, type EventPart, type LiveHub, type Scope } from "./hub";

type SummaryPart =
  | { type: "status"; revision: number; at: number; kinds: Record<string, KindStatus>; always: boolean }
  | { type: "count"; kind: string; count: number }
  | { type: "changed"; kind: string; namespace: string };

function scopeOf(kind: { group: string; resource: string; namespaced: boolean }, namespace: string): Scope {
  return kind.namespaced
    ? { kind: "namespace", group: kind.group, resource: kind.resource, namespace }
    : { kind: "cluster", group: kind.group, resource: kind.resource };
}

/**
 * Parts of one summary: kind statuses (public), per-namespace counts and
 * changes (RBAC-scoped). `always`: deliver even to clients that see none of
 * the changes (first summary, kind status changes).
 */
export function summaryParts(snapshot: CacheSnapshot, changed: readonly ChangedScope[], always = true): EventPart<SummaryPart>[] {
  const statuses: Record<string, KindStatus> = {};
  const parts: EventPart<SummaryPart>[] = [];
  for (const [key, kind] of snapshot.kinds) {
    statuses[key] = kind.status;
    for (const [namespace, objects] of kind.objects) {
      parts.push({ scope: scopeOf(kind, namespace), value: { type: "count", kind: key, count: objects.size } });
    }
  }
  for (const { kind: key, namespace } of changed) {
    const kind = snapshot.kinds.get(key);
    if (kind) parts.push({ scope: scopeOf(kind, namespace), value: { type: "changed", kind: key, namespace } });
  }
  parts.unshift({ scope: PUBLIC, value: { type: "status", revision: snapshot.revision, at: snapshot.at, kinds: statuses, always } });
  return parts;
}

/**
 * Builds the {@link ClusterSummary} from the parts a client may see, or
 * undefined when none of the changes is visible to it (so a restricted user
 * does not even learn that something changed elsewhere).
 */
export function renderSummary(visible: readonly SummaryPart[]): ClusterSummary | undefined {
  const summary: ClusterSummary = { revision: 0, at: 0, kinds: {}, changed: [] };
  let always = false;
  for (const part of visible) {
    if (part.type === "status") {
      always = part.always;
      summary.revision = part.revision;
      summary.at = part.at;
      for (const [kind, status] of Object.entries(part.kinds)) summary.kinds[kind] = { status, count: 0 };
    }
  }
  for (const part of visible) {
    if (part.type === "count") {
      const entry = summary.kinds[part.kind];
      if (entry) entry.count += part.count;
    } else if (part.type === "changed") {
      summary.changed.push({ kind: part.kind, namespace: part.namespace });
    }
  }
  return always || summary.changed.length > 0 ? summary : undefined;
}

/**
 * Publishes a `cluster` summary on every (coalesced) cache change, computed
 * once per change whatever the number of clients. Returns a stop function.
 */
export function startClusterProducer(hub: LiveHub, cache: ClusterCache): () => void {
  const publish = (changed: readonly ChangedScope[], always: boolean) => {
    const parts = summaryParts(cache.snapshot(), changed, always);
    hub.publish(CLUSTER_TOPIC, { parts, render: renderSummary });
  };
  const unsubscribe = cache.subscribe((change) => publish(change.changed, change.statusChanged.length > 0));
  let stopped = false;
  // One summary once the cache settled, so a resuming client has a baseline.
  void cache.ready().then(() => {
    if (!stopped) publish([], true);
  });
  return () => {
    stopped = true;
    unsubscribe();
  };
}
