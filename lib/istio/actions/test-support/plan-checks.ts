import { expect } from "vitest";
import { ANNOTATION_HISTORY, ANNOTATION_LAST_CHANGE, ANNOTATION_UNDO } from "../audit";
import { ActionError, type ActionErrorCode } from "../errors";
import type { ActionPlan, PlannableObject } from "../plan";
import { applyMergePatch } from "./merge-patch";

/** The invariants every plan keeps: precondition, patch ≡ result, audit only on change. */
export function checkPlan<T extends PlannableObject>(current: T, plan: ActionPlan<T>): T {
  expect(plan.patch.metadata.resourceVersion).toBe(current.metadata.resourceVersion);
  expect(applyMergePatch(current, plan.patch)).toEqual(plan.result);
  if (plan.changed) {
    const annotations = plan.patch.metadata.annotations ?? {};
    expect(Object.keys(annotations).sort()).toEqual([ANNOTATION_HISTORY, ANNOTATION_LAST_CHANGE, ANNOTATION_UNDO].sort());
    expect(Object.keys(plan.patch.spec ?? {})).toHaveLength(1);
  } else {
    expect(plan.patch).toEqual({ metadata: { resourceVersion: current.metadata.resourceVersion } });
    expect(plan.result).toEqual(current);
  }
  return plan.result;
}

/** The result as the API server would return it: a new resourceVersion. */
export function afterApply<T extends PlannableObject>(plan: ActionPlan<T>, rv = "next"): T {
  return { ...plan.result, metadata: { ...plan.result.metadata, resourceVersion: `${plan.result.metadata.resourceVersion ?? ""}-${rv}` } };
}

export function expectActionError(fn: () => unknown, code: ActionErrorCode, message?: RegExp): ActionError {
  let caught: unknown;
  try {
    fn();
  } catch (error) {
    caught = error;
  }
  expect(caught).toBeInstanceOf(ActionError);
  const error = caught as ActionError;
  expect(error.code).toBe(code);
  if (message) expect(error.message).toMatch(message);
  return error;
}
