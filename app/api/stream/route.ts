import { streamResponse } from "@/lib/live/stream-response";
import { getLiveRuntime } from "@/lib/live/runtime";
import { errorResponse } from "@/lib/errors/to-response";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

/** Server-sent events for `?topics=a,b`; see lib/live/hub.ts for ids, resume and reset. */
export async function GET(request: Request): Promise<Response> {
  try {
    return streamResponse(request, getLiveRuntime());
  } catch (error) {
    return errorResponse(error);
  }
}
