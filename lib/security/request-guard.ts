import { operations } from "@/lib/api/openapi/operations";
import type { MeshdeckEnv } from "@/lib/config/meshdeck-env";
import { AppError } from "@/lib/errors/app-error";
import { hostAllowed, hostPolicy } from "./allowed-hosts";
import { allowedMethods, apiTemplates, SERVED_METHODS } from "./api-methods";

/** A refusal proxy.ts sends before any handler runs, with extra response headers (Allow). */
export interface Refusal {
  error: AppError;
  headers: Record<string, string>;
}

/** The canonical form of a path (no trailing or doubled slashes), or null when it already is. */
export function canonicalPath(pathname: string): string | null {
  const clean = `/${pathname.split("/").filter((s) => s !== "").join("/")}`;
  return clean === pathname ? null : clean;
}

const templates = apiTemplates(operations);

function refuse(code: "BadRequest" | "MethodNotAllowed" | "MisdirectedRequest", message: string, headers: Record<string, string> = {}): Refusal {
  return { error: new AppError({ code, message }), headers };
}

/** Each path segment percent-decoded on its own (an encoded "/" stays inside its segment), or null when one does not decode. */
export function decodedPath(rawPathname: string): string | null {
  try {
    return rawPathname
      .split("/")
      .map((s) => decodeURIComponent(s).replaceAll("/", "%2F"))
      .join("/");
  } catch {
    return null;
  }
}

/**
 * For `method` at `pathname` (decoded): 404 for an /api path the OpenAPI
 * document does not describe (lib/api/openapi/operations.ts is the contract;
 * lib/security/api-methods.test.ts keeps it in step with the route files),
 * 405 with Allow for a method not served there, else null.
 */
export function methodRefusal(method: string, pathname: string): Refusal | null {
  const allowed = SERVED_METHODS.has(method) ? allowedMethods(pathname, templates) : [...SERVED_METHODS].sort();
  if (allowed.length === 0) return { error: new AppError({ code: "NotFound", message: "No such API path" }), headers: {} };
  if (allowed.includes(method)) return null;
  return refuse("MethodNotAllowed", `${method} is not served at this path`, { Allow: allowed.join(", ") });
}

/**
 * The Allow list proxy.ts answers OPTIONS on an /api path with (204, and no
 * CORS permission: a cross-site preflight fails), or null for other requests.
 * Route handlers never see OPTIONS (Next.js' automatic answer is a bare 405
 * on static routes).
 */
export function apiOptions(method: string, rawPathname: string): string | null {
  const pathname = method === "OPTIONS" ? decodedPath(rawPathname) : null;
  if (pathname === null || (pathname !== "/api" && !pathname.startsWith("/api/"))) return null;
  return allowedMethods(pathname, templates).join(", ") || null;
}

/**
 * Checks that need no handler, in order: the Host header is one of ours
 * (421: DNS rebinding), the path decodes (400: Next.js would answer a bare
 * 500), the /api path is documented (404) and serves the method (405). Null: go on.
 */
export function requestRefusal(request: Request, env: Pick<MeshdeckEnv, "allowedHosts" | "publicOrigins">): Refusal | null {
  if (!hostAllowed(request.headers.get("host"), hostPolicy(env.allowedHosts, env.publicOrigins))) {
    return refuse("MisdirectedRequest", "Unknown Host: add it to MESHDECK_ALLOWED_HOSTS or MESHDECK_PUBLIC_ORIGIN");
  }
  const raw = new URL(request.url).pathname;
  const pathname = decodedPath(raw);
  if (pathname === null) return refuse("BadRequest", "The path is not valid percent-encoded UTF-8");
  return methodRefusal(request.method.toUpperCase(), pathname);
}
