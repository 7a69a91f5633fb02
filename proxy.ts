import { NextResponse, type NextRequest } from "next/server";
import { readOnlyError } from "@/lib/auth/read-only";
import { authDependencies } from "@/lib/auth/auth-dependencies";
import { decideAuth } from "@/lib/auth/request-auth";
import { securityHeaders } from "@/lib/auth/security-headers";
import { ConfigError, meshdeckEnv, type MeshdeckEnv } from "@/lib/config/meshdeck-env";
import { refusalResponse } from "@/lib/security/refusal-response";

/**
 * Runs before every route (Next.js 16 "proxy", formerly middleware; Node.js
 * runtime): Host, path and method checks (lib/security/request-guard.ts),
 * authentication mode, read-only switch and security headers. See
 * lib/auth/request-auth.ts for what each mode does.
 */
export async function proxy(request: NextRequest): Promise<NextResponse> {
  let env: MeshdeckEnv;
  try {
    env = meshdeckEnv();
  } catch (error) {
    const message = error instanceof ConfigError ? error.message : "invalid configuration";
    const response = NextResponse.json({ error: { code: "Unavailable", message: `Meshdeck is misconfigured: ${message}` } }, { status: 503 });
    for (const [name, value] of Object.entries(securityHeaders(Buffer.from(crypto.randomUUID()).toString("base64"), ["'none'"]))) response.headers.set(name, value);
    return response;
  }
  const nonce = Buffer.from(crypto.randomUUID()).toString("base64");
  const headers = securityHeaders(nonce, env.frameAncestors, process.env.NODE_ENV === "development");
  const refused = refusalResponse(request, env, headers);
  if (refused) return refused;
  const decision = await decideAuth(request, env, authDependencies(env));

  let response: NextResponse;
  switch (decision.kind) {
    case "read-only": {
      const error = readOnlyError();
      response = NextResponse.json({ ...error.extras, error: error.detail }, { status: error.status });
      break;
    }
    case "unauthenticated":
      response = NextResponse.json({ error: { code: "Forbidden", message: `Not authenticated: ${decision.reason}` } }, { status: 401 });
      if (env.authMode === "token") response.headers.set("WWW-Authenticate", 'Bearer realm="meshdeck"');
      break;
    case "refused":
      response = NextResponse.json({ error: { code: decision.status === 429 ? "TooManyRequests" : "Unavailable", message: decision.message } }, { status: decision.status });
      response.headers.set("Retry-After", String(decision.retryAfterSeconds));
      break;
    case "login": {
      const login = new URL("/login", request.url);
      login.searchParams.set("next", request.nextUrl.pathname);
      response = NextResponse.redirect(login, 303);
      break;
    }
    case "forward":
      // Next.js reads the nonce from the request's CSP header when it renders.
      decision.headers.set("content-security-policy", headers["Content-Security-Policy"] ?? "");
      decision.headers.set("x-nonce", nonce);
      response = NextResponse.next({ request: { headers: decision.headers } });
      break;
  }
  for (const [name, value] of Object.entries(headers)) response.headers.set(name, value);
  if (decision.kind !== "forward") response.headers.set("Cache-Control", "no-store");
  return response;
}

export const config = {
  matcher: ["/((?!_next/static|_next/image).*)"],
};
