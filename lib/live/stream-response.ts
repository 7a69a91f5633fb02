import "server-only";
import { z } from "zod";
import { AppError } from "@/lib/errors/app-error";
import { badRequestFromZod, errorResponse } from "@/lib/errors/to-response";
import { queryObject } from "@/lib/api/query";
import { userContextFromHeaders, type AuthMode } from "@/lib/k8s/identity/user-context";
import { accessPolicyFor } from "./access-policy";
import type { LiveRuntime } from "./runtime";

/** Long enough for a graph topic naming 20 namespaces (lib/api/graph.ts). */
export const TOPIC_RE = /^[a-z0-9][a-z0-9._:-]{0,1299}$/;
export const MAX_TOPICS = 32;

const topicListSchema = z
  .string()
  .transform((value) => [...new Set(value.split(",").map((t) => t.trim()).filter((t) => t.length > 0))])
  .pipe(z.array(z.string().regex(TOPIC_RE, "invalid topic name")).min(1, "at least one topic").max(MAX_TOPICS));

export const streamQuerySchema = z.strictObject({
  topics: topicListSchema,
  /** For manual reconnects (EventSource cannot set Last-Event-ID itself on a new instance). */
  lastEventId: z.string().max(128).optional(),
});

export const SSE_HEADERS: Readonly<Record<string, string>> = Object.freeze({
  "Content-Type": "text/event-stream; charset=utf-8",
  "Cache-Control": "no-cache, no-transform",
  "X-Accel-Buffering": "no",
  Connection: "keep-alive",
});

/**
 * `GET /api/stream?topics=a,b[&lastEventId=…]` as an SSE Response. The
 * Last-Event-ID header (set by EventSource's own reconnects) wins over the
 * query parameter. The stream ends when `request.signal` aborts.
 */
export function streamResponse(request: Request, runtime: LiveRuntime, authMode?: AuthMode): Response {
  const query = streamQuerySchema.safeParse(queryObject(new URL(request.url).searchParams));
  if (!query.success) return errorResponse(badRequestFromZod(query.error));
  const ctx = userContextFromHeaders(request.headers, authMode);
  if (!ctx) return errorResponse(new AppError({ code: "Forbidden", message: "Authentication required for the live stream" }));
  const stream = runtime.hub.connect({
    topics: query.data.topics,
    policy: accessPolicyFor(ctx),
    lastEventId: request.headers.get("last-event-id") ?? query.data.lastEventId ?? null,
    signal: request.signal,
  });
  return new Response(stream, { status: 200, headers: SSE_HEADERS });
}
