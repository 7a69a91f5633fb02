import { ActionError } from "./errors";

/** A controller that rewrites an object's traffic weights (from the model's owner info). */
export interface WeightsOwner {
  /** The object the controller manages, e.g. "rollouts-demo-vsvc". */
  resource: string;
  controller: "argo-rollouts" | "flagger" | (string & {});
  /** The owning object: the Rollout or Canary. */
  namespace: string;
  name: string;
  /** Routes the controller manages (Argo: trafficRouting.istio.virtualService.routes); absent = all. */
  routes?: readonly string[];
}

const DESCRIPTIONS: Record<string, { owner: string; instead: string }> = {
  "argo-rollouts": { owner: "Argo Rollout", instead: "Use the Rollout actions (promote, abort) instead." },
  flagger: { owner: "Flagger Canary", instead: "Change the Canary resource, or let Flagger promote or roll back." },
};

/**
 * Throws ActionError "Locked" (HTTP 423) when a controller owns the weights
 * `routeName` (or the whole object) would change; otherwise returns.
 */
export function assertNotLocked(owner: WeightsOwner | null | undefined, routeName?: string): void {
  if (!owner) return;
  if (owner.routes && routeName !== undefined && !owner.routes.includes(routeName)) return;
  const d = DESCRIPTIONS[owner.controller] ?? { owner: owner.controller, instead: "Change it through that controller instead." };
  const scope = owner.routes?.length && routeName !== undefined ? ` (route "${routeName}")` : "";
  throw new ActionError("Locked", `${owner.resource}${scope} is managed by ${d.owner} ${owner.namespace}/${owner.name}; the controller would revert this edit. ${d.instead}`);
}
