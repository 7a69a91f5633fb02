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

/**
 * The writes an action needs permission for, whatever the Rollout's phase (so
 * a caller who may not make them hears 403 before any 409/422 about the
 * phase): the status subresource for promote, abort and retry (the Argo CLI's
 * first request), the Rollout for restart, and for undo and set-image the
 * Rollout or the workload its workloadRef names (what the CLI writes).
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
