import type { ReplicaSetWire, RolloutWire } from "../wire";
import { assertAvailable } from "./availability";
import { statusMergePatch, type RolloutActionPlan } from "./plan";

/** abort.go's patch: the Rollout stops and the stable ReplicaSet takes all traffic back. */
export const ABORT_PATCH = { status: { abort: true } } as const;

/**
 * `kubectl argo rollouts abort`: a merge patch of the status subresource,
 * sent to the main resource instead when the status subresource answers 404.
 * Conflict unless the rollout is Progressing or Paused.
 */
export function planAbort(ro: RolloutWire, replicaSets: readonly ReplicaSetWire[], now: number): RolloutActionPlan {
  assertAvailable("abort", ro, replicaSets, now);
  return { action: "abort", namespace: ro.metadata.namespace ?? "default", name: ro.metadata.name, requests: [statusMergePatch(ro, ABORT_PATCH)], message: `rollout '${ro.metadata.name}' aborted` };
}
