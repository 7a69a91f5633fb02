import type { ReplicaSetWire, RolloutWire } from "../wire";
import { assertAvailable } from "./availability";
import { statusMergePatch, type RolloutActionPlan } from "./plan";

/** retry.go's patch, for canary and blue-green alike (v1.9 sends nothing else). */
export const RETRY_PATCH = { status: { abort: false } } as const;

/**
 * `kubectl argo rollouts retry rollout`: a merge patch of the status
 * subresource, to the main resource on 404. Conflict unless the rollout is
 * aborted or Degraded.
 */
export function planRetry(ro: RolloutWire, replicaSets: readonly ReplicaSetWire[], now: number): RolloutActionPlan {
  assertAvailable("retry", ro, replicaSets, now);
  return { action: "retry", namespace: ro.metadata.namespace ?? "default", name: ro.metadata.name, requests: [statusMergePatch(ro, RETRY_PATCH)], message: `rollout '${ro.metadata.name}' retried` };
}
