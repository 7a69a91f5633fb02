import { sessionContext } from "@/lib/auth/contexts";
import { kubeConfigForContext } from "@/lib/k8s/context-config";
import { listNamespaces } from "@/lib/k8s/namespaces";
import { noQuerySchema, parseQuery } from "@/lib/api/query";
import { errorResponse, jsonResponse } from "@/lib/errors/to-response";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

export async function GET(request: Request): Promise<Response> {
  try {
    parseQuery(request, noQuerySchema);
    const context = sessionContext(request);
    return jsonResponse(await listNamespaces(context ? kubeConfigForContext(context) : undefined));
  } catch (error) {
    return errorResponse(error);
  }
}
