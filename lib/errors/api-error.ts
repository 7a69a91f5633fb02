import { z } from "zod";

/**
 * Typed error codes shared by the API routes and the browser. Every non-2xx
 * JSON body from /api/* parses with {@link apiErrorBodySchema}.
 */
export const errorCodeSchema = z.enum([
  "BadRequest",
  "Forbidden",
  "NotFound",
  /** The HTTP method is not served at this path (the answer's Allow header lists those that are). */
  "MethodNotAllowed",
  "Conflict",
  /** The Host header names no host this server answers as (lib/security/allowed-hosts.ts). */
  "MisdirectedRequest",
  "Unprocessable",
  "Locked",
  "TooManyRequests",
  "PreconditionRequired",
  "CrdMissing",
  "Unavailable",
  "Internal",
]);
export type ErrorCode = z.infer<typeof errorCodeSchema>;

export const apiErrorSchema = z.object({
  code: errorCodeSchema,
  message: z.string(),
  /** Kubernetes verb that was refused or failed ("list", "get", …). */
  verb: z.string().optional(),
  /** Kubernetes resource, qualified with its group ("virtualservices.networking.istio.io"). */
  resource: z.string().optional(),
  namespace: z.string().optional(),
  /** Field-level problems for BadRequest / Unprocessable. */
  issues: z.array(z.object({ path: z.string(), message: z.string() })).optional(),
});
export type ApiError = z.infer<typeof apiErrorSchema>;

export const apiErrorBodySchema = z.object({ error: apiErrorSchema });
export type ApiErrorBody = z.infer<typeof apiErrorBodySchema>;

/** HTTP status for each code. 401 and 403 both surface as "Forbidden". */
export const httpStatusByCode: Record<ErrorCode, number> = {
  BadRequest: 400,
  Forbidden: 403,
  NotFound: 404,
  MethodNotAllowed: 405,
  Conflict: 409,
  MisdirectedRequest: 421,
  Unprocessable: 422,
  /** A controller (Argo Rollouts, Flagger) owns what the request would change. */
  Locked: 423,
  /** A per-user or process-wide bound was reached (retry later, with backoff). */
  TooManyRequests: 429,
  /** The write addresses a part of the object by position: it must carry the resourceVersion it was planned on. */
  PreconditionRequired: 428,
  CrdMissing: 503,
  Unavailable: 503,
  Internal: 500,
};

/** Codes the client should not retry automatically: retrying will not change the answer. */
export const nonRetryableCodes: ReadonlySet<ErrorCode> = new Set<ErrorCode>([
  "BadRequest",
  "Forbidden",
  "NotFound",
  "MethodNotAllowed",
  "Conflict",
  "MisdirectedRequest",
  "Unprocessable",
  "Locked",
  "PreconditionRequired",
  "CrdMissing",
]);
