import type { NextRequest } from "next/server";
import { parseQuery } from "@/lib/api/query";
import { rolloutsQuerySchema } from "@/lib/api/rollouts";
import { requestIdentity } from "@/lib/auth/request-identity";
import { errorResponse, jsonResponse } from "@/lib/errors/to-response";
import { listRollouts } from "@/lib/k8s/rollouts/load";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

/** Argo Rollouts the caller may list (all namespaces, or `?namespace=`), pending promotions first. */
export async function GET(request: NextRequest): Promise<Response> {
  try {
    const query = parseQuery(request, rolloutsQuerySchema);
    return jsonResponse(await listRollouts(requestIdentity(request), query));
  } catch (error) {
    return errorResponse(error);
  }
}
