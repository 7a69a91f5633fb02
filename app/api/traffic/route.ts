import type { NextRequest } from "next/server";
import { queryObject } from "@/lib/api/query";
import { trafficQuerySchema } from "@/lib/api/traffic";
import { badRequestFromZod, errorResponse } from "@/lib/errors/to-response";
import { requestIdentity } from "@/lib/auth/request-identity";
import { loadTrafficJson } from "@/lib/mesh/load-traffic";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

/** The live mesh model (routes, subsets, pods, owners, validations, observed split) the caller may see. */
export async function GET(request: NextRequest): Promise<Response> {
  const query = trafficQuerySchema.safeParse(queryObject(request.nextUrl.searchParams));
  if (!query.success) return errorResponse(badRequestFromZod(query.error));
  try {
    const body = await loadTrafficJson(requestIdentity(request), query.data);
    return new Response(body, { headers: { "content-type": "application/json", "cache-control": "no-store" } });
  } catch (error) {
    return errorResponse(error);
  }
}
