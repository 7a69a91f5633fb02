import type { NextRequest } from "next/server";
import { queryObject } from "@/lib/api/query";
import { trafficQuerySchema } from "@/lib/api/traffic";
import { badRequestFromZod, errorResponse, jsonResponse } from "@/lib/errors/to-response";
import { requestIdentity } from "@/lib/auth/request-identity";
import { loadTraffic } from "@/lib/mesh/load-traffic";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

/** The live mesh model (routes, subsets, pods, owners, validations, observed split) the caller may see. */
export async function GET(request: NextRequest): Promise<Response> {
  const query = trafficQuerySchema.safeParse(queryObject(request.nextUrl.searchParams));
  if (!query.success) return errorResponse(badRequestFromZod(query.error));
  try {
    return jsonResponse(await loadTraffic(requestIdentity(request), query.data));
  } catch (error) {
    return errorResponse(error);
  }
}
