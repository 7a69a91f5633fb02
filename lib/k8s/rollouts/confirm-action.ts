import "server-only";
import { setTimeout as sleep } from "node:timers/promises";
import type { KubeHttp } from "@/lib/k8s/identity/kube-http";
import { isKubeHttpError } from "@/lib/k8s/identity/kube-http";
import { logger } from "@/lib/observability/logger";
import { actionOutcome, nudgeRequests, promoteAgainRequests, type ActionOutcome, type ConfirmedAction } from "@/lib/rollouts/actions/action-outcome";
import type { RolloutWire } from "@/lib/rollouts/wire";
import { readRollout } from "./read-rollout";
import { sendRequests, SendError } from "./send";

export interface ConfirmOptions {
  /** Give up watching after this long (ms): the action itself was accepted. */
  totalMs?: number;
  /** Pause between read-backs (ms). */
  pollMs?: number;
  /** An action still `pending` this long after the last write gets a nudge (ms). */
  nudgeAfterMs?: number;
  /** At most this many follow-up writes (re-sent promotes and nudges). */
  maxFollowUps?: number;
}

export interface Confirmation {
  /** Follow-up writes sent: the promote again (a stale controller write undid it) or a nudge (the controller missed the change). */
  followUps: number;
  /** The last outcome seen; `pending` when the controller did not act in time (it is down, or slow). */
  outcome: ActionOutcome;
}

const isConflict = (error: unknown) => error instanceof SendError && isKubeHttpError(error.cause) && error.cause.code === 409;

/**
 * After a status action on `before` was sent: reads the Rollout back until the
 * controller acts on it (see `actionOutcome`). A promote whose cleared pause
 * condition came back at the same step is sent again (conditional on the
 * resourceVersion just read; 409: read again); an action the controller has
 * not acted on after `nudgeAfterMs` gets a nudge (a fresh watch event). Both
 * are bounded by `maxFollowUps`. Read or write failures end the confirmation
 * quietly: the action itself was accepted, and the page shows the real state.
 */
export async function confirmAction(http: KubeHttp, action: ConfirmedAction, before: RolloutWire, opts: ConfirmOptions = {}): Promise<Confirmation> {
  const { totalMs = 10_000, pollMs = 200, nudgeAfterMs = 2_000, maxFollowUps = 3 } = opts;
  const namespace = before.metadata.namespace ?? "default";
  const name = before.metadata.name;
  const started = Date.now();
  let lastWrite = started;
  let reference = before;
  let followUps = 0;
  let outcome: ActionOutcome = "pending";
  while (Date.now() - started < totalMs) {
    await sleep(pollMs);
    let now: RolloutWire;
    try {
      now = await readRollout(http, namespace, name);
    } catch {
      break;
    }
    outcome = actionOutcome(action, reference, now);
    if (outcome === "taken") break;
    if (outcome === "pending" && Date.now() - lastWrite < nudgeAfterMs) continue;
    if (followUps >= maxFollowUps) break;
    try {
      await sendRequests(http, outcome === "reverted" ? promoteAgainRequests(now) : nudgeRequests(now, new Date().toISOString()));
    } catch (error) {
      if (isConflict(error)) continue;
      logger().warn({ namespace, name, action, outcome, err: error instanceof Error ? error.message : String(error) }, "rollout action follow-up failed");
      break;
    }
    followUps += 1;
    lastWrite = Date.now();
    if (outcome === "reverted") reference = now;
    logger().info({ namespace, name, action, outcome, followUps }, outcome === "reverted" ? "promote undone by a stale controller write: sent again" : "controller has not acted yet: nudged it");
  }
  return { followUps, outcome };
}
