import { parseTime } from "../model/durations";
import { rolloutPhase, restartPending, type PhaseAndMessage } from "../model/phase";
import type { ActionAvailability, ActionName, RolloutActions } from "../model/schema";
import type { ReplicaSetWire, RolloutWire } from "../wire";
import { RolloutActionError } from "./errors";
import { findUndoReplicaSet } from "./revision";

const on = (reason: string): ActionAvailability => ({ enabled: true, reason, denied: null });
const off = (reason: string): ActionAvailability => ({ enabled: false, reason, denied: null });

function notDeploying(action: string, p: PhaseAndMessage, aborted: boolean): ActionAvailability {
  if (aborted) return off(`The rollout is aborted: retry it (or undo) before you ${action}.`);
  if (p.phase === "Healthy") return off(`The rollout is Healthy: no update is in progress to ${action}.`);
  return off(`The rollout is ${p.phase}${p.message ? ` (${p.message})` : ""}: only a Progressing or Paused rollout can ${action === "abort" ? "be aborted" : "be promoted"}.`);
}

function promoteReason(ro: RolloutWire): string {
  const reason = ro.status?.pauseConditions?.[0]?.reason;
  if (reason === "BlueGreenPause") return "Switches the active Service to the preview ReplicaSet.";
  if (reason === "CanaryPauseStep") return "Ends the pause and moves to the next step.";
  if (reason === "InconclusiveAnalysisRun" || reason === "InconclusiveExperiment") return "Accepts the inconclusive result and moves to the next step.";
  if (ro.spec.paused) return "Unpauses the rollout.";
  return ro.spec.strategy.canary ? "Skips the current step." : "Resumes the rollout.";
}

/**
 * Which actions the dashboard offers for a Rollout, and why (not): abort and
 * promote while it is Progressing or Paused (as Argo's own UI), retry once it is
 * aborted or Degraded, undo when there is a previous revision, restart unless
 * one is still under way, set image when the pod template has containers.
 */
export function availableActions(ro: RolloutWire, replicaSets: readonly ReplicaSetWire[], now: number): RolloutActions {
  if (ro.metadata.deletionTimestamp) {
    const gone = off("The rollout is being deleted.");
    return { promote: gone, "promote-full": gone, abort: gone, retry: gone, restart: gone, undo: gone, "set-image": gone };
  }
  const p = rolloutPhase(ro);
  const aborted = !!ro.status?.abort;
  const deploying = !aborted && (p.phase === "Progressing" || p.phase === "Paused");

  const promote = deploying ? on(promoteReason(ro)) : notDeploying("promote", p, aborted);
  const promoteFull = deploying ? on("Skips the remaining steps, pauses and analyses and makes the new version stable.") : notDeploying("promote", p, aborted);
  const abort = deploying ? on("Stops the update and sends all traffic back to the stable version.") : notDeploying("abort", p, aborted);
  const retry =
    aborted || p.phase === "Degraded"
      ? on(aborted ? "Clears the abort: the update starts again from the first step." : "Clears the abort flag so the controller tries the update again.")
      : off(`The rollout is ${p.phase}: only an aborted or Degraded rollout can be retried.`);

  let restart: ActionAvailability = on("Restarts the pods one at a time (evicts those older than the restart time).");
  if (restartPending(ro)) {
    const at = ro.spec.restartAt ?? "";
    const t = parseTime(at);
    restart = off(t !== null && t > now ? `A restart is already scheduled for ${at}.` : `The restart requested at ${at} has not finished yet.`);
  }

  const prev = findUndoReplicaSet(ro, replicaSets, 0);
  const undo = prev.ok ? on(`Rolls the pod template back to revision ${prev.revision}.`) : off("There is no previous revision to roll back to.");

  const containers = (ro.spec.template?.spec?.containers ?? []).length + (ro.spec.template?.spec?.initContainers ?? []).length;
  const ref = ro.spec.workloadRef;
  const setImage = ref
    ? on(`Updates the image in ${ref.kind} ${ref.name}, where the pod template comes from (workloadRef).`)
    : containers > 0
      ? on("Updates a container's image: a new revision rolls out through the steps.")
      : off("The pod template has no containers.");

  return { promote, "promote-full": promoteFull, abort, retry, restart, undo, "set-image": setImage };
}

/** Throws a "Conflict" RolloutActionError (HTTP 409, with the reason) unless the action is available. */
export function assertAvailable(action: ActionName, ro: RolloutWire, replicaSets: readonly ReplicaSetWire[], now: number): void {
  const a = availableActions(ro, replicaSets, now)[action];
  if (!a.enabled) throw new RolloutActionError("Conflict", a.reason, { action });
}
