import type { z } from "zod";
import { apiErrorBodySchema, type ApiError } from "@/lib/errors/api-error";

/** Thrown by {@link fetchJson}; carries the typed error from the API route. */
export class ApiRequestError extends Error {
  readonly detail: ApiError;
  readonly status: number;

  constructor(detail: ApiError, status: number) {
    super(detail.message);
    this.name = "ApiRequestError";
    this.detail = detail;
    this.status = status;
  }
}

/**
 * GETs a Meshdeck API route and validates the body with `schema`.
 * Failures always come back as {@link ApiRequestError} with a typed code.
 */
export async function fetchJson<T>(url: string, schema: z.ZodType<T>): Promise<T> {
  let response: Response;
  try {
    response = await fetch(url, { headers: { accept: "application/json" }, cache: "no-store" });
  } catch {
    throw new ApiRequestError({ code: "Unavailable", message: "Meshdeck server unreachable" }, 0);
  }
  const body: unknown = await response.json().catch(() => undefined);
  if (!response.ok) {
    const parsed = apiErrorBodySchema.safeParse(body);
    throw new ApiRequestError(
      parsed.success ? parsed.data.error : { code: "Internal", message: `Unexpected HTTP ${response.status} from ${url}` },
      response.status,
    );
  }
  const parsed = schema.safeParse(body);
  if (!parsed.success) {
    throw new ApiRequestError({ code: "Internal", message: `Unexpected response shape from ${url}` }, response.status);
  }
  return parsed.data;
}
