import { logout } from "@/lib/auth/session-service";
import { noQuerySchema, parseQuery } from "@/lib/api/query";
import { errorResponse } from "@/lib/errors/to-response";
import { assertCsrf } from "@/lib/security/csrf";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

/** POST /api/auth/logout: drops the server-side session and clears the cookie. */
export async function POST(request: Request): Promise<Response> {
  try {
    assertCsrf(request);
    parseQuery(request, noQuerySchema);
    const headers = new Headers({ "cache-control": "no-store" });
    for (const cookie of logout(request)) headers.append("set-cookie", cookie);
    return new Response(null, { status: 204, headers });
  } catch (error) {
    return errorResponse(error);
  }
}
