import type { ActionName, DeniedWrite, RolloutActions } from "../model/schema";
import { planPromote } from "../promote";
import type { RolloutWire } from "../wire";
import type { RolloutActionRequest } from "./index";

/** One write an action makes, as SelfSubjectAccessReview attributes. */
export interface ActionAccess {
  verb: "patch" | "update";
  group: string;
  resource: string;
  subresource?: "status";
  namespace: string;
  name: string;
}

const WORKLOAD_RESOURCE: Record<string, { group: string; resource: string }> = {
  Deployment: { group: "apps", resource: "deployments" },
  ReplicaSet: { group: "apps", resource: "replicasets" },
  PodTemplate: { group: "", resource: "podtemplates" },
};

/** Whether promote (or promote --full) also patches the main resource (spec.paused), as the CLI does. */
function promotePatchesSpec(ro: RolloutWire, full: boolean): boolean {
  try {
    return planPromote(ro, full ? "full" : "default").specPatch !== undefined;
  } catch {
    return false;
  }
}

/**
 * The writes an action needs permission for, whatever the Rollout's phase (so
 * a caller who may not make them hears 403 before any 409/422 about the
 * phase): the status subresource for promote, abort and retry (the Argo CLI's
 * first request) — and the Rollout too for a promote unpausing spec.paused —,
 * the Rollout for restart, and for undo and set-image the Rollout or the
 * workload its workloadRef names (what the CLI writes).
 */
export function actionAccess(request: RolloutActionRequest, ro: RolloutWire): ActionAccess[] {
  const namespace = ro.metadata.namespace ?? "default";
  const rollout = { group: "argoproj.io", resource: "rollouts", namespace, name: ro.metadata.name };
  const ref = ro.spec.workloadRef;
  const workload = ref ? WORKLOAD_RESOURCE[ref.kind] : undefined;
  const template = ref && workload ? { ...workload, namespace, name: ref.name } : rollout;
  switch (request.action) {
    case "promote":
    case "promote-full":
      return [{ verb: "patch", ...rollout, subresource: "status" }, ...(promotePatchesSpec(ro, request.action === "promote-full") ? [{ verb: "patch" as const, ...rollout }] : [])];
    case "abort":
    case "retry":
      return [{ verb: "patch", ...rollout, subresource: "status" }];
    case "restart":
      return [{ verb: "patch", ...rollout }];
    case "undo":
      return [{ verb: "patch", ...template }];
    case "set-image":
      return [{ verb: "update", ...(ref?.kind === "Deployment" ? template : rollout) }];
  }
}

/** `patch rollouts.argoproj.io/status "web" in namespace shop`: the write, as the 403 names it. */
export function describeWrite(access: { verb: string; group: string; resource: string; namespace: string; subresource?: string | null | undefined; name?: string | undefined }): string {
  const resource = `${access.resource}${access.group ? `.${access.group}` : ""}${access.subresource ? `/${access.subresource}` : ""}`;
  return `${access.verb} ${resource}${access.name ? ` "${access.name}"` : ""} in namespace ${access.namespace}`;
}

/** The access of each action (set-image and undo as any container or revision would need). */
export function accessByAction(ro: RolloutWire): Record<ActionName, ActionAccess[]> {
  return {
    promote: actionAccess({ action: "promote" }, ro),
    "promote-full": actionAccess({ action: "promote-full" }, ro),
    abort: actionAccess({ action: "abort" }, ro),
    retry: actionAccess({ action: "retry" }, ro),
    restart: actionAccess({ action: "restart" }, ro),
    undo: actionAccess({ action: "undo" }, ro),
    "set-image": actionAccess({ action: "set-image", container: "*", image: "x" }, ro),
  };
}

/**
 * The actions with those the caller may not make turned off: `denied(access)`
 * answers whether RBAC refuses a write (SelfSubjectAccessReview as the
 * caller). The reason names the verb and resource, as the 403 would.
 */
export async function withCallerRights(actions: RolloutActions, ro: RolloutWire, denied: (access: ActionAccess) => Promise<boolean>): Promise<RolloutActions> {
  const byAction = Object.entries(accessByAction(ro)) as [ActionName, ActionAccess[]][];
  const refusals = await Promise.all(byAction.map(async ([, writes]) => (await Promise.all(writes.map(denied))).findIndex(Boolean)));
  const out = { ...actions };
  byAction.forEach(([action, writes], i) => {
    const access = writes[refusals[i] ?? -1];
    if (!access) return;
    const write: DeniedWrite = { verb: access.verb, group: access.group, resource: access.resource, subresource: access.subresource ?? null, namespace: access.namespace, name: access.name };
    out[action] = { enabled: false, reason: `You may not ${describeWrite(access)} (Kubernetes RBAC), which ${action} needs.`, denied: write };
  });
  return out;
}
