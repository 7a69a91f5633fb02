import "server-only";
import { AppError } from "@/lib/errors/app-error";
import { authModeFromEnv, SERVER_CONTEXT, userContextFromHeaders, type AuthMode, type UserContext } from "@/lib/k8s/identity/user-context";
import { parseBearer } from "@/lib/k8s/identity/bearer";
import { sessionContext } from "./contexts";

/**
 * Who an API request acts as in Kubernetes. Every read and write of an action
 * uses this identity, so Kubernetes RBAC decides what the caller may do.
 *
 * - `Authorization: Bearer <token>` → the caller's token (sent to the API
 *   server instead of Meshdeck's own credentials); a malformed one → refused;
 * - MESHDECK_AUTH_MODE=proxy: `X-Forwarded-User` / `X-Forwarded-Groups` from a
 *   trusted auth proxy → impersonation; missing → refused, never the server;
 * - MESHDECK_AUTH_MODE=bearer and no token → refused;
 * - otherwise (the default "server" mode) → Meshdeck's own credentials, those
 *   of the kubeconfig context the session picked (POST /api/contexts) if any.
 *
 * The bearer token was checked with the API server before the handler ran
 * (proxy.ts, lib/auth/request-auth.ts): one it refuses never gets here.
 * The token is never logged; cache keys use `identityKey`, a hash.
 */
export function requestIdentity(request: Request, mode: AuthMode = authModeFromEnv()): UserContext {
  const bearer = parseBearer(request.headers.get("authorization"));
  if (bearer.kind === "token") return { kind: "token", token: bearer.token };
  // A bearer credential that is not a token: refuse rather than act as anyone else.
  if (bearer.kind === "malformed") throw new AppError({ code: "Forbidden", message: "Malformed bearer token" }, { status: 401 });
  if (mode === "server") {
    const context = sessionContext(request);
    return context ? { kind: "server", context } : SERVER_CONTEXT;
  }
  const ctx = userContextFromHeaders(request.headers, mode);
  if (ctx) return ctx;
  throw new AppError({
    code: "Forbidden",
    message: mode === "proxy" ? "Not authenticated: the auth proxy sent no X-Forwarded-User" : "Not authenticated: send Authorization: Bearer <token>",
  });
}
