import { planPromote, type PromotePlan } from "../promote";
import type { ReplicaSetWire, RolloutWire } from "../wire";
import { assertAvailable } from "./availability";
import { mergePatch, rolloutTarget, type RolloutActionPlan, type RolloutRequest } from "./plan";

/**
 * The requests `kubectl argo rollouts promote` sends for a {@link PromotePlan}:
 * the status patch to the status subresource (on 404: the unified patch to the
 * main resource, and nothing else), then the spec patch.
 */
export function promoteRequests(ro: RolloutWire, plan: PromotePlan): RolloutRequest[] {
  const target = rolloutTarget(ro);
  const requests: RolloutRequest[] = [];
  if (plan.statusPatch) {
    requests.push({
      verb: "patch",
      target,
      subresource: "status",
      patchType: "merge",
      body: plan.statusPatch,
      ...(plan.unifiedPatch ? { onNotFound: [mergePatch(ro, plan.unifiedPatch)] } : {}),
    });
  }
  if (plan.specPatch) requests.push(mergePatch(ro, plan.specPatch));
  return requests;
}

/**
 * `kubectl argo rollouts promote [--full]`. Conflict unless the rollout is
 * Progressing or Paused (as the promote buttons of Argo's own UI).
 */
export function planPromoteAction(ro: RolloutWire, replicaSets: readonly ReplicaSetWire[], now: number, opts: { full?: boolean } = {}): RolloutActionPlan {
  const action = opts.full ? "promote-full" : "promote";
  assertAvailable(action, ro, replicaSets, now);
  const plan = planPromote(ro, opts.full ? "full" : "default");
  return {
    action,
    namespace: ro.metadata.namespace ?? "default",
    name: ro.metadata.name,
    requests: promoteRequests(ro, plan),
    message: opts.full ? `rollout '${ro.metadata.name}' fully promoted` : `rollout '${ro.metadata.name}' promoted`,
  };
}
