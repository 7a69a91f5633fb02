import type { NextRequest } from "next/server";
import { queryObject } from "@/lib/api/query";
import { trafficQuerySchema } from "@/lib/api/traffic";
import { badRequestFromZod, errorResponse, jsonResponse } from "@/lib/errors/to-response";
import { AppError } from "@/lib/errors/app-error";
import { userContextFromHeaders } from "@/lib/k8s/identity/user-context";
import { loadTraffic } from "@/lib/mesh/load-traffic";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

/** The live mesh model (routes, subsets, pods, owners, validations, observed split) the caller may see. */
export async function GET(request: NextRequest): Promise<Response> {
  const query = trafficQuerySchema.safeParse(queryObject(request.nextUrl.searchParams));
  if (!query.success) return errorResponse(badRequestFromZod(query.error));
  try {
    const ctx = userContextFromHeaders(request.headers);
    if (!ctx) throw new AppError({ code: "Forbidden", message: "Authentication required", verb: "list", resource: "virtualservices.networking.istio.io" });
    return jsonResponse(await loadTraffic(ctx, query.data));
  } catch (error) {
    return errorResponse(error);
  }
}
