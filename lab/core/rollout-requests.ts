import { KubeError, type LabKube } from "./kube-client.js";
import { isConfirmedAction } from "@/lib/rollouts/actions/action-outcome";
import { confirmAction } from "@/lib/rollouts/actions/confirm";
import type { RolloutActionPlan, RolloutRequest } from "@/lib/rollouts/actions/plan";
import { parseRollout, type RolloutWire } from "@/lib/rollouts/wire";

/**
 * Sends a Rollout action plan's requests (lib/rollouts/actions) as the Argo
 * CLI does: in order; a 404 on one with `onNotFound` sends those instead of it
 * and of the rest.
 */
export async function sendRolloutRequests(k: LabKube, requests: readonly RolloutRequest[]): Promise<void> {
  for (const r of requests) {
    try {
      if (r.verb === "update") await k.json("PUT", await k.pathFor(r.target.apiVersion, r.target.kind, r.target.namespace, r.target.name), r.body);
      else await k.patch(r.target.apiVersion, r.target.kind, r.target.namespace, r.target.name, r.body, r.patchType, r.subresource ?? "");
    } catch (e) {
      if (r.verb === "patch" && r.onNotFound && e instanceof KubeError && e.status === 404) return sendRolloutRequests(k, r.onNotFound);
      throw e;
    }
  }
}

/**
 * Sends a plan and, for a status action, waits as the dashboard does until the
 * controller acted on it (re-sending a promote a stale controller write undid,
 * nudging a controller that missed the change): lib/rollouts/actions/confirm.
 * Returns the follow-up writes it took.
 */
export async function sendAndConfirm(k: LabKube, plan: RolloutActionPlan, before: RolloutWire): Promise<number> {
  await sendRolloutRequests(k, plan.requests);
  if (!isConfirmedAction(plan.action) || plan.requests.length === 0) return 0;
  const { followUps } = await confirmAction(
    {
      read: async () => parseRollout(await k.get("argoproj.io/v1alpha1", "Rollout", plan.namespace, plan.name)),
      send: (requests) => sendRolloutRequests(k, requests),
      isConflict: (e) => e instanceof KubeError && e.status === 409,
      sleep: (ms) => new Promise((r) => setTimeout(r, ms)),
      now: () => Date.now(),
    },
    plan.action,
    before,
  );
  return followUps;
}
