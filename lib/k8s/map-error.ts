import "server-only";
import { AppError, isAppError } from "@/lib/errors/app-error";
import type { ErrorCode } from "@/lib/errors/api-error";

/** What was being attempted, so a refusal can name it. */
export interface K8sOperation {
  verb: string;
  /** Plural resource, qualified by group for non-core ones: "virtualservices.networking.istio.io". */
  resource: string;
  namespace?: string;
}

interface StatusBody {
  message?: string;
  reason?: string;
}

/** Structural check for @kubernetes/client-node v2's ApiException and KubeHttpError (code + body, and whose credentials). */
function asApiException(error: unknown): { code: number; body: unknown; caller: boolean } | null {
  if (typeof error !== "object" || error === null) return null;
  const candidate = error as { code?: unknown; body?: unknown; credentials?: unknown };
  if (typeof candidate.code !== "number" || candidate.code < 100 || candidate.code > 599) return null;
  return { code: candidate.code, body: candidate.body, caller: candidate.credentials === "caller" };
}

/** 401: the API server did not accept the credentials at all (not a permission question). */
function unauthorizedMessage(caller: boolean, op: K8sOperation): string {
  const whose = caller ? "the caller's credentials (token expired, revoked or unknown?)" : "Meshdeck's credentials";
  return `Unauthorized: the API server rejected ${whose} (cannot ${describeOp(op)})`;
}

/** The Status object in an error body: client-node v2 hands it over as raw text, sometimes parsed. */
export function parseStatusBody(body: unknown): StatusBody {
  let value: unknown = body;
  if (typeof body === "string") {
    try {
      value = JSON.parse(body);
    } catch {
      return {};
    }
  }
  if (typeof value !== "object" || value === null) return {};
  const { message, reason } = value as Record<string, unknown>;
  return {
    message: typeof message === "string" ? message : undefined,
    reason: typeof reason === "string" ? reason : undefined,
  };
}

function codeForStatus(status: number): ErrorCode {
  if (status === 400) return "BadRequest";
  if (status === 401 || status === 403) return "Forbidden";
  if (status === 404) return "NotFound";
  if (status === 409) return "Conflict";
  if (status === 422) return "Unprocessable";
  if (status === 408 || status === 429 || status >= 500) return "Unavailable";
  return "Internal";
}

const networkErrorCodes = new Set([
  "ECONNREFUSED",
  "ECONNRESET",
  "ENOTFOUND",
  "EAI_AGAIN",
  "ETIMEDOUT",
  "EHOSTUNREACH",
  "ENETUNREACH",
  "UND_ERR_CONNECT_TIMEOUT",
  "UND_ERR_HEADERS_TIMEOUT",
  "UND_ERR_SOCKET",
]);

/** A connection-level failure (fetch failed, refused, timed out, aborted). */
function isNetworkFailure(error: unknown): boolean {
  for (let current: unknown = error, depth = 0; current && depth < 4; depth++) {
    if (typeof current !== "object") return false;
    const { name, code, cause } = current as { name?: unknown; code?: unknown; cause?: unknown };
    if (name === "AbortError" || name === "TimeoutError") return true;
    if (typeof code === "string" && networkErrorCodes.has(code)) return true;
    if (current instanceof TypeError && current.message === "fetch failed") return true;
    current = cause;
  }
  return false;
}

function describeOp(op: K8sOperation): string {
  return `${op.verb} ${op.resource}${op.namespace ? ` in namespace ${op.namespace}` : ""}`;
}

/**
 * Maps anything thrown by @kubernetes/client-node to a typed {@link AppError}.
 * 401/403 become "Forbidden" naming the verb and resource; a 401 names whose
 * credentials were rejected (the caller's: HTTP 401). Messages come from
 * the API server's Status (never from request options, which hold credentials).
 */
export function toAppError(error: unknown, op: K8sOperation): AppError {
  if (isAppError(error)) return error;
  const where = { verb: op.verb, resource: op.resource, ...(op.namespace ? { namespace: op.namespace } : {}) };
  const api = asApiException(error);
  if (api) {
    const code = codeForStatus(api.code);
    const status = parseStatusBody(api.body);
    const message =
      api.code === 401
        ? unauthorizedMessage(api.caller, op)
        : api.code === 403
          ? (status.message ?? `Forbidden: cannot ${describeOp(op)}`)
          : (status.message ?? `Kubernetes API answered ${api.code} to ${describeOp(op)}`);
    // A caller whose credentials were rejected must sign in again: 401, never retried.
    return new AppError({ code, message, ...where }, { cause: error, ...(api.code === 401 && api.caller ? { status: 401 as const } : {}) });
  }
  if (isNetworkFailure(error)) {
    return new AppError(
      { code: "Unavailable", message: `Kubernetes API unreachable (could not ${describeOp(op)})`, ...where },
      { cause: error },
    );
  }
  return new AppError({ code: "Internal", message: `Unexpected error while trying to ${describeOp(op)}`, ...where }, { cause: error });
}
