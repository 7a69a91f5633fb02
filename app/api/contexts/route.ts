import { listContexts } from "@/lib/auth/contexts";
import { errorResponse, jsonResponse } from "@/lib/errors/to-response";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

/** GET /api/contexts: the server kubeconfig's contexts and the current one (no credentials). */
export async function GET(): Promise<Response> {
  try {
    return jsonResponse(listContexts());
  } catch (error) {
    return errorResponse(error);
  }
}
