import type { LabKube } from "./kube-client.js";
import type { Motion } from "./demo-motion.js";
import { sendAndConfirm } from "./rollout-requests.js";
import { planRetry } from "@/lib/rollouts/actions/retry";
import { parseRollout } from "@/lib/rollouts/wire";

// While `npm run demo` runs, a Rollout of the motion that the controller
// aborts by itself (its analysis failed) is retried `retryAfterSeconds` after
// the abort was first seen, as `kubectl argo rollouts retry rollout` does: the
// update starts again from its first step, the analysis fails again, the
// controller aborts it again, and so on, so the demo keeps showing the cycle.

const RO = ["argoproj.io/v1alpha1", "Rollout"] as const;

type Retried = Motion["rollouts"][number] & { retryAfterSeconds: number };

/** When each Rollout was first seen aborted (epoch ms), by "namespace/name"; absent while it is not. */
export type AbortsSeen = Map<string, number>;

/** Whether an abort first seen at `since` is due for its retry at `now`. */
export function retryDue(since: number | undefined, now: number, afterSeconds: number): boolean {
  return since !== undefined && now - since >= afterSeconds * 1000;
}

/**
 * One look at a Rollout: records when it was first seen aborted, and retries
 * it once that is `retryAfterSeconds` old. Returns whether it sent the retry.
 */
export async function retryIfDue(kube: LabKube, r: Retried, seen: AbortsSeen, now: number): Promise<boolean> {
  const key = `${r.namespace}/${r.name}`;
  const ro = parseRollout(await kube.get(RO[0], RO[1], r.namespace, r.name));
  if (!ro.status?.abort) {
    seen.delete(key);
    return false;
  }
  if (!seen.has(key)) seen.set(key, now);
  if (!retryDue(seen.get(key), now, r.retryAfterSeconds)) return false;
  await sendAndConfirm(kube, planRetry(ro, [], now), ro);
  seen.delete(key);
  return true;
}

/** Looks at the motion's retried Rollouts every `tickMs` until stopped; returns the function that stops it. */
export function keepRetrying(kube: LabKube, motion: Motion, log: (m: string) => void, tickMs = 5_000): () => void {
  const retried = motion.rollouts.filter((r): r is Retried => r.retryAfterSeconds !== undefined);
  const seen: AbortsSeen = new Map();
  let busy = false;
  const tick = async () => {
    if (busy) return;
    busy = true;
    try {
      for (const r of retried) if (await retryIfDue(kube, r, seen, Date.now())) log(`Rollout ${r.namespace}/${r.name}: aborted ${r.retryAfterSeconds} s ago, retried`);
    } catch (e) {
      log(`retrying aborted Rollouts: ${e instanceof Error ? e.message : String(e)}`);
    } finally {
      busy = false;
    }
  };
  const timer = setInterval(() => void tick(), tickMs);
  return () => clearInterval(timer);
}
