import type { NextRequest } from "next/server";
import { virtualServiceQuerySchema } from "@/lib/api/virtual-services";
import { errorResponse, jsonResponse } from "@/lib/errors/to-response";
import { requestIdentity } from "@/lib/auth/request-identity";
import { listVirtualServicesAs } from "@/lib/k8s/virtual-services";
import { parseQuery } from "@/lib/api/query";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

/** The VirtualServices the caller may list (in `?namespace=` or everywhere they may). */
export async function GET(request: NextRequest): Promise<Response> {
  try {
    const query = parseQuery(request, virtualServiceQuerySchema);
    return jsonResponse(await listVirtualServicesAs(requestIdentity(request), query.namespace));
  } catch (error) {
    return errorResponse(error);
  }
}
