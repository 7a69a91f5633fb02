import type { NextRequest } from "next/server";
import { queryObject } from "@/lib/api/query";
import { rolloutsQuerySchema } from "@/lib/api/rollouts";
import { requestIdentity } from "@/lib/auth/request-identity";
import { badRequestFromZod, errorResponse, jsonResponse } from "@/lib/errors/to-response";
import { listRollouts } from "@/lib/k8s/rollouts/load";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

/** Argo Rollouts the caller may list (all namespaces, or `?namespace=`), pending promotions first. */
export async function GET(request: NextRequest): Promise<Response> {
  const query = rolloutsQuerySchema.safeParse(queryObject(request.nextUrl.searchParams));
  if (!query.success) return errorResponse(badRequestFromZod(query.error));
  try {
    return jsonResponse(await listRollouts(requestIdentity(request), query.data));
  } catch (error) {
    return errorResponse(error);
  }
}
