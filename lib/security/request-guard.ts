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

/** 405 with Allow when `method` is not served at `pathname` (decoded), else null. */
export function methodRefusal(method: string, pathname: string): Refusal | null {
  const allowed = SERVED_METHODS.has(method) ? allowedMethods(pathname, templates) : [...SERVED_METHODS].sort();
  if (allowed === undefined || allowed.includes(method)) return null;
  return refuse("MethodNotAllowed", `${method} is not served at this path`, { Allow: allowed.join(", ") });
}

/**
 * Checks that need no handler, in order: the Host header is one of ours
 * (421: DNS rebinding), the path decodes (400: Next.js would answer a bare
 * 500), the method is served at this path (405). Null: go on.
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
