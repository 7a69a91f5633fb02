import { AppError } from "@/lib/errors/app-error";
import type { ActionName } from "../model/schema";

export type RolloutActionErrorCode = "Conflict" | "Unprocessable";

/**
 * Why a Rollout action was refused: "Conflict" (HTTP 409) when the Rollout's
 * state does not allow it (the reason says why), "Unprocessable" (HTTP 422)
 * when the request itself is wrong (no such container, revision or duration).
 * An {@link AppError}, so lib/errors' errorResponse maps it to the API's error body.
 */
export class RolloutActionError extends AppError {
  readonly action: ActionName | undefined;

  constructor(code: RolloutActionErrorCode, message: string, opts: { action?: ActionName; field?: string } = {}) {
    super({ code, message, ...(opts.field ? { issues: [{ path: opts.field, message }] } : {}) });
    this.name = "RolloutActionError";
    this.action = opts.action;
  }
}

export function isRolloutActionError(value: unknown): value is RolloutActionError {
  return value instanceof RolloutActionError;
}

/** Conflict for any write to a Rollout that is being deleted. */
export function assertNotDeleting(ro: { metadata: { deletionTimestamp?: string | undefined } }, action: ActionName): void {
  if (ro.metadata.deletionTimestamp) throw new RolloutActionError("Conflict", "The rollout is being deleted.", { action });
}
