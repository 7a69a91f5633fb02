import type { ObjectView } from "@/lib/api/actions";
import { AppError } from "@/lib/errors/app-error";
import { isActionError, type ActionError, type WeightsOwner } from "@/lib/istio/actions";

/** A planner's ActionError as the API's AppError (same codes; field errors become `issues`). */
export function fromActionError(error: ActionError, extras?: Record<string, unknown>): AppError {
  const issues = error.issues();
  return new AppError({ code: error.code, message: error.message, ...(issues.length > 0 ? { issues } : {}) }, { cause: error, ...(extras ? { extras } : {}) });
}

/** Passes AppErrors through and maps ActionErrors; anything else is left for errorResponse (Internal). */
export function toApiError(error: unknown): unknown {
  return isActionError(error) ? fromActionError(error) : error;
}

/** 409 carrying the fresh object, so the client can show what changed and plan again. */
export function conflictError(message: string, current: ObjectView | undefined, cause?: unknown): AppError {
  return new AppError({ code: "Conflict", message }, { cause, ...(current ? { extras: { current } } : {}) });
}

/** 423 naming the controller and pointing at what to use instead (message from assertNotLocked). */
export function lockedError(error: ActionError, owner: WeightsOwner): AppError {
  return fromActionError(error, {
    owner: { controller: owner.controller, namespace: owner.namespace, name: owner.name, ...(owner.routes ? { routes: [...owner.routes] } : {}) },
  });
}
