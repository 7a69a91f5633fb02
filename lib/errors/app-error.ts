import { httpStatusByCode, type ApiError, type ErrorCode } from "./api-error";

/** An error carrying a typed {@link ApiError}; thrown by lib/ and mapped to HTTP by app/. */
export class AppError extends Error {
  readonly detail: ApiError;
  /**
   * Members added beside `error` in the response body, for the client to act
   * on (e.g. `current`: the fresh object with a 409). Never credentials.
   */
  readonly extras: Readonly<Record<string, unknown>> | undefined;
  /**
   * HTTP status when it differs from the code's usual one: 401 for a
   * "Forbidden" whose credentials were rejected (not merely refused), 429 for
   * an "Unavailable" caused by a rate limit.
   */
  private readonly statusOverride: 401 | 429 | undefined;
  /** Seconds the client should wait before retrying (sent as Retry-After). */
  readonly retryAfterSeconds: number | undefined;

  constructor(detail: ApiError, options?: { cause?: unknown; extras?: Record<string, unknown>; status?: 401 | 429; retryAfterSeconds?: number }) {
    super(detail.message, options?.cause === undefined ? undefined : { cause: options.cause });
    this.name = "AppError";
    this.detail = detail;
    this.extras = options?.extras;
    this.statusOverride = options?.status;
    this.retryAfterSeconds = options?.retryAfterSeconds;
  }

  get code(): ErrorCode {
    return this.detail.code;
  }

  get status(): number {
    return this.statusOverride ?? httpStatusByCode[this.detail.code];
  }
}

export function isAppError(value: unknown): value is AppError {
  return value instanceof AppError;
}
