import { POD_TEMPLATE_HASH_LABEL, REVISION_ANNOTATION, SCALE_DOWN_DEADLINE_ANNOTATION, type PodWire, type ReplicaSetWire, type RolloutWire } from "../wire";
import { podsOf } from "./pods";
import type { ReplicaSetRole, RevisionView } from "./schema";

interface Owned {
  metadata: { namespace?: string | undefined; ownerReferences?: readonly { kind: string; name: string; uid?: string | undefined; controller?: boolean | undefined }[] | undefined };
}

/** Go's strconv.Atoi of the revision annotation; 0 when missing or not a number (info.parseRevision). */
export function revisionOf(obj: { metadata: { annotations?: Record<string, string> | undefined } }): number {
  const v = obj.metadata.annotations?.[REVISION_ANNOTATION];
  return v !== undefined && /^[+-]?\d+$/.test(v) ? Number(v) : 0;
}

export function podTemplateHash(rs: ReplicaSetWire): string | null {
  return rs.metadata.labels?.[POD_TEMPLATE_HASH_LABEL] ?? null;
}

/**
 * Whether the Rollout owns the object: an owner reference with its uid (as
 * `kubectl argo rollouts get` matches), or, for objects without uids, one of
 * kind Rollout with its name in its namespace.
 */
export function ownedBy(obj: Owned, ro: RolloutWire, opts: { controllerOnly?: boolean } = {}): boolean {
  const uid = ro.metadata.uid;
  return (obj.metadata.ownerReferences ?? []).some((ref) => {
    if (opts.controllerOnly && !ref.controller) return false;
    if (uid) return ref.uid === uid;
    return ref.kind === "Rollout" && ref.name === ro.metadata.name && (obj.metadata.namespace ?? "default") === (ro.metadata.namespace ?? "default");
  });
}

/** info.getReplicaSetHealth. */
function health(rs: ReplicaSetWire): RevisionView["health"] {
  const desired = rs.spec.replicas;
  if ((rs.metadata.generation ?? 0) <= (rs.status?.observedGeneration ?? 0)) {
    const failure = (rs.status?.conditions ?? []).find((c) => c.type === "ReplicaFailure");
    if (failure?.status === "True") return "ReplicaFailure";
    if (desired !== null && desired !== undefined && (rs.status?.availableReplicas ?? 0) < desired) return "Progressing";
  } else {
    return "Progressing";
  }
  return desired === 0 ? "ScaledDown" : "Healthy";
}

function roles(ro: RolloutWire, hash: string | null): ReplicaSetRole[] {
  const out: ReplicaSetRole[] = [];
  if (hash === null) return out;
  const status = ro.status ?? {};
  if (ro.spec.strategy.canary) {
    if (status.stableRS === hash) out.push("stable");
    else if (status.currentPodHash === hash) out.push("canary");
  }
  if (ro.spec.strategy.blueGreen) {
    if (status.stableRS === hash) out.push("stable");
    if (status.blueGreen?.activeSelector === hash) out.push("active");
    else if (status.blueGreen?.previewSelector === hash) out.push("preview");
  }
  if (out.length === 0) out.push("older");
  return out;
}

export function imagesOf(rs: ReplicaSetWire): { images: string[]; initImages: string[] } {
  const spec = rs.spec.template?.spec;
  return {
    images: (spec?.containers ?? []).map((c) => c.image ?? ""),
    initImages: (spec?.initContainers ?? []).map((c) => c.image ?? ""),
  };
}

function revisionView(rs: ReplicaSetWire, roleList: ReplicaSetRole[], pods: readonly PodWire[], experiment: string | null): RevisionView {
  return {
    revision: revisionOf(rs),
    name: rs.metadata.name,
    podTemplateHash: podTemplateHash(rs),
    ...imagesOf(rs),
    desired: rs.spec.replicas ?? 0,
    total: rs.status?.replicas ?? 0,
    ready: rs.status?.readyReplicas ?? 0,
    available: rs.status?.availableReplicas ?? 0,
    health: health(rs),
    roles: roleList,
    scaleDownDeadline: rs.metadata.annotations?.[SCALE_DOWN_DEADLINE_ANNOTATION] || null,
    createdAt: rs.metadata.creationTimestamp ?? null,
    experiment,
    pods: podsOf(rs, pods),
  };
}

const byRevision = (a: RevisionView, b: RevisionView) => b.revision - a.revision || (a.name < b.name ? -1 : a.name > b.name ? 1 : 0);

/**
 * Every ReplicaSet of the Rollout: those it owns (stable, canary, active,
 * preview, older revisions), newest revision first, as `kubectl argo rollouts
 * get` lists them, then those of its Experiments, newest first; each with its pods.
 */
export function revisionViews(ro: RolloutWire, replicaSets: readonly ReplicaSetWire[], pods: readonly PodWire[] = [], experimentReplicaSets: readonly ReplicaSetWire[] = []): RevisionView[] {
  const own = replicaSets.filter((rs) => ownedBy(rs, ro)).map((rs) => revisionView(rs, roles(ro, podTemplateHash(rs)), pods, null));
  const experiments = experimentReplicaSets.map((rs) => {
    const owner = (rs.metadata.ownerReferences ?? []).find((r) => r.kind === "Experiment");
    return revisionView(rs, ["experiment"], pods, owner?.name ?? null);
  });
  experiments.sort((a, b) => (b.createdAt ?? "").localeCompare(a.createdAt ?? "") || (a.name < b.name ? -1 : 1));
  return [...own.sort(byRevision), ...experiments];
}
