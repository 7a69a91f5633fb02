import type { ReplicaSetWire, RolloutWire, WorkloadWire } from "../wire";
import { basicCanaryCounts } from "./canary-basic";
import { abortScaleDownDelay, configuredFenceposts, maxSurge, maxUnavailable, specReplicas, trafficRoutedCanaryCounts, canaryScaleInEffect, type ScaleReplicaSet } from "./canary-scale";
import { ownedBy, podTemplateHash } from "./revisions";
import type { RevisionView, ScalingView, WorkloadRefView } from "./schema";

function scaleRS(rs: ReplicaSetWire | undefined): ScaleReplicaSet | null {
  return rs ? { name: rs.metadata.name, replicas: rs.spec.replicas ?? 1, available: rs.status?.availableReplicas ?? 0 } : null;
}

/** The counts Argo computes now for the canary (new) and stable ReplicaSets: traffic-routed or basic. Null for blue-green. */
function desiredCounts(ro: RolloutWire, replicaSets: readonly ReplicaSetWire[]): ScalingView["desired"] {
  const canary = ro.spec.strategy.canary;
  if (!canary) return null;
  const own = replicaSets.filter((rs) => ownedBy(rs, ro));
  const status = ro.status ?? {};
  // Nothing to split while the current template is the stable one.
  if (!status.currentPodHash || status.currentPodHash === status.stableRS) return null;
  const newRS = own.find((rs) => !!status.currentPodHash && podTemplateHash(rs) === status.currentPodHash);
  const stableRS = own.find((rs) => !!status.stableRS && podTemplateHash(rs) === status.stableRS);
  if (canary.trafficRouting) {
    const w = status.canary?.weights;
    const weights = w ? { canary: w.canary?.weight ?? 0, stable: w.stable?.weight ?? 0 } : null;
    return trafficRoutedCanaryCounts(ro, scaleRS(newRS), scaleRS(stableRS), weights);
  }
  const older = own.filter((rs) => rs !== newRS && rs !== stableRS).flatMap((rs) => scaleRS(rs) ?? []);
  return basicCanaryCounts(ro, scaleRS(newRS), scaleRS(stableRS), older);
}

function workloadRefView(ro: RolloutWire, workload: WorkloadWire | null): WorkloadRefView | null {
  const ref = ro.spec.workloadRef;
  if (!ref) return null;
  return {
    apiVersion: ref.apiVersion ?? null,
    kind: ref.kind,
    name: ref.name,
    scaleDown: ref.scaleDown || "never",
    found: !!workload,
    replicas: workload ? (workload.spec?.replicas ?? 1) : null,
    ready: workload ? (workload.status?.readyReplicas ?? 0) : null,
    images: (workload?.spec?.template?.spec?.containers ?? []).map((c) => c.image ?? ""),
  };
}

/** After an abort: the canary's (blue-green: the preview's) scale-down deadline. */
function abortScaleDownAt(ro: RolloutWire, revisions: readonly RevisionView[]): string | null {
  if (!ro.status?.abort) return null;
  const role = ro.spec.strategy.blueGreen ? "preview" : "canary";
  const hash = ro.status.currentPodHash;
  const rs = revisions.find((r) => r.roles.includes(role) || (!!hash && r.podTemplateHash === hash && hash !== ro.status?.stableRS));
  return rs?.scaleDownDeadline ?? null;
}

/**
 * Scaling facts: the fenceposts Argo resolves, dynamicStableScale, the abort
 * scale-down delay (and, once aborted, when the canary goes), the
 * setCanaryScale in effect, the counts Argo computes for this step, and the
 * workload the template comes from.
 */
export function scalingView(ro: RolloutWire, replicaSets: readonly ReplicaSetWire[], revisions: readonly RevisionView[], workload: WorkloadWire | null): ScalingView {
  const { canary } = ro.spec.strategy;
  const configured = configuredFenceposts(ro);
  const abort = abortScaleDownDelay(ro);
  const scs = canaryScaleInEffect(ro);
  return {
    replicas: specReplicas(ro),
    maxSurge: { configured: configured.maxSurge, replicas: maxSurge(ro), defaulted: canary?.maxSurge === null || canary?.maxSurge === undefined },
    maxUnavailable: {
      configured: configured.maxUnavailable,
      replicas: maxUnavailable(ro),
      defaulted: (ro.spec.strategy.blueGreen?.maxUnavailable ?? canary?.maxUnavailable ?? null) === null,
    },
    dynamicStableScale: !!canary?.dynamicStableScale,
    minPodsPerReplicaSet: canary?.minPodsPerReplicaSet ?? null,
    abortScaleDownDelaySeconds: abort.seconds,
    abortScaleDownDelayDefaulted: !abort.explicit,
    abortScaleDownAt: abortScaleDownAt(ro, revisions),
    canaryScale: scs ? { replicas: scs.replicas ?? null, weight: scs.weight ?? null } : null,
    desired: desiredCounts(ro, replicaSets),
    workloadRef: workloadRefView(ro, workload),
  };
}
