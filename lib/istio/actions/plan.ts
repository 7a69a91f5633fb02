import type { ObjectMeta } from "@/lib/istio/wire";
import { auditAnnotations, type SectionKey, type SectionValue } from "./audit";
import { cloneJson, jsonEqual } from "./canonical-json";
import { ActionError, parseInput } from "./errors";
import { replacingMergePatch } from "./merge-patch";
import { actionContextSchema, type ActionContext } from "./schemas";

/** The part of a Kubernetes object the planners rely on. */
export interface PlannableObject {
  apiVersion: string;
  kind: string;
  metadata: ObjectMeta;
  spec: Record<string, unknown>;
}

/**
 * JSON merge patch (RFC 7386) for the object's main resource. Always carries
 * `metadata.resourceVersion` (the API server answers 409 if the object changed
 * since it was planned); replaces one `spec` member as a whole (an array as is,
 * an object with null for each key it drops); merges the audit annotations into
 * `metadata.annotations`.
 */
export interface MergePatch {
  metadata: { resourceVersion: string; annotations?: Record<string, string> };
  spec?: Record<string, unknown>;
}

export interface ActionPlan<T> {
  /** Send with Content-Type application/merge-patch+json — only when `changed`. */
  patch: MergePatch;
  /** The full object as it will be once the patch is applied (resourceVersion as planned). */
  result: T;
  /** One line for people: what the action does. */
  summary: string;
  /** false: the object already is as asked; `patch` then only carries the resourceVersion. */
  changed: boolean;
  /** Machine name of the action, as recorded in the audit annotations. */
  action: string;
}

export function requireResourceVersion(object: PlannableObject): string {
  const rv = object.metadata.resourceVersion;
  if (!rv) {
    throw new ActionError("Unprocessable", `${object.kind} ${object.metadata.name} has no metadata.resourceVersion: plan on the object as read from the API server`);
  }
  return rv;
}

export function objectLabel(object: PlannableObject): string {
  return `${object.kind} ${object.metadata.namespace ? `${object.metadata.namespace}/` : ""}${object.metadata.name}`;
}

/**
 * The one place a plan is made: `spec[section]` becomes `next` (undefined removes it).
 * When `next` equals the current section as JSON, the plan is a no-op: changed false,
 * no annotation is touched and the result equals the current object.
 */
export function planSectionChange<T extends PlannableObject>(
  current: T,
  section: SectionKey,
  next: SectionValue | undefined,
  action: string,
  summary: string,
  context: ActionContext,
  /** An undo: the id of the change it undoes. */
  undoes?: string,
): ActionPlan<T> {
  const ctx = parseInput(actionContextSchema, context, "action context");
  const resourceVersion = requireResourceVersion(current);
  const previous = current.spec[section] as SectionValue | undefined;
  if (jsonEqual(previous ?? null, next ?? null)) {
    return { patch: { metadata: { resourceVersion } }, result: cloneJson(current), summary: `${summary} (already in effect)`, changed: false, action };
  }
  const nextSpec: Record<string, unknown> = { ...current.spec, [section]: next };
  if (next === undefined) delete nextSpec[section];
  const entry = { who: ctx.user, when: ctx.now, action, summary, ...(undoes !== undefined ? { undoes } : {}) };
  const annotations = auditAnnotations(current.metadata.annotations, entry, section, previous, nextSpec);
  const result = cloneJson({
    ...current,
    metadata: { ...current.metadata, annotations: { ...current.metadata.annotations, ...annotations } },
    spec: nextSpec,
  });
  return {
    patch: { metadata: { resourceVersion, annotations }, spec: { [section]: replacingMergePatch(previous, next) } },
    result,
    summary,
    changed: true,
    action,
  };
}
