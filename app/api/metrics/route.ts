import { noQuerySchema, parseQuery } from "@/lib/api/query";
import { errorResponse } from "@/lib/errors/to-response";
import { metricsRegistry } from "@/lib/observability/metrics";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

/** Prometheus exposition of Meshdeck's own metrics (SSE, watch cache, API and Prometheus latency, writes, process). */
export async function GET(request: Request): Promise<Response> {
  try {
    parseQuery(request, noQuerySchema);
    const registry = metricsRegistry();
    return new Response(await registry.metrics(), { headers: { "content-type": registry.contentType, "cache-control": "no-store" } });
  } catch (error) {
    return errorResponse(error);
  }
}
