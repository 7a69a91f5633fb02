import { availableActions } from "../actions/availability";
import type { AnalysisRunWire, ExperimentWire, PodWire, ReplicaSetWire, RolloutWire, WeightDestinationWire, WorkloadWire } from "../wire";
import { analysisRunViews } from "./analysis";
import { blueGreenView } from "./blue-green";
import { formatRfc3339, parseTime } from "./durations";
import { experimentViews } from "./experiments";
import { restartPending, rolloutPhase } from "./phase";
import { revisionViews } from "./revisions";
import { scalingView } from "./scaling";
import type { RevisionView, RolloutView } from "./schema";
import { currentCanaryStep, currentSetWeight, maxTrafficWeight, stepTimeline } from "./steps";
import { trafficRoutingView } from "./traffic";

/** A Rollout with the objects it owns (ReplicaSets, AnalysisRuns and Experiments of its namespace; others are ignored). */
export interface RolloutInput {
  rollout: RolloutWire;
  replicaSets: readonly ReplicaSetWire[];
  analysisRuns: readonly AnalysisRunWire[];
  /** Its Experiments, with the ReplicaSets they own. */
  experiments?: readonly ExperimentWire[];
  experimentReplicaSets?: readonly ReplicaSetWire[];
  /** Pods of these ReplicaSets. */
  pods?: readonly PodWire[];
  /** The workload spec.workloadRef names, when it exists. */
  workload?: WorkloadWire | null;
}

/** Pause conditions that wait for a human: a pause step, a blue-green pre-promotion pause, an inconclusive analysis or experiment. */
const PROMOTION_REASONS: ReadonlySet<string> = new Set(["CanaryPauseStep", "BlueGreenPause", "InconclusiveAnalysisRun", "InconclusiveExperiment"]);

function weight(w: WeightDestinationWire | null | undefined) {
  return { weight: w?.weight ?? 0, podTemplateHash: w?.podTemplateHash ?? null, serviceName: w?.serviceName ?? null };
}

/** info.NewRolloutInfo's ActualWeight (canary only). */
function actualWeight(ro: RolloutWire, revisions: readonly RevisionView[], setWeight: number): number {
  const { step } = currentCanaryStep(ro);
  if (!step) return maxTrafficWeight(ro);
  const available = ro.status?.availableReplicas ?? 0;
  if (available <= 0) return 0;
  if (!ro.spec.strategy.canary?.trafficRouting) {
    let w = 0;
    for (const rs of revisions) if (rs.roles.includes("canary")) w = Math.trunc((rs.available * maxTrafficWeight(ro)) / available);
    return w;
  }
  const weights = ro.status?.canary?.weights;
  return weights ? (weights.canary?.weight ?? 0) : setWeight;
}

function imagesFor(revisions: readonly RevisionView[], hash: string | null | undefined): string[] {
  if (!hash) return [];
  return revisions.find((r) => r.podTemplateHash === hash)?.images ?? [];
}

/** When a paused rollout resumes by itself: a timed pause step, or blue-green auto-promotion after autoPromotionSeconds. */
function resumesAt(ro: RolloutWire, reason: string, since: number | null, timeline: RolloutView["steps"]): string | null {
  if (reason === "CanaryPauseStep") return timeline.find((s) => s.state === "current")?.pause?.endsAt ?? null;
  const bg = ro.spec.strategy.blueGreen;
  if (reason === "BlueGreenPause" && bg && bg.autoPromotionEnabled !== false && (bg.autoPromotionSeconds ?? 0) > 0 && since !== null) {
    return formatRfc3339(since + (bg.autoPromotionSeconds ?? 0) * 1000);
  }
  return null;
}

/** The view of one Rollout at time `now` (epoch ms). Pure. */
export function buildRolloutView(input: RolloutInput, now: number): RolloutView {
  const ro = input.rollout;
  const status = ro.status ?? {};
  const namespace = ro.metadata.namespace ?? "default";
  const { canary, blueGreen } = ro.spec.strategy;
  const { phase, message } = rolloutPhase(ro);
  const revisions = revisionViews(ro, input.replicaSets, input.pods ?? [], input.experimentReplicaSets ?? []);
  const steps = stepTimeline(ro, now);
  const { index } = currentCanaryStep(ro);

  const firstPause = status.pauseConditions?.[0] ?? null;
  const since = parseTime(firstPause?.startTime);
  const pause = firstPause
    ? { reason: firstPause.reason, since: firstPause.startTime ?? null, ageSeconds: since === null ? null : Math.max(0, Math.floor((now - since) / 1000)), resumesAt: resumesAt(ro, firstPause.reason, since, steps) }
    : null;
  const aborted = !!status.abort;
  const promotionPending = !aborted && (status.pauseConditions ?? []).some((c) => PROMOTION_REASONS.has(c.reason));

  const setWeight = canary ? currentSetWeight(ro) : null;
  const w = status.canary?.weights;
  // With a workloadRef the controller takes the pod template from the workload.
  const template = ro.spec.workloadRef && !ro.spec.template?.spec?.containers?.length ? input.workload?.spec?.template?.spec : ro.spec.template?.spec;
  const stableImages = imagesFor(revisions, status.stableRS);
  const canaryImages = status.currentPodHash && status.currentPodHash !== status.stableRS ? imagesFor(revisions, status.currentPodHash) : [];

  return {
    key: `${namespace}/${ro.metadata.name}`,
    namespace,
    name: ro.metadata.name,
    createdAt: ro.metadata.creationTimestamp ?? null,
    strategy: canary ? "canary" : blueGreen ? "blueGreen" : "unknown",
    trafficRouting: trafficRoutingView(ro),
    phase,
    message,
    aborted,
    abortedAt: status.abortedAt ?? null,
    manuallyPaused: !!ro.spec.paused,
    pause,
    promotionPending,
    step: canary && index !== null && status.currentStepIndex !== null && status.currentStepIndex !== undefined ? { index, count: steps.length } : null,
    currentStep: steps.find((s) => s.state === "current") ?? null,
    steps,
    setWeight,
    actualWeight: canary && setWeight !== null ? actualWeight(ro, revisions, setWeight) : null,
    weights: w ? { canary: weight(w.canary), stable: weight(w.stable), additional: (w.additional ?? []).map(weight), verified: w.verified ?? null } : null,
    stableHash: status.stableRS ?? null,
    currentHash: status.currentPodHash ?? null,
    images: { stable: stableImages, canary: canaryImages },
    containers: [
      ...(template?.initContainers ?? []).map((c) => ({ name: c.name, image: c.image ?? "", init: true })),
      ...(template?.containers ?? []).map((c) => ({ name: c.name, image: c.image ?? "", init: false })),
    ],
    replicas: {
      desired: ro.spec.replicas ?? 1,
      current: status.replicas ?? 0,
      updated: status.updatedReplicas ?? 0,
      ready: status.readyReplicas ?? 0,
      available: status.availableReplicas ?? 0,
    },
    blueGreen: blueGreenView(ro, revisions, pause?.reason === "BlueGreenPause" ? pause.resumesAt : null),
    restart: { restartAt: ro.spec.restartAt ?? null, restartedAt: status.restartedAt ?? null, pending: restartPending(ro) },
    revisions,
    scaling: scalingView(ro, input.replicaSets, revisions, input.workload ?? null),
    analysisRuns: analysisRunViews(ro, input.analysisRuns),
    experiments: experimentViews(ro, input.experiments ?? [], input.experimentReplicaSets ?? []),
    actions: availableActions(ro, input.replicaSets, now),
  };
}
