import { AppError } from "@/lib/errors/app-error";
import { isWriteRequest } from "@/lib/observability/route-label";

export const READ_ONLY_MESSAGE = "Meshdeck runs read-only (MESHDECK_READ_ONLY=true): changes are disabled";

/** The typed refusal of a write in read-only mode: 403 Forbidden with `reason: "ReadOnly"` beside `error`. */
export function readOnlyError(): AppError {
  return new AppError({ code: "Forbidden", message: READ_ONLY_MESSAGE }, { extras: { reason: "ReadOnly" } });
}

/** Whether read-only mode refuses this request (state-changing /api calls except sign-in/out and context choice). */
export function refusedAsReadOnly(readOnly: boolean, method: string, path: string): boolean {
  return readOnly && isWriteRequest(method, path);
}
