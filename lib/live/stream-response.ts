import "server-only";
import type { UserContext } from "@/lib/k8s/identity/user-context";
import { accessPolicyFor } from "./access-policy";
import type { LiveRuntime } from "./runtime";
import type { StreamQuery } from "@/lib/api/stream";
import { authorizeTopics } from "./topic-access";

export const SSE_HEADERS: Readonly<Record<string, string>> = Object.freeze({
  "Content-Type": "text/event-stream; charset=utf-8",
  "Cache-Control": "no-cache, no-transform",
  "X-Accel-Buffering": "no",
  Connection: "keep-alive",
});

/**
 * The SSE Response for a parsed `GET /api/stream` query, as `ctx`. Throws a
 * typed 403 for a topic `ctx` may not see (nothing is computed then) and a
 * typed 429 beyond the live-topic bounds. The Last-Event-ID header (set by
 * EventSource's own reconnects) wins over the query parameter. The stream
 * ends when `request.signal` aborts.
 */
export async function streamResponse(request: Request, runtime: LiveRuntime, ctx: UserContext, query: StreamQuery): Promise<Response> {
  await authorizeTopics(ctx, query.topics);
  const stream = runtime.hub.connect({
    topics: query.topics,
    policy: accessPolicyFor(ctx),
    lastEventId: request.headers.get("last-event-id") ?? query.lastEventId ?? null,
    signal: request.signal,
  });
  return new Response(stream, { status: 200, headers: SSE_HEADERS });
}
