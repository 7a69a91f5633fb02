import { listContexts, selectContext } from "@/lib/auth/contexts";
import { parseJsonBody } from "@/lib/auth/parse-json";
import { selectContextBodySchema } from "@/lib/auth/session-api";
import { noQuerySchema, parseQuery } from "@/lib/api/query";
import { errorResponse, jsonResponse } from "@/lib/errors/to-response";
import { assertCsrf } from "@/lib/security/csrf";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

/** GET /api/contexts: the server kubeconfig's contexts and the one this session uses (no credentials). */
export async function GET(request: Request): Promise<Response> {
  try {
    parseQuery(request, noQuerySchema);
    return jsonResponse(listContexts(request));
  } catch (error) {
    return errorResponse(error);
  }
}

/** POST /api/contexts `{ context }` (kubeconfig mode): this browser session uses that context from now on. */
export async function POST(request: Request): Promise<Response> {
  try {
    assertCsrf(request);
    parseQuery(request, noQuerySchema);
    const { context } = await parseJsonBody(request, selectContextBodySchema);
    const { answer, setCookie } = selectContext(request, context);
    const headers = new Headers({ "cache-control": "no-store" });
    for (const cookie of setCookie) headers.append("set-cookie", cookie);
    return Response.json(answer, { headers });
  } catch (error) {
    return errorResponse(error);
  }
}
