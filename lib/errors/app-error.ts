import { httpStatusByCode, type ApiError, type ErrorCode } from "./api-error";

/** An error carrying a typed {@link ApiError}; thrown by lib/ and mapped to HTTP by app/. */
export class AppError extends Error {
  readonly detail: ApiError;
  /**
   * Members added beside `error` in the response body, for the client to act
   * on (e.g. `current`: the fresh object with a 409). Never credentials.
   */
  readonly extras: Readonly<Record<string, unknown>> | undefined;

  constructor(detail: ApiError, options?: { cause?: unknown; extras?: Record<string, unknown> }) {
    super(detail.message, options?.cause === undefined ? undefined : { cause: options.cause });
    this.name = "AppError";
    this.detail = detail;
    this.extras = options?.extras;
  }

  get code(): ErrorCode {
    return this.detail.code;
  }

  get status(): number {
    return httpStatusByCode[this.detail.code];
  }
}

export function isAppError(value: unknown): value is AppError {
  return value instanceof AppError;
}
