import { sessionInfo } from "@/lib/auth/session-service";
import { noQuerySchema, parseQuery } from "@/lib/api/query";
import { errorResponse, jsonResponse } from "@/lib/errors/to-response";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

/** GET /api/session: `{ mode, readOnly, authenticated, user, groups, via, expiresAt }`. */
export async function GET(request: Request): Promise<Response> {
  try {
    parseQuery(request, noQuerySchema);
    return jsonResponse(await sessionInfo(request));
  } catch (error) {
    return errorResponse(error);
  }
}
