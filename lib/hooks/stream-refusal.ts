import { z } from "zod";
import { apiErrorBodySchema, nonRetryableCodes, type ApiError } from "@/lib/errors/api-error";

/**
 * The server's typed refusal of a stream request (lib/live: 400 bad topics,
 * 403 a topic the caller may not see, 429 beyond the live-topic bounds),
 * with the topics it names; null for anything else (5xx, network: retried
 * as a dropped connection).
 */
export interface StreamRefusal {
  error: ApiError;
  /** The refused topics; null: the request as a whole. */
  topics: string[] | null;
}

/** A topic the server refused: 403/400 are never retried (retryAt null), 429 at retryAt. */
export interface RefusedTopic {
  readonly error: ApiError;
  readonly retryAt: number | null;
}

const refusalBodySchema = apiErrorBodySchema.extend({ topics: z.array(z.string()).optional() });

export function parseStreamRefusal(status: number, body: unknown): StreamRefusal | null {
  if (status !== 400 && status !== 403 && status !== 429) return null;
  const parsed = refusalBodySchema.safeParse(body);
  if (parsed.success) return { error: parsed.data.error, topics: parsed.data.topics ?? null };
  return { error: { code: status === 429 ? "TooManyRequests" : status === 403 ? "Forbidden" : "BadRequest", message: `live stream refused (HTTP ${status})` }, topics: null };
}

/** Whether a refused topic is asked for again later (with backoff). */
export function retriesRefusal(error: ApiError): boolean {
  return !nonRetryableCodes.has(error.code);
}

/**
 * Asks the server why the stream at `url` was refused (EventSource hides the
 * HTTP status): the same request with fetch; a stream that opens is cancelled.
 */
export async function probeStream(url: string): Promise<StreamRefusal | null> {
  const abort = new AbortController();
  const response = await fetch(url, { signal: abort.signal, headers: { accept: "text/event-stream" }, cache: "no-store" });
  if (response.ok) {
    abort.abort();
    return null;
  }
  return parseStreamRefusal(response.status, await response.json().catch(() => null));
}
