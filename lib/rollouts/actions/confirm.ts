import type { RolloutWire } from "../wire";
import { actionOutcome, nudgeRequests, promoteAgainRequests, type ActionOutcome, type ConfirmedAction } from "./action-outcome";
import type { RolloutRequest } from "./plan";

/** The I/O the confirmation needs, so the server (lib/k8s) and the lab's tests drive the same logic. */
export interface ConfirmIo {
  /** Reads the Rollout now (a quorum read). A failure ends the confirmation. */
  read(): Promise<RolloutWire>;
  /** Sends requests in order (see `RolloutRequest.onNotFound`). */
  send(requests: RolloutRequest[]): Promise<void>;
  /** Whether a send failed because the object changed since it was read (HTTP 409). */
  isConflict(error: unknown): boolean;
  sleep(ms: number): Promise<void>;
  now(): number;
  /** Told of each follow-up write (for logs). */
  onFollowUp?(info: { outcome: Exclude<ActionOutcome, "taken">; followUps: number }): void;
  /** Told when a follow-up write failed (other than a conflict); the confirmation ends. */
  onFollowUpError?(error: unknown): void;
}

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

/**
 * After a status action on `before` was sent: reads the Rollout back until the
 * controller acts on it (see `actionOutcome`). A promote whose cleared pause
 * condition came back at the same step is sent again (conditional on the
 * resourceVersion just read; a conflict: read again); an action the controller
 * has not acted on `nudgeAfterMs` after the last write gets a nudge (a fresh
 * watch event). Both are bounded by `maxFollowUps`. Read or write failures end
 * the confirmation quietly: the action itself was accepted.
 */
export async function confirmAction(io: ConfirmIo, action: ConfirmedAction, before: RolloutWire, opts: ConfirmOptions = {}): Promise<Confirmation> {
  const { totalMs = 10_000, pollMs = 200, nudgeAfterMs = 2_000, maxFollowUps = 3 } = opts;
  const started = io.now();
  let lastWrite = started;
  let reference = before;
  let followUps = 0;
  let outcome: ActionOutcome = "pending";
  while (io.now() - started < totalMs) {
    await io.sleep(pollMs);
    let now: RolloutWire;
    try {
      now = await io.read();
    } catch {
      break;
    }
    outcome = actionOutcome(action, reference, now);
    if (outcome === "taken") break;
    if (outcome === "pending" && io.now() - lastWrite < nudgeAfterMs) continue;
    if (followUps >= maxFollowUps) break;
    try {
      await io.send(outcome === "reverted" ? promoteAgainRequests(now) : nudgeRequests(now, new Date(io.now()).toISOString()));
    } catch (error) {
      if (io.isConflict(error)) continue;
      io.onFollowUpError?.(error);
      break;
    }
    followUps += 1;
    lastWrite = io.now();
    if (outcome === "reverted") reference = now;
    io.onFollowUp?.({ outcome, followUps });
  }
  return { followUps, outcome };
}
