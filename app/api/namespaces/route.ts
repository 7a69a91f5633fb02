import { requestIdentity } from "@/lib/auth/request-identity";
import { listNamespacesAs } from "@/lib/k8s/namespaces";
import { noQuerySchema, parseQuery } from "@/lib/api/query";
import { errorResponse, jsonResponse } from "@/lib/errors/to-response";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

/** The namespaces the caller may see (kubeconfig mode: those of the session's context). */
export async function GET(request: Request): Promise<Response> {
  try {
    parseQuery(request, noQuerySchema);
    return jsonResponse(await listNamespacesAs(requestIdentity(request)));
  } catch (error) {
    return errorResponse(error);
  }
}
