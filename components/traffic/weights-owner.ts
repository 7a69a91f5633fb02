import type { HttpRule, VirtualServiceModel } from "@/lib/istio/model/schema";

/**
 * Who owns the weights of this route, when a controller does: the Rollout
 * writing this very route (Argo's own rule, as the server's 423 decides), or
 * Flagger, which writes every route of the object.
 */
export function weightsOwner(vs: VirtualServiceModel, rule: Pick<HttpRule, "managedBy">): { controller: string; label: string; namespace: string; name: string | null } | null {
  if (rule.managedBy) return { controller: "argo-rollouts", label: "Argo Rollouts", namespace: vs.namespace, name: rule.managedBy.name };
  if (vs.owner.weightsLocked && vs.owner.kind === "flagger") return { controller: "flagger", label: "Flagger", namespace: vs.namespace, name: vs.owner.name };
  return null;
}
