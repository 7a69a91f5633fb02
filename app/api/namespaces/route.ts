import { listNamespaces } from "@/lib/k8s/namespaces";
import { errorResponse, jsonResponse } from "@/lib/errors/to-response";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

export async function GET(): Promise<Response> {
  try {
    return jsonResponse(await listNamespaces());
  } catch (error) {
    return errorResponse(error);
  }
}
