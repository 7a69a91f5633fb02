import type { NextRequest } from "next/server";
import { accessQuerySchema, type AccessAnswer } from "@/lib/api/access";
import { parseQuery } from "@/lib/api/query";
import { requestIdentity } from "@/lib/auth/request-identity";
import { errorResponse, jsonResponse } from "@/lib/errors/to-response";
import { canI } from "@/lib/k8s/identity/access";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

/**
 * `GET /api/access?verb=patch&group=networking.istio.io&resource=virtualservices&namespace=default`
 * → `{ allowed }`: a SelfSubjectAccessReview as the caller (cached 30 s per identity).
 */
export async function GET(request: NextRequest): Promise<Response> {
  try {
    const q = parseQuery(request, accessQuerySchema);
    const allowed = await canI(requestIdentity(request), {
      verb: q.verb,
      group: q.group,
      resource: q.resource,
      ...(q.subresource ? { subresource: q.subresource } : {}),
      ...(q.namespace ? { namespace: q.namespace } : {}),
      ...(q.name ? { name: q.name } : {}),
    });
    const answer: AccessAnswer = { allowed, verb: q.verb, group: q.group, resource: q.resource, namespace: q.namespace ?? null, name: q.name ?? null };
    return jsonResponse(answer);
  } catch (error) {
    return errorResponse(error);
  }
}
