import type { ActionName } from "../model/schema";
import type { RolloutWire } from "../wire";

export const ROLLOUT_API_VERSION = "argoproj.io/v1alpha1";

export interface RequestTarget {
  apiVersion: string;
  kind: string;
  namespace: string;
  name: string;
}

/**
 * One write the Argo CLI makes. `patch`: PATCH with a merge patch
 * (application/merge-patch+json) or a JSON patch (application/json-patch+json);
 * `update`: PUT of the whole object (its resourceVersion makes it fail with 409
 * when the object changed: re-read, re-plan and try again, as the CLI does up to
 * five times).
 */
export type RolloutRequest =
  | {
      verb: "patch";
      target: RequestTarget;
      subresource: "status" | null;
      patchType: "merge" | "json";
      body: unknown;
      /**
       * When the server answers 404 for this request — a Rollout CRD without the
       * status subresource (Argo Rollouts before v0.10) — send these instead of
       * this request and of every request after it.
       */
      onNotFound?: RolloutRequest[];
    }
  | { verb: "update"; target: RequestTarget; subresource: null; patchType: null; body: unknown };

export interface RolloutActionPlan {
  action: ActionName;
  namespace: string;
  name: string;
  /** In order; empty when there is nothing to do (see `message`). */
  requests: RolloutRequest[];
  /** What the CLI prints ("rollout 'x' aborted", "skipped rollback (…)"). */
  message: string;
}

export function rolloutTarget(ro: RolloutWire): RequestTarget {
  return { apiVersion: ROLLOUT_API_VERSION, kind: "Rollout", namespace: ro.metadata.namespace ?? "default", name: ro.metadata.name };
}

/** A merge patch of the status subresource, falling back to the main resource on 404 (abort, retry). */
export function statusMergePatch(ro: RolloutWire, body: unknown): RolloutRequest {
  const target = rolloutTarget(ro);
  return { verb: "patch", target, subresource: "status", patchType: "merge", body, onNotFound: [{ verb: "patch", target, subresource: null, patchType: "merge", body }] };
}

export function mergePatch(ro: RolloutWire, body: unknown): RolloutRequest {
  return { verb: "patch", target: rolloutTarget(ro), subresource: null, patchType: "merge", body };
}
