import { POD_TEMPLATE_HASH_LABEL, type ReplicaSetWire, type RolloutWire } from "../wire";
import { deepDerivative } from "./deep-derivative";
import { assertNotDeleting, RolloutActionError } from "./errors";
import type { RequestTarget, RolloutActionPlan } from "./plan";
import { rolloutTarget } from "./plan";
import { findUndoReplicaSet } from "./revision";

export interface UndoOptions {
  /** `--to-revision`; 0 or absent: the previous revision. */
  toRevision?: number;
}

type Template = Record<string, unknown>;

function withoutHashLabel(template: unknown): Template {
  const t = structuredClone((template ?? {}) as Template);
  const metadata = t.metadata as { labels?: Record<string, string> } | null | undefined;
  if (metadata?.labels) {
    delete metadata.labels[POD_TEMPLATE_HASH_LABEL];
    // A typed PodTemplateSpec drops an emptied label map (omitempty).
    if (Object.keys(metadata.labels).length === 0) delete metadata.labels;
  }
  return t;
}

const WORKLOAD_API: Record<string, string> = { Deployment: "apps/v1", ReplicaSet: "apps/v1", PodTemplate: "v1" };

/**
 * `kubectl argo rollouts undo [--to-revision N]` (undo.go): the pod template
 * of the ReplicaSet of that revision (default: the previous one), without its
 * rollouts-pod-template-hash label, as a JSON patch
 * `[{"op":"replace","path":"/spec/template","value":…}]` of the Rollout — or of
 * the workload its workloadRef names. Only the template goes back: the
 * ReplicaSet's own annotations are not copied (undo.go passes none). When the
 * Rollout's template already matches (DeepDerivative, hash label ignored),
 * nothing is sent.
 * Conflict without a previous revision; Unprocessable for a revision not in history.
 */
export function planUndo(ro: RolloutWire, replicaSets: readonly ReplicaSetWire[], opts: UndoOptions = {}): RolloutActionPlan {
  assertNotDeleting(ro, "undo");
  const toRevision = opts.toRevision ?? 0;
  if (!Number.isInteger(toRevision) || toRevision < 0) throw new RolloutActionError("Unprocessable", "toRevision must be a whole number ≥ 0", { action: "undo", field: "toRevision" });
  const found = findUndoReplicaSet(ro, replicaSets, toRevision);
  if (!found.ok) throw new RolloutActionError(found.reason === "not-found" ? "Unprocessable" : "Conflict", found.message, { action: "undo", ...(found.reason === "not-found" ? { field: "toRevision" } : {}) });
  const base = { action: "undo" as const, namespace: ro.metadata.namespace ?? "default", name: ro.metadata.name };

  const current = ro.spec.template ? withoutHashLabel(ro.spec.template) : null;
  const target = withoutHashLabel(found.replicaSet.spec.template);
  if (current && deepDerivative(current, target)) {
    return { ...base, requests: [], message: `skipped rollback (current template already matches revision ${found.revision})` };
  }

  let requestTarget: RequestTarget = rolloutTarget(ro);
  const ref = ro.spec.workloadRef;
  if (ref) {
    const apiVersion = WORKLOAD_API[ref.kind];
    if (!apiVersion) throw new RolloutActionError("Unprocessable", `workload of type ${ref.kind} is not supported`, { action: "undo" });
    requestTarget = { apiVersion, kind: ref.kind, namespace: base.namespace, name: ref.name };
  }
  return {
    ...base,
    requests: [{ verb: "patch", target: requestTarget, subresource: null, patchType: "json", body: [{ op: "replace", path: "/spec/template", value: target }] }],
    message: `rollout '${ro.metadata.name}' undo`,
  };
}
