import { sessionContext } from "@/lib/auth/contexts";
import { requestIdentity } from "@/lib/auth/request-identity";
import { kubeConfigForContext } from "@/lib/k8s/context-config";
import { streamResponse } from "@/lib/live/stream-response";
import { getLiveRuntime } from "@/lib/live/runtime";
import { errorResponse } from "@/lib/errors/to-response";
import { parseQuery } from "@/lib/api/query";
import { streamQuerySchema } from "@/lib/api/stream";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

/**
 * Server-sent events for `?topics=a,b` from the session's context, as the
 * caller: 400 for a bad query, 403 for a topic it may not see, 429 beyond the
 * live-topic bounds. See lib/live/hub.ts for ids, resume and reset.
 */
export async function GET(request: Request): Promise<Response> {
  try {
    const query = parseQuery(request, streamQuerySchema);
    const ctx = requestIdentity(request);
    const context = sessionContext(request);
    return await streamResponse(request, getLiveRuntime(context ? kubeConfigForContext(context) : undefined), ctx, query);
  } catch (error) {
    return errorResponse(error);
  }
}
