import type { RolloutWire } from "../wire";
import type { RolloutPhase } from "./schema";

// The phase Argo shows for a Rollout: a port of utils/rollout GetRolloutPhase
// and CalculateRolloutPhase (v1.9), as `kubectl argo rollouts get` computes it
// from the object the API server returns.

export interface PhaseAndMessage {
  phase: RolloutPhase;
  message: string;
}

const PHASES: ReadonlySet<string> = new Set<RolloutPhase>(["Healthy", "Progressing", "Paused", "Degraded"]);

/** Go's strconv.Atoi for the observedGeneration string; null when it is not a number. */
function atoi(value: string | number | null | undefined): number | null {
  if (typeof value === "number") return Number.isInteger(value) ? value : null;
  if (value === null || value === undefined || !/^[+-]?\d+$/.test(value)) return null;
  return Number(value);
}

function isGenerationObserved(ro: RolloutWire): boolean {
  const observed = atoi(ro.status?.observedGeneration);
  if (observed === null) return true;
  return observed >= (ro.metadata.generation ?? 0);
}

/** The controller cleared the pause conditions but has not unpaused yet (status.controllerPause still set). */
export function isUnpausing(ro: RolloutWire): boolean {
  return !!ro.status?.controllerPause && (ro.status.pauseConditions ?? []).length === 0;
}

export function isFullyPromoted(ro: RolloutWire): boolean {
  return (ro.status?.stableRS ?? "") === (ro.status?.currentPodHash ?? "");
}

function replicasOrDefault(ro: RolloutWire): number {
  return ro.spec.replicas ?? 1;
}

export function restartPending(ro: RolloutWire): boolean {
  const at = ro.spec.restartAt;
  if (!at) return false;
  const done = ro.status?.restartedAt;
  return !done || Date.parse(at) !== Date.parse(done);
}

function analysisCompleted(status: string | null | undefined): boolean {
  return status === "Successful" || status === "Failed" || status === "Error" || status === "Inconclusive";
}

/** CalculateRolloutPhase: the phase from spec and status alone (when the controller has not written status.phase). */
export function calculateRolloutPhase(ro: RolloutWire): PhaseAndMessage {
  const status = ro.status ?? {};
  for (const cond of status.conditions ?? []) {
    if (cond.type === "InvalidSpec") return { phase: "Degraded", message: `InvalidSpec: ${cond.message ?? ""}` };
    if (cond.reason === "RolloutAborted" || cond.reason === "ProgressDeadlineExceeded") return { phase: "Degraded", message: `${cond.reason}: ${cond.message ?? ""}` };
  }
  if (ro.spec.paused) return { phase: "Paused", message: "manually paused" };
  const firstPause = status.pauseConditions?.[0];
  if (firstPause) return { phase: "Paused", message: firstPause.reason };
  if (restartPending(ro)) return { phase: "Progressing", message: "rollout is restarting" };
  if ((status.updatedReplicas ?? 0) < replicasOrDefault(ro)) return { phase: "Progressing", message: "more replicas need to be updated" };
  if ((status.availableReplicas ?? 0) < (status.updatedReplicas ?? 0)) return { phase: "Progressing", message: "updated replicas are still becoming available" };
  const { blueGreen, canary } = ro.spec.strategy;
  if (blueGreen) {
    const active = status.blueGreen?.activeSelector ?? "";
    if (active === "" || active !== (status.currentPodHash ?? "")) return { phase: "Progressing", message: "active service cutover pending" };
    if (!status.stableRS || !isFullyPromoted(ro)) {
      const waitingForAnalysis = !!blueGreen.postPromotionAnalysis && !analysisCompleted(status.blueGreen?.postPromotionAnalysisRunStatus?.status);
      return { phase: "Progressing", message: waitingForAnalysis ? "waiting for analysis to complete" : "waiting for post-promotion verification to complete" };
    }
  } else if (canary) {
    if (!canary.trafficRouting && (status.replicas ?? 0) > (status.updatedReplicas ?? 0)) return { phase: "Progressing", message: "old replicas are pending termination" };
    if (!status.stableRS || !isFullyPromoted(ro)) return { phase: "Progressing", message: "waiting for all steps to complete" };
  }
  return { phase: "Healthy", message: "" };
}

/** GetRolloutPhase: what `kubectl argo rollouts get` and the Argo dashboard show. */
export function rolloutPhase(ro: RolloutWire): PhaseAndMessage {
  if (!isGenerationObserved(ro)) return { phase: "Progressing", message: "waiting for rollout spec update to be observed" };
  if (isUnpausing(ro)) return { phase: "Progressing", message: "waiting for rollout to unpause" };
  const phase = ro.status?.phase;
  if (phase && PHASES.has(phase)) return { phase: phase as RolloutPhase, message: ro.status?.message ?? "" };
  return calculateRolloutPhase(ro);
}
