import { readUndo } from "./audit";
import { canonicalHash } from "./canonical-json";
import { ActionError } from "./errors";
import { objectLabel, planSectionChange, type ActionPlan, type PlannableObject } from "./plan";
import type { ActionContext } from "./schemas";

/**
 * Undoes the last Meshdeck change of a VirtualService, HTTPRoute or
 * DestinationRule: restores the recorded previous section exactly, provided
 * the spec is still the one that change produced (hash match), else Conflict.
 * The undo is itself a change, so undoing it again redoes the original change.
 */
export function planUndo<T extends PlannableObject>(object: T, ctx: ActionContext): ActionPlan<T> {
  const record = readUndo(object.metadata.annotations);
  const label = objectLabel(object);
  if (record === undefined) throw new ActionError("NotFound", `${label} has no Meshdeck change to undo`);
  if (record === null) throw new ActionError("Unprocessable", `${label} has an unreadable meshdeck.dev/undo annotation`);
  if (canonicalHash(object.spec) !== record.specHash) {
    throw new ActionError(
      "Conflict",
      `${label} changed after ${record.who}'s "${record.action}" at ${record.when}; undoing it would discard that later change. Reload and edit instead.`,
    );
  }
  const summary = `Undo "${record.summary}" (${record.who}, ${record.when})`;
  return planSectionChange(object, record.section, record.previous ?? undefined, "undo", summary, ctx);
}
