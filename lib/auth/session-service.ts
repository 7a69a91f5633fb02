import "server-only";
import { meshdeckEnv } from "@/lib/config/meshdeck-env";
import { AppError } from "@/lib/errors/app-error";
import { whoAmI } from "@/lib/k8s/writes/who-am-i";
import { SERVER_CONTEXT } from "@/lib/k8s/identity/user-context";
import { logger } from "@/lib/observability/logger";
import { clearSessionCookieHeaders, sessionCookieHeader, sessionIdFromCookies, wantsSecureCookie } from "./session-cookie";
import type { LoginBody, SessionInfo } from "./session-api";
import { sessionsFor as store, tokenReviewOptions } from "./auth-dependencies";
import { parseBearer } from "@/lib/k8s/identity/bearer";
import { verifyBearer, verifyToken } from "./verify-token";

export interface LoginResult {
  info: SessionInfo;
  setCookie: string;
}

/** Verifies the token with the API server and opens a session (token mode only). */
export async function login(request: Request, body: LoginBody): Promise<LoginResult> {
  const env = meshdeckEnv();
  if (env.authMode !== "token") throw new AppError({ code: "NotFound", message: `Token sign-in is not enabled (MESHDECK_AUTH_MODE=${env.authMode})` });
  const verified = await verifyToken(body.token, tokenReviewOptions(env));
  const sessions = store(env);
  sessions.delete(sessionIdFromCookies(request.headers.get("cookie")));
  const { id, session } = sessions.create({ token: body.token, user: verified.user, groups: verified.groups });
  logger().info({ user: verified.user, reqId: request.headers.get("x-request-id") }, "signed in");
  return {
    setCookie: sessionCookieHeader(id, env.sessionTtlSeconds, wantsSecureCookie(request, env.cookieSecure)),
    info: { mode: env.authMode, readOnly: env.readOnly, authenticated: true, user: session.user, groups: [...session.groups], via: "session", expiresAt: new Date(session.expiresAt).toISOString() },
  };
}

/** Forgets the session (the token stays valid in Kubernetes; only Meshdeck drops it). */
export function logout(request: Request): string[] {
  const env = meshdeckEnv();
  const id = sessionIdFromCookies(request.headers.get("cookie"));
  const session = store(env).get(id);
  store(env).delete(id);
  if (session) logger().info({ user: session.user, reqId: request.headers.get("x-request-id") }, "signed out");
  return clearSessionCookieHeaders();
}

/** Who the caller is, the mode and the read-only switch (the UI hides writes with it). */
export async function sessionInfo(request: Request): Promise<SessionInfo> {
  const env = meshdeckEnv();
  const base = { mode: env.authMode, readOnly: env.readOnly, expiresAt: null };
  const session = env.authMode === "token" ? store(env).get(sessionIdFromCookies(request.headers.get("cookie"))) : undefined;
  if (session) return { ...base, authenticated: true, user: session.user, groups: [...session.groups], via: "session", expiresAt: new Date(session.expiresAt).toISOString() };
  const bearer = parseBearer(request.headers.get("authorization"));
  if (bearer.kind === "token") {
    // Authenticated only if the API server accepts the token (a cached SelfSubjectReview).
    const who = await verifyBearer(bearer.token, tokenReviewOptions(env));
    if (who) return { ...base, authenticated: true, user: who.user, groups: who.groups, via: "bearer" };
    return { ...base, authenticated: false, user: null, groups: [], via: "none" };
  }
  if (env.authMode === "proxy") {
    // proxy.ts removed these headers unless they came from a trusted proxy.
    const user = request.headers.get("x-forwarded-user")?.trim();
    const groups = (request.headers.get("x-forwarded-groups") ?? "").split(",").map((g) => g.trim()).filter(Boolean);
    return user ? { ...base, authenticated: true, user, groups, via: "proxy" } : { ...base, authenticated: false, user: null, groups: [], via: "none" };
  }
  if (env.authMode === "token") return { ...base, authenticated: false, user: null, groups: [], via: "none" };
  return { ...base, authenticated: true, user: await whoAmI(SERVER_CONTEXT), groups: [], via: "server" };
}
