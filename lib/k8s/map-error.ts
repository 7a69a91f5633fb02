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

/** Structural check for @kubernetes/client-node v2's ApiException (code + body). */
function asApiException(error: unknown): { code: number; body: unknown } | null {
  if (typeof error !== "object" || error === null) return null;
  const candidate = error as { code?: unknown; body?: unknown };
  if (typeof candidate.code !== "number" || candidate.code < 100 || candidate.code > 599) return null;
  return { code: candidate.code, body: candidate.body };
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
 * 401/403 become "Forbidden" naming the verb and resource. Messages come from
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
        ? `Unauthorized: the API server rejected Meshdeck's credentials (cannot ${describeOp(op)})`
        : api.code === 403
          ? (status.message ?? `Forbidden: cannot ${describeOp(op)}`)
          : (status.message ?? `Kubernetes API answered ${api.code} to ${describeOp(op)}`);
    return new AppError({ code, message, ...where }, { cause: error });
  }
  if (isNetworkFailure(error)) {
    return new AppError(
      { code: "Unavailable", message: `Kubernetes API unreachable (could not ${describeOp(op)})`, ...where },
      { cause: error },
    );
  }
  return new AppError({ code: "Internal", message: `Unexpected error while trying to ${describeOp(op)}`, ...where }, { cause: error });
}
