import { sessionContext } from "@/lib/auth/contexts";
import { kubeConfigForContext } from "@/lib/k8s/context-config";
import { streamResponse } from "@/lib/live/stream-response";
import { getLiveRuntime } from "@/lib/live/runtime";
import { errorResponse } from "@/lib/errors/to-response";
import { parseQuery } from "@/lib/api/query";
import { streamQuerySchema } from "@/lib/api/stream";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

/** Server-sent events for `?topics=a,b` from the session's context; see lib/live/hub.ts for ids, resume and reset. */
export async function GET(request: Request): Promise<Response> {
  try {
    parseQuery(request, streamQuerySchema);
    const context = sessionContext(request);
    return streamResponse(request, getLiveRuntime(context ? kubeConfigForContext(context) : undefined));
  } catch (error) {
    return errorResponse(error);
  }
}
