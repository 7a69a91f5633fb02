import type { NextRequest } from "next/server";
import { virtualServiceQuerySchema } from "@/lib/api/virtual-services";
import { badRequestFromZod, errorResponse, jsonResponse } from "@/lib/errors/to-response";
import { requestIdentity } from "@/lib/auth/request-identity";
import { listVirtualServicesAs } from "@/lib/k8s/virtual-services";
import { queryObject } from "@/lib/api/query";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

/** The VirtualServices the caller may list (in `?namespace=` or everywhere they may). */
export async function GET(request: NextRequest): Promise<Response> {
  const query = virtualServiceQuerySchema.safeParse(queryObject(request.nextUrl.searchParams));
  if (!query.success) return errorResponse(badRequestFromZod(query.error));
  try {
    return jsonResponse(await listVirtualServicesAs(requestIdentity(request), query.data.namespace));
  } catch (error) {
    return errorResponse(error);
  }
}
