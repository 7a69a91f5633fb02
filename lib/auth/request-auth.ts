import type { MeshdeckEnv } from "@/lib/config/meshdeck-env";
import { isAppError } from "@/lib/errors/app-error";
import { parseBearer } from "@/lib/k8s/identity/bearer";
import type { LoginRateLimit } from "./login-rate-limit";
import { refusedAsReadOnly } from "./read-only";
import { sessionIdFromCookies } from "./session-cookie";
import type { SessionStore } from "./session-store";
import { clientAddress, INTERNAL_HEADERS, proxyTrust } from "./trusted-proxy";

/** What proxy.ts does with a request before the route handlers see it. */
export type AuthDecision =
  | { kind: "forward"; headers: Headers }
  | { kind: "read-only" }
  | { kind: "login"; reason: string }
  | { kind: "unauthenticated"; reason: string }
  /** Refused before any handler: 429 (rate limit) or 503 (cannot check the caller now), with Retry-After. */
  | { kind: "refused"; status: 429 | 503; message: string; retryAfterSeconds: number };

/** What the decision consults: the sessions, the bearer-token check (a cached review), the sign-in limiter. */
export interface AuthDependencies {
  sessions: SessionStore;
  /** The API server's verdict on a bearer token: who it is, or null when refused; throws when it cannot be asked. */
  verifyBearer: (token: string) => Promise<{ user: string } | null>;
  loginLimit: LoginRateLimit;
}

/** Paths answered without a signed-in user in token/proxy mode. */
const PUBLIC_PATHS = new Set(["/login", "/api/auth/login", "/api/auth/logout", "/api/session", "/api/healthz", "/api/readyz", "/api/metrics", "/api/openapi.json"]);

export function isPublicPath(path: string): boolean {
  return PUBLIC_PATHS.has(path) || path.startsWith("/_next/") || path === "/icon.svg" || path === "/favicon.ico";
}

type BearerCheck = "none" | "verified" | "rejected" | "unavailable";

/** Whether the request's bearer token (if any) is one the API server accepts. Malformed counts as rejected. */
async function checkBearer(request: Request, verify: AuthDependencies["verifyBearer"]): Promise<BearerCheck> {
  const bearer = parseBearer(request.headers.get("authorization"));
  if (bearer.kind === "none") return "none";
  if (bearer.kind === "malformed") return "rejected";
  try {
    return (await verify(bearer.token)) ? "verified" : "rejected";
  } catch (error) {
    if (isAppError(error) && error.code === "Unavailable") return "unavailable";
    throw error;
  }
}

function unauthenticated(path: string, reason: string): AuthDecision {
  return path.startsWith("/api/") ? { kind: "unauthenticated", reason } : { kind: "login", reason };
}

const REJECTED_BEARER = "the API server did not accept the bearer token";

/**
 * The single place that turns how a browser authenticated into what the
 * route handlers read (lib/auth/request-identity.ts and
 * userContextFromHeaders):
 * - every mode: internal headers (peer, peer key, proxy secret) are removed;
 *   sign-in attempts are rate-limited per client address (429);
 *   `Authorization: Bearer` is checked with the API server (a cached
 *   SelfSubjectReview) before anything is served: a token it refuses gets
 *   401 (on public paths the header is dropped instead), so no handler ever
 *   sees an unverified bearer;
 * - token: a session cookie becomes `Authorization: Bearer <token>` on the
 *   forwarded request only (the browser never holds the token; it was
 *   verified at sign-in); no session and no bearer → API 401 / page → /login;
 * - proxy: X-Forwarded-User/-Groups survive only from a trusted proxy
 *   (see trusted-proxy.ts), else they are dropped and the API answers 401;
 * - kubeconfig: X-Forwarded-* identity headers are dropped (they mean nothing);
 * - read-only: writes are refused before any handler runs.
 */
export async function decideAuth(request: Request, env: MeshdeckEnv, deps: AuthDependencies): Promise<AuthDecision> {
  const url = new URL(request.url);
  if (refusedAsReadOnly(env.readOnly, request.method, url.pathname)) return { kind: "read-only" };
  const limited = request.method === "POST" && url.pathname === "/api/auth/login" ? deps.loginLimit.hit(clientAddress(request.headers, env)) : undefined;
  if (limited !== undefined) return { kind: "refused", status: 429, message: "Too many sign-in attempts from this address; try again later", retryAfterSeconds: limited };
  const headers = new Headers(request.headers);
  for (const name of INTERNAL_HEADERS) headers.delete(name);
  const open = isPublicPath(url.pathname);
  const bearer = await checkBearer(request, deps.verifyBearer);
  if (bearer === "unavailable") return { kind: "refused", status: 503, message: "Cannot reach the Kubernetes API server to check the bearer token", retryAfterSeconds: 5 };
  if (bearer === "rejected") {
    if (!open) return unauthenticated(url.pathname, REJECTED_BEARER);
    headers.delete("authorization");
  }
  const verified = bearer === "verified";
  if (env.authMode === "kubeconfig") return forwardWithoutProxyIdentity(headers);
  if (env.authMode === "token") return decideToken(request, headers, { verified, open, sessions: deps.sessions });
  return decideProxy(request, headers, env, { verified, open });
}

function forwardWithoutProxyIdentity(headers: Headers): AuthDecision {
  headers.delete("x-forwarded-user");
  headers.delete("x-forwarded-groups");
  return { kind: "forward", headers };
}

function decideToken(request: Request, headers: Headers, state: { verified: boolean; open: boolean; sessions: SessionStore }): AuthDecision {
  headers.delete("x-forwarded-user");
  headers.delete("x-forwarded-groups");
  if (state.verified) return { kind: "forward", headers };
  headers.delete("authorization");
  const session = state.sessions.get(sessionIdFromCookies(request.headers.get("cookie")));
  if (session) {
    headers.set("authorization", `Bearer ${session.token}`);
    return { kind: "forward", headers };
  }
  return state.open ? { kind: "forward", headers } : unauthenticated(new URL(request.url).pathname, "sign in with a Kubernetes token");
}

function decideProxy(request: Request, headers: Headers, env: MeshdeckEnv, state: { verified: boolean; open: boolean }): AuthDecision {
  const trust = proxyTrust(request.headers, env);
  if (!trust.trusted) {
    headers.delete("x-forwarded-user");
    headers.delete("x-forwarded-groups");
    if (state.open || state.verified) return { kind: "forward", headers };
    return { kind: "unauthenticated", reason: trust.reason };
  }
  if (!request.headers.get("x-forwarded-user")?.trim() && !state.open && !state.verified) {
    return { kind: "unauthenticated", reason: "the auth proxy sent no X-Forwarded-User" };
  }
  return { kind: "forward", headers };
}
