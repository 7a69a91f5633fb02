import { imageReferenceError } from "../image-reference";
import type { RolloutWire } from "../wire";
import { assertNotDeleting, RolloutActionError } from "./errors";
import { rolloutTarget, type RolloutActionPlan } from "./plan";

const CONTAINER_LISTS = ["initContainers", "containers", "ephemeralContainers"] as const;

export interface SetImageOptions {
  /** The Deployment a workloadRef Rollout takes its template from (set/set_image.go updates it instead). */
  workload?: { apiVersion?: string; kind?: string; metadata: { name: string; namespace?: string } } & Record<string, unknown>;
}

/** newRolloutSetImage: a copy of `obj` with the image of every container named `container` ("*": all) in spec.template.spec's init, regular and ephemeral containers. */
export function withImage<T extends object>(obj: T, container: string, image: string): { object: T; found: boolean } {
  const copy = structuredClone(obj);
  const spec = ((copy as { spec?: { template?: { spec?: Record<string, unknown> | null } | null } | null }).spec?.template?.spec ?? null) as Record<string, unknown> | null;
  let found = false;
  for (const field of CONTAINER_LISTS) {
    const list = spec?.[field];
    if (!Array.isArray(list)) continue;
    for (const c of list as unknown[]) {
      if (typeof c !== "object" || c === null) continue;
      const ctr = c as Record<string, unknown>;
      if (ctr.name === container || container === "*") {
        ctr.image = image;
        found = true;
      }
    }
  }
  return { object: copy, found };
}

/**
 * `kubectl argo rollouts set image ROLLOUT CONTAINER=IMAGE`: the CLI reads
 * the Rollout and PUTs it back with the image replaced in every container of
 * that name (init, regular and ephemeral; "*" for all). With a workloadRef it
 * does the same to the referenced Deployment. The PUT carries the
 * resourceVersion read: on 409 re-read, re-plan and retry (the CLI tries 5 times).
 * Unprocessable when no container has that name, or the workload was not given.
 */
export function planSetImage(ro: RolloutWire, container: string, image: string, opts: SetImageOptions = {}): RolloutActionPlan {
  const base = { action: "set-image" as const, namespace: ro.metadata.namespace ?? "default", name: ro.metadata.name };
  assertNotDeleting(ro, "set-image");
  if (!container) throw new RolloutActionError("Unprocessable", "a container name (or *) is required", { action: "set-image", field: "container" });
  const imageError = imageReferenceError(image);
  if (imageError) throw new RolloutActionError("Unprocessable", imageError, { action: "set-image", field: "image" });
  const ref = ro.spec.workloadRef;
  if (ref) {
    if (!opts.workload || opts.workload.metadata.name !== ref.name) {
      throw new RolloutActionError("Unprocessable", `the pod template comes from ${ref.kind} ${ref.name} (workloadRef): pass that Deployment to set its image`, { action: "set-image" });
    }
    const { object, found } = withImage(opts.workload, container, image);
    if (!found) throw new RolloutActionError("Unprocessable", `unable to find container named "${container}"`, { action: "set-image", field: "container" });
    return {
      ...base,
      requests: [{ verb: "update", target: { apiVersion: "apps/v1", kind: "Deployment", namespace: base.namespace, name: ref.name }, subresource: null, patchType: null, body: object }],
      message: `deployment "${ref.name}" image updated`,
    };
  }
  const { object, found } = withImage(ro, container, image);
  if (!found) throw new RolloutActionError("Unprocessable", `unable to find container named "${container}"`, { action: "set-image", field: "container" });
  return { ...base, requests: [{ verb: "update", target: rolloutTarget(ro), subresource: null, patchType: null, body: object }], message: `rollout "${ro.metadata.name}" image updated` };
}
