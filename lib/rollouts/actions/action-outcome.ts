import { planPromote } from "../promote";
import type { ActionOutcome } from "../model/schema";
import type { RolloutWire } from "../wire";
import { promoteRequests } from "./promote";
import { mergePatch, type RolloutRequest } from "./plan";

/**
 * Whether the Argo Rollouts controller acted on a status action (promote,
 * promote-full, abort, retry), judged from the Rollout read back after it:
 * - `taken`: the controller acted on it (or something else superseded it: a
 *   new revision, the opposite action); nothing more to do;
 * - `pending`: the write is there and the controller has not acted yet.
 *   Usually it is about to; but the controller writes the answer of its own
 *   status patch back into its informer cache, and when that answer predates
 *   the action it overwrites the action's watch event there: the controller
 *   reconciles the stale copy, sees nothing to do and waits for its next
 *   resync (minutes). Another watch event fixes that (the Argo Rollouts e2e
 *   suite forces one the same way);
 * - `reverted` (promote only): a pause condition the promote cleared is back
 *   while the rollout is still at the same step of the same revision. The
 *   controller never pauses a step twice once it saw the promote
 *   (`controllerPause` without a `CanaryPauseStep` condition completes the
 *   step), so one of its status writes computed before the promote landed
 *   after it: it writes status with a merge patch without a resourceVersion,
 *   the later write wins. The CLI has the same race (a second promote works).
 */
export type { ActionOutcome };
export type ConfirmedAction = "promote" | "promote-full" | "abort" | "retry";

const CONFIRMED: readonly string[] = ["promote", "promote-full", "abort", "retry"] satisfies ConfirmedAction[];

export function isConfirmedAction(action: string): action is ConfirmedAction {
  return CONFIRMED.includes(action);
}

/** The annotation a nudge sets on the Rollout (metadata only: no new generation, no change to what the controller reads). */
export const RECONCILE_ANNOTATION = "meshdeck.io/reconcile-requested-at";

function promoteOutcome(before: RolloutWire, now: RolloutWire): ActionOutcome {
  const b = before.status ?? {};
  const n = now.status ?? {};
  const cleared = new Set((b.pauseConditions ?? []).map((c) => c.reason));
  // A promote without pause conditions moves the step index itself (mid analysis): nothing to watch.
  if (cleared.size === 0) return "taken";
  if ((n.stableRS ?? "") !== (b.stableRS ?? "")) return "taken";
  if ((n.currentStepIndex ?? null) !== (b.currentStepIndex ?? null)) return "taken";
  if (n.abort) return "taken";
  if ((n.pauseConditions ?? []).some((c) => cleared.has(c.reason))) return "reverted";
  return n.controllerPause ? "pending" : "taken";
}

function promoteFullOutcome(before: RolloutWire, now: RolloutWire): ActionOutcome {
  const b = before.status ?? {};
  const n = now.status ?? {};
  if (!n.promoteFull || n.abort) return "taken";
  if ((n.stableRS ?? "") === (n.currentPodHash ?? "")) return "taken";
  if ((n.currentStepIndex ?? null) !== (b.currentStepIndex ?? null)) return "taken";
  if ((n.canary?.weights?.canary?.weight ?? null) !== (b.canary?.weights?.canary?.weight ?? null)) return "taken";
  return "pending";
}

/** `before`: the Rollout the action was planned from; `now`: read back after it was sent. */
export function actionOutcome(action: ConfirmedAction, before: RolloutWire, now: RolloutWire): ActionOutcome {
  if ((now.status?.currentPodHash ?? "") !== (before.status?.currentPodHash ?? "")) return "taken";
  const n = now.status ?? {};
  switch (action) {
    case "promote":
      return promoteOutcome(before, now);
    case "promote-full":
      return promoteFullOutcome(before, now);
    case "abort":
      // The controller stamps abortedAt when it aborts; a retry since then supersedes.
      return n.abortedAt || !n.abort ? "taken" : "pending";
    case "retry":
      // The controller drops abortedAt when it resumes; an abort since then supersedes.
      return !n.abortedAt || n.abort ? "taken" : "pending";
  }
}

/**
 * The requests re-sending a promote to `ro` (as read back, `reverted`): the
 * same plan as the first time, with the status patch conditional on the
 * resourceVersion read (a 409 means the object moved on: read again).
 */
export function promoteAgainRequests(ro: RolloutWire): RolloutRequest[] {
  const resourceVersion = ro.metadata.resourceVersion;
  return promoteRequests(ro, planPromote(ro, "default")).map((r) => {
    if (r.verb !== "patch" || r.subresource !== "status" || !resourceVersion) return r;
    return { ...r, body: { ...(r.body as Record<string, unknown>), metadata: { resourceVersion } } };
  });
}

/**
 * A write that changes nothing the controller reads but makes a watch event,
 * so it reconciles a fresh copy (`pending` for too long): {@link RECONCILE_ANNOTATION}
 * set to `at` (RFC 3339) on the Rollout.
 */
export function nudgeRequests(ro: RolloutWire, at: string): RolloutRequest[] {
  return [mergePatch(ro, { metadata: { annotations: { [RECONCILE_ANNOTATION]: at } } })];
}
