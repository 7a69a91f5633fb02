import { POD_TEMPLATE_HASH_LABEL, type PodWire, type ReplicaSetWire } from "../wire";
import type { PodView } from "./schema";

/** A pod as the revisions list shows it: phase, the Ready condition, restarts, images. */
export function podView(p: PodWire): PodView {
  const owner = (p.metadata.ownerReferences ?? []).find((r) => r.kind === "ReplicaSet");
  return {
    name: p.metadata.name,
    podTemplateHash: p.metadata.labels?.[POD_TEMPLATE_HASH_LABEL] ?? null,
    replicaSet: owner?.name ?? null,
    phase: p.status?.phase ?? "Unknown",
    ready: (p.status?.conditions ?? []).some((c) => c.type === "Ready" && c.status === "True"),
    restarts: (p.status?.containerStatuses ?? []).reduce((n, s) => n + (s.restartCount ?? 0), 0),
    images: (p.spec?.containers ?? []).map((c) => c.image ?? ""),
    createdAt: p.metadata.creationTimestamp ?? null,
    terminating: !!p.metadata.deletionTimestamp,
  };
}

/** Whether the ReplicaSet owns the pod: an owner reference with its uid, or its name when either has no uid. */
export function ownsPod(rs: ReplicaSetWire, p: PodWire): boolean {
  return (p.metadata.ownerReferences ?? []).some((r) => r.kind === "ReplicaSet" && (rs.metadata.uid && r.uid ? r.uid === rs.metadata.uid : r.name === rs.metadata.name));
}

/** The ReplicaSet's pods, by name. */
export function podsOf(rs: ReplicaSetWire, pods: readonly PodWire[]): PodView[] {
  return pods
    .filter((p) => ownsPod(rs, p))
    .map(podView)
    .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
}
