import { loginBodySchema } from "@/lib/auth/session-api";
import { login } from "@/lib/auth/session-service";
import { parseJsonBody } from "@/lib/auth/parse-json";
import { noQuerySchema, parseQuery } from "@/lib/api/query";
import { errorResponse } from "@/lib/errors/to-response";
import { assertCsrf } from "@/lib/security/csrf";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

/** POST /api/auth/login `{ token }` (token mode): verifies the token, sets the httpOnly session cookie. */
export async function POST(request: Request): Promise<Response> {
  try {
    assertCsrf(request);
    parseQuery(request, noQuerySchema);
    const result = await login(request, await parseJsonBody(request, loginBodySchema));
    return Response.json(result.info, { headers: { "cache-control": "no-store", "set-cookie": result.setCookie } });
  } catch (error) {
    return errorResponse(error);
  }
}
