// VirtualService HTTPRetry as istiod passes it to Envoy (pilot's
// networking/core/route/retry: DefaultPolicy, ConvertPolicy, parseRetryOn) and
// when Envoy's router retries an attempt (x-envoy-retry-on, x-envoy-retry-grpc-on).
import { durationMs } from "./duration";

/** Envoy's HTTP retry-on conditions (router filter, x-envoy-retry-on). */
export const ENVOY_HTTP_RETRY_ON = [
  "5xx",
  "gateway-error",
  "reset",
  "reset-before-request",
  "connect-failure",
  "envoy-ratelimited",
  "retriable-4xx",
  "refused-stream",
  "retriable-status-codes",
  "retriable-headers",
  "http3-post-connect-failure",
] as const;
/** Envoy's gRPC retry-on conditions (x-envoy-retry-grpc-on). */
export const ENVOY_GRPC_RETRY_ON = ["cancelled", "deadline-exceeded", "internal", "resource-exhausted", "unavailable"] as const;
export const ENVOY_RETRY_ON: readonly string[] = [...ENVOY_HTTP_RETRY_ON, ...ENVOY_GRPC_RETRY_ON];

/** pilot's DefaultPolicy: what a route without `retries` gets. */
export const ISTIO_DEFAULT_RETRY_ON = "connect-failure,refused-stream,unavailable,cancelled,retriable-status-codes";
export const ISTIO_DEFAULT_ATTEMPTS = 2;
const ISTIO_DEFAULT_STATUS_CODES: readonly number[] = [503];

/** The retry policy Envoy applies to a route. */
export interface RetryPolicy {
  /** Retries after the first attempt (Envoy's num_retries; Istio's `attempts`). */
  readonly retries: number;
  readonly retryOn: ReadonlySet<string>;
  readonly statusCodes: ReadonlySet<number>;
  /** 0: none. */
  readonly perTryTimeoutMs: number;
}

export const NO_RETRIES: RetryPolicy = { retries: 0, retryOn: new Set(), statusCodes: new Set(), perTryTimeoutMs: 0 };
/** What a route without `retries` gets (pilot's DefaultPolicy). */
export const ISTIO_DEFAULT_RETRY_POLICY: RetryPolicy = {
  retries: ISTIO_DEFAULT_ATTEMPTS,
  retryOn: new Set(ISTIO_DEFAULT_RETRY_ON.split(",")),
  statusCodes: new Set(ISTIO_DEFAULT_STATUS_CODES),
  perTryTimeoutMs: 0,
};

export interface HttpRetryLike {
  attempts?: number | undefined;
  perTryTimeout?: string | undefined;
  retryOn?: string | undefined;
}

const range = (from: number, to: number) => Array.from({ length: to - from + 1 }, (_, i) => from + i);
/** The codes Go's net/http StatusText names: istiod takes only those as status codes in retryOn. */
const GO_STATUS_CODES: ReadonlySet<number> = new Set([
  ...range(100, 103),
  ...range(200, 208),
  226,
  ...range(300, 308),
  ...range(400, 418),
  ...range(421, 426),
  428,
  429,
  431,
  451,
  ...range(500, 508),
  510,
  511,
]);

/** A retryOn entry that is an HTTP status code (istiod: an integer Go's http.StatusText knows). */
export function retryOnStatusCode(part: string): number | null {
  if (!/^\d+$/.test(part)) return null;
  const code = Number(part);
  return GO_STATUS_CODES.has(code) ? code : null;
}

/** null when Istio and Envoy accept `retryOn`; else why not. */
export function retryOnError(retryOn: string): string | null {
  const parts = retryOn.split(",").map((p) => p.trim());
  if (parts.every((p) => p === "")) return "retryOn must name at least one condition";
  const unknown = parts.filter((p) => p !== "" && retryOnStatusCode(p) === null && !ENVOY_RETRY_ON.includes(p));
  if (unknown.length === 0) return null;
  return `unknown retryOn condition ${unknown.map((u) => `"${u}"`).join(", ")}: use Envoy's (${ENVOY_RETRY_ON.join(", ")}) or HTTP status codes such as 503`;
}

/** pilot's ConvertPolicy: unset → the default policy; attempts 0 → no retries; else the default overridden. */
export function effectiveRetryPolicy(retries: HttpRetryLike | undefined): RetryPolicy {
  if (!retries) return ISTIO_DEFAULT_RETRY_POLICY;
  const attempts = retries.attempts ?? 0;
  if (attempts <= 0) return NO_RETRIES;
  let retryOn = new Set(ISTIO_DEFAULT_RETRY_POLICY.retryOn);
  let statusCodes: ReadonlySet<number> = ISTIO_DEFAULT_RETRY_POLICY.statusCodes;
  if (retries.retryOn) {
    const parts = retries.retryOn.split(",").map((p) => p.trim()).filter(Boolean);
    statusCodes = new Set(parts.flatMap((p) => retryOnStatusCode(p) ?? []));
    retryOn = new Set(parts.filter((p) => retryOnStatusCode(p) === null));
    if (statusCodes.size > 0) retryOn.add("retriable-status-codes");
  }
  return { retries: attempts, retryOn, statusCodes, perTryTimeoutMs: durationMs(retries.perTryTimeout) ?? 0 };
}

/** What ended an upstream attempt. */
export type AttemptOutcome =
  | { readonly kind: "response"; readonly code: number }
  /** The per-try timeout fired before the upstream answered. */
  | { readonly kind: "per-try-timeout" }
  | { readonly kind: "connect-failure" };

/** Whether Envoy's router retries an attempt that ended so (gRPC conditions read grpc-status, which HTTP answers lack). */
export function shouldRetry(policy: RetryPolicy, outcome: AttemptOutcome): boolean {
  const on = policy.retryOn;
  if (outcome.kind === "per-try-timeout") return on.has("5xx") || on.has("gateway-error") || on.has("reset");
  if (outcome.kind === "connect-failure") return on.has("5xx") || on.has("gateway-error") || on.has("reset") || on.has("connect-failure");
  const code = outcome.code;
  if (on.has("5xx") && code >= 500 && code <= 599) return true;
  if (on.has("gateway-error") && (code === 502 || code === 503 || code === 504)) return true;
  if (on.has("retriable-4xx") && code === 409) return true;
  return on.has("retriable-status-codes") && policy.statusCodes.has(code);
}
