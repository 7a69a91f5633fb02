import type { NextRequest } from "next/server";
import { parseQuery } from "@/lib/api/query";
import { trafficQuerySchema } from "@/lib/api/traffic";
import { errorResponse } from "@/lib/errors/to-response";
import { requestIdentity } from "@/lib/auth/request-identity";
import { loadTrafficJson } from "@/lib/mesh/load-traffic";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

/** The live mesh model (routes, subsets, pods, owners, validations, observed split) the caller may see. */
export async function GET(request: NextRequest): Promise<Response> {
  try {
    const query = parseQuery(request, trafficQuerySchema);
    const body = await loadTrafficJson(requestIdentity(request), query);
    return new Response(body, { headers: { "content-type": "application/json", "cache-control": "no-store" } });
  } catch (error) {
    return errorResponse(error);
  }
}
