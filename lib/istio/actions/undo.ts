import { z } from "zod";
import { changeIdSchema, readUndo, type UndoRecord } from "./audit";
import { canonicalHash } from "./canonical-json";
import { ActionError } from "./errors";
import { objectLabel, planSectionChange, type ActionPlan, type PlannableObject } from "./plan";
import type { ActionContext } from "./schemas";

/** Body of POST …/undo: which change to undo (the `id` /history reports); omitted: the last one. */
export const undoInputSchema = z.strictObject({ changeId: changeIdSchema.optional() });
export type UndoInput = z.infer<typeof undoInputSchema>;

function isUndo(record: UndoRecord): boolean {
  return record.undoes !== undefined || record.action === "undo";
}

function assertUndoable(label: string, record: UndoRecord, changeId: string | undefined): void {
  if (isUndo(record)) {
    const which = changeId ?? record.undoes;
    throw new ActionError("Conflict", `${label}: ${which ? `change ${which}` : "the last change"} was already undone by ${record.who} at ${record.when}; nothing to undo`);
  }
  if (changeId !== undefined && record.id !== changeId) {
    throw new ActionError("Conflict", `${label}: change ${changeId} is not the last change (that is ${record.id ?? "unnamed"}: "${record.summary}"); only the last change can be undone`);
  }
}

/**
 * Undoes the last Meshdeck change of a VirtualService, HTTPRoute or
 * DestinationRule: restores the recorded previous section exactly, provided
 * the spec is still the one that change produced (hash match), else Conflict.
 * Idempotent: an undo is recorded with the id of the change it undid and is
 * never undone itself, so a second undo of the same change (concurrent or
 * repeated) is a Conflict; with `changeId` the change must also be the last one.
 */
export function planUndo<T extends PlannableObject>(object: T, ctx: ActionContext, input: UndoInput = {}): ActionPlan<T> {
  const record = readUndo(object.metadata.annotations);
  const label = objectLabel(object);
  if (record === undefined) throw new ActionError("NotFound", `${label} has no Meshdeck change to undo`);
  if (record === null) throw new ActionError("Unprocessable", `${label} has an unreadable meshdeck.dev/undo annotation`);
  assertUndoable(label, record, input.changeId);
  if (canonicalHash(object.spec) !== record.specHash) {
    throw new ActionError(
      "Conflict",
      `${label} changed after ${record.who}'s "${record.action}" at ${record.when}; undoing it would discard that later change. Reload and edit instead.`,
    );
  }
  const summary = `Undo "${record.summary}" (${record.who}, ${record.when})`;
  return planSectionChange(object, record.section, record.previous ?? undefined, "undo", summary, ctx, record.id);
}
