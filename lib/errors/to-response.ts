import type { z } from "zod";
import type { ApiErrorBody } from "./api-error";
import { AppError, isAppError } from "./app-error";

const noStore = { "cache-control": "no-store" };

function describeError(value: unknown): string {
  return value instanceof Error ? `${value.name}: ${value.message}` : typeof value;
}

/** Logs class and message of the error and its cause only: never request options or headers (they may hold credentials). */
function logUnexpected(error: AppError): void {
  const cause = error.cause === undefined ? "" : ` (cause: ${describeError(error.cause)})`;
  console.error(`[meshdeck] ${error.detail.message}${cause}`);
}

/** JSON error response for any thrown value; unknown errors become a generic "Internal". */
export function errorResponse(error: unknown): Response {
  const appError = isAppError(error)
    ? error
    : new AppError({ code: "Internal", message: "Unexpected server error" }, { cause: error });
  if (appError.code === "Internal") logUnexpected(appError);
  const body: ApiErrorBody = { ...appError.extras, error: appError.detail };
  const headers: Record<string, string> = { ...noStore };
  if (appError.retryAfterSeconds !== undefined) headers["retry-after"] = String(Math.max(1, Math.ceil(appError.retryAfterSeconds)));
  return Response.json(body, { status: appError.status, headers });
}

export function jsonResponse<T>(body: T, init?: { status?: number }): Response {
  return Response.json(body, { status: init?.status ?? 200, headers: noStore });
}

/** A BadRequest AppError from a failed zod parse of query parameters. */
export function badRequestFromZod(error: z.ZodError, what = "query parameters"): AppError {
  return new AppError({
    code: "BadRequest",
    message: `Invalid ${what}`,
    issues: error.issues.map((issue) => ({
      path: issue.path.map(String).join(".") || "(root)",
      message: issue.message,
    })),
  });
}
