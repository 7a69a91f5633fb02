import { httpStatusByCode, type ApiError, type ErrorCode } from "./api-error";

/** An error carrying a typed {@link ApiError}; thrown by lib/ and mapped to HTTP by app/. */
export class AppError extends Error {
  readonly detail: ApiError;

  constructor(detail: ApiError, options?: { cause?: unknown }) {
    super(detail.message, options);
    this.name = "AppError";
    this.detail = detail;
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
