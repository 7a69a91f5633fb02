import "server-only";
import type { ClusterCache } from "@/lib/k8s/cache/cluster-cache";
import { ARGO_GROUP } from "@/lib/k8s/cache/kinds";
import type { CacheChange } from "@/lib/k8s/cache/store";
import { PUBLIC, type EventPart, type LiveHub } from "./hub";

export const ROLLOUTS_TOPIC = "rollouts";

/** What a `rollouts` event tells a browser: refetch the list / the detail of these namespaces. */
export interface RolloutsEvent {
  revision: number;
  /** Namespaces with changed Rollouts (or their ReplicaSets, AnalysisRuns, routes), only those the client may list Rollouts in. */
  namespaces: string[];
}

/** Kinds whose change changes a rollout view (phase, weights, revisions, analysis, the routes it drives). */
export const ROLLOUT_KINDS: ReadonlySet<string> = new Set(["rollouts", "analysisruns", "experiments", "replicasets", "virtualservices", "destinationrules"]);

type Part = { type: "revision"; revision: number } | { type: "namespace"; namespace: string };

export function renderRolloutsEvent(visible: readonly Part[]): RolloutsEvent | undefined {
  const head = visible.find((p): p is Extract<Part, { type: "revision" }> => p.type === "revision");
  if (!head) return undefined;
  const namespaces = [...new Set(visible.flatMap((p) => (p.type === "namespace" ? [p.namespace] : [])))].sort();
  return namespaces.length === 0 ? undefined : { revision: head.revision, namespaces };
}

/** The parts of one coalesced cache change: one per namespace, visible to who may list Rollouts there. */
export function rolloutsEventParts(change: CacheChange): EventPart<Part>[] {
  const namespaces = new Set<string>();
  for (const c of change.changed) if (ROLLOUT_KINDS.has(c.kind) && c.namespace) namespaces.add(c.namespace);
  if (change.statusChanged.includes("rollouts")) namespaces.add("");
  if (namespaces.size === 0) return [];
  const parts: EventPart<Part>[] = [{ scope: PUBLIC, value: { type: "revision", revision: change.revision } }];
  for (const namespace of namespaces) {
    parts.push(
      namespace
        ? { scope: { kind: "namespace", group: ARGO_GROUP, resource: "rollouts", namespace }, value: { type: "namespace", namespace } }
        : { scope: PUBLIC, value: { type: "namespace", namespace: "*" } },
    );
  }
  return parts;
}

/**
 * Publishes one `rollouts` event per coalesced cache change that touches
 * Rollouts (or what they own or drive), RBAC-scoped per namespace, so open
 * lists and details refetch within a second of the controller's change.
 */
export function startRolloutsProducer(hub: LiveHub, cache: ClusterCache): () => void {
  return cache.subscribe((change) => {
    const parts = rolloutsEventParts(change);
    if (parts.length > 0) hub.publish(ROLLOUTS_TOPIC, { parts, render: renderRolloutsEvent });
  });
}
