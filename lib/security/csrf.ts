import { ConfigError, parseMeshdeckEnv } from "@/lib/config/meshdeck-env";
import { AppError } from "@/lib/errors/app-error";
import { hostAllowed, hostPolicy } from "./allowed-hosts";

/**
 * CSRF protection for state-changing API requests (PUT, POST, PATCH, DELETE).
 *
 * 1. The request must carry `X-Meshdeck-Csrf: 1`. A browser sends a custom
 *    header cross-site only after a CORS preflight, and Meshdeck never answers
 *    one with permission, so a page on another site cannot forge the request
 *    (the HTML form / `<img>` / simple-fetch attack paths cannot set headers).
 * 2. When the browser says where the request comes from — an `Origin` header,
 *    or `Sec-Fetch-Site` — it must be this very origin ("same-origin").
 *    `Origin: null` (sandboxed frames, some redirects) counts as cross-site.
 *
 * API clients that are not browsers (curl with a bearer token, scripts) send
 * neither Origin nor Sec-Fetch-Site; they just add the header:
 *
 *     curl -X PUT -H 'X-Meshdeck-Csrf: 1' -H "Authorization: Bearer $TOKEN" \
 *          -H 'Content-Type: application/json' -d '{"weights":[…]}' \
 *          https://meshdeck.example/api/namespaces/default/virtualservices/web/http/0/weights
 *
 * "This very origin" is the request's scheme with its Host only when that
 * Host is one this server answers to (lib/security/allowed-hosts.ts; proxy.ts
 * refuses the others before any handler runs), so a DNS-rebound name never
 * makes itself same-origin. Behind a reverse proxy that changes the host or
 * the scheme, list the public origin(s) in MESHDECK_PUBLIC_ORIGIN
 * (comma-separated, e.g. "https://meshdeck.example").
 */
export const CSRF_HEADER = "x-meshdeck-csrf";
export const CSRF_HEADER_VALUE = "1";

const SAFE_METHODS = new Set(["GET", "HEAD", "OPTIONS"]);

export type CsrfVerdict = { ok: true } | { ok: false; reason: string };

function normalizeOrigin(value: string): string | null {
  try {
    const url = new URL(value);
    return url.protocol === "http:" || url.protocol === "https:" ? url.origin : null;
  } catch {
    return null;
  }
}

function hostSettings(env: Record<string, string | undefined>): { allowedHosts: string[]; publicOrigins: string[] } {
  try {
    return parseMeshdeckEnv(env);
  } catch (error) {
    // proxy.ts answers 503 for a bad configuration; here it means: trust only the loopback.
    if (error instanceof ConfigError) return { allowedHosts: [], publicOrigins: [] };
    throw error;
  }
}

/** Origins this server answers as: MESHDECK_PUBLIC_ORIGIN, and the request's scheme with its Host when that Host is allowed. */
export function ownOrigins(request: Request, env: Record<string, string | undefined> = process.env): Set<string> {
  const settings = hostSettings(env);
  const policy = hostPolicy(settings.allowedHosts, settings.publicOrigins);
  const origins = new Set<string>(settings.publicOrigins);
  const url = new URL(request.url);
  for (const host of [url.host, request.headers.get("host")]) {
    const fromHost = host && hostAllowed(host, policy) ? normalizeOrigin(`${url.protocol}//${host}`) : null;
    if (fromHost) origins.add(fromHost);
  }
  return origins;
}

/** The CSRF verdict for a request (safe methods always pass). */
export function csrfVerdict(request: Request, env?: Record<string, string | undefined>): CsrfVerdict {
  if (SAFE_METHODS.has(request.method.toUpperCase())) return { ok: true };
  if (request.headers.get(CSRF_HEADER)?.trim() !== CSRF_HEADER_VALUE) return { ok: false, reason: `missing ${CSRF_HEADER}: ${CSRF_HEADER_VALUE} header` };
  const fetchSite = request.headers.get("sec-fetch-site");
  if (fetchSite !== null && fetchSite.trim().toLowerCase() !== "same-origin") return { ok: false, reason: `Sec-Fetch-Site is ${fetchSite}` };
  const origin = request.headers.get("origin");
  if (origin !== null) {
    const normalized = normalizeOrigin(origin.trim());
    if (!normalized || !ownOrigins(request, env).has(normalized)) return { ok: false, reason: "cross-origin request" };
  }
  return { ok: true };
}

/** Throws 403 "CSRF check failed" unless the request passes {@link csrfVerdict}. */
export function assertCsrf(request: Request, env?: Record<string, string | undefined>): void {
  const verdict = csrfVerdict(request, env);
  if (!verdict.ok) throw new AppError({ code: "Forbidden", message: "CSRF check failed" }, { extras: { csrf: verdict.reason } });
}
