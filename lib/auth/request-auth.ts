import type { MeshdeckEnv } from "@/lib/config/meshdeck-env";
import { refusedAsReadOnly } from "./read-only";
import { sessionIdFromCookies } from "./session-cookie";
import type { SessionStore } from "./session-store";
import { INTERNAL_HEADERS, proxyTrust } from "./trusted-proxy";

/** What proxy.ts does with a request before the route handlers see it. */
export type AuthDecision =
  | { kind: "forward"; headers: Headers }
  | { kind: "read-only" }
  | { kind: "login"; reason: string }
  | { kind: "unauthenticated"; reason: string };

/** Paths answered without a signed-in user in token/proxy mode. */
const PUBLIC_PATHS = new Set(["/login", "/api/auth/login", "/api/auth/logout", "/api/session", "/api/healthz", "/api/readyz", "/api/metrics", "/api/openapi.json"]);

export function isPublicPath(path: string): boolean {
  return PUBLIC_PATHS.has(path) || path.startsWith("/_next/") || path === "/icon.svg" || path === "/favicon.ico";
}

const BEARER = /^Bearer\s+\S+\s*$/i;

/**
 * The single place that turns how a browser authenticated into what the
 * route handlers read (lib/auth/request-identity.ts and
 * userContextFromHeaders):
 * - every mode: internal headers (peer, peer key, proxy secret) are removed;
 * - token: a session cookie becomes `Authorization: Bearer <token>` on the
 *   forwarded request only (the browser never holds the token); no session and
 *   no bearer → API 401 / page → /login;
 * - proxy: X-Forwarded-User/-Groups survive only from a trusted proxy
 *   (see trusted-proxy.ts), else they are dropped and the API answers 401;
 * - kubeconfig: X-Forwarded-* identity headers are dropped (they mean nothing);
 * - read-only: writes are refused before any handler runs.
 */
export function decideAuth(request: Request, env: MeshdeckEnv, sessions: SessionStore): AuthDecision {
  const url = new URL(request.url);
  if (refusedAsReadOnly(env.readOnly, request.method, url.pathname)) return { kind: "read-only" };
  const headers = new Headers(request.headers);
  const trust = env.authMode === "proxy" ? proxyTrust(request.headers, env) : undefined;
  for (const name of INTERNAL_HEADERS) headers.delete(name);
  const open = isPublicPath(url.pathname);

  if (env.authMode === "kubeconfig") {
    headers.delete("x-forwarded-user");
    headers.delete("x-forwarded-groups");
    return { kind: "forward", headers };
  }

  if (env.authMode === "token") {
    headers.delete("x-forwarded-user");
    headers.delete("x-forwarded-groups");
    if (BEARER.test(request.headers.get("authorization") ?? "")) return { kind: "forward", headers };
    headers.delete("authorization");
    const session = sessions.get(sessionIdFromCookies(request.headers.get("cookie")));
    if (session) {
      headers.set("authorization", `Bearer ${session.token}`);
      return { kind: "forward", headers };
    }
    return open ? { kind: "forward", headers } : unauthenticated(url.pathname, "sign in with a Kubernetes token");
  }

  // proxy
  if (!trust?.trusted) {
    headers.delete("x-forwarded-user");
    headers.delete("x-forwarded-groups");
    if (open || BEARER.test(request.headers.get("authorization") ?? "")) return { kind: "forward", headers };
    return { kind: "unauthenticated", reason: trust?.reason ?? "untrusted" };
  }
  if (!request.headers.get("x-forwarded-user")?.trim() && !open && !BEARER.test(request.headers.get("authorization") ?? "")) {
    return { kind: "unauthenticated", reason: "the auth proxy sent no X-Forwarded-User" };
  }
  return { kind: "forward", headers };
}

function unauthenticated(path: string, reason: string): AuthDecision {
  return path.startsWith("/api/") ? { kind: "unauthenticated", reason } : { kind: "login", reason };
}
