import { noQuerySchema, parseQuery } from "@/lib/api/query";
import { errorResponse, jsonResponse } from "@/lib/errors/to-response";
import { readiness } from "@/lib/observability/readiness";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

/** Readiness: 503 until the watch cache synced (or settled degraded), then 200. */
export function GET(request: Request): Response {
  try {
    parseQuery(request, noQuerySchema);
  } catch (error) {
    return errorResponse(error);
  }
  const r = readiness();
  return jsonResponse({ status: r.ready ? "ready" : "not-ready", ...r }, { status: r.ready ? 200 : 503 });
}
