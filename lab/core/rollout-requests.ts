import { KubeError, type LabKube } from "./kube-client.js";
import type { RolloutRequest } from "@/lib/rollouts/actions/plan";

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
