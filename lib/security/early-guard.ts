import http from "node:http";
import { securityHeaders } from "@/lib/auth/security-headers";
import { meshdeckEnv, type MeshdeckEnv } from "@/lib/config/meshdeck-env";
import { hostAllowed, hostPolicy } from "./allowed-hosts";
import { SERVED_METHODS } from "./api-methods";
import { canonicalPath, methodRefusal } from "./request-guard";

/**
 * What the HTTP server answers before Next.js routes a request, for the two
 * cases Next.js mishandles ahead of proxy.ts:
 * - a method Meshdeck does not serve (TRACE, PROPFIND, …): Next.js builds a
 *   fetch `Request` for proxy.ts, which throws for TRACE, and the client got
 *   a bare 500;
 * - a non-canonical path ("/api/x/", "//x", "/a/../x"): Next.js redirects it
 *   (308) before proxy.ts runs, without the security headers.
 * Both answers carry the security headers; a foreign Host gets 421 first.
 * Everything else goes on to proxy.ts.
 */
export interface EarlyAnswer {
  status: number;
  headers: Record<string, string>;
  body: string;
}

function settings(): Pick<MeshdeckEnv, "allowedHosts" | "publicOrigins" | "frameAncestors"> {
  try {
    return meshdeckEnv();
  } catch {
    // proxy.ts answers 503 for a bad configuration; here: loopback only.
    return { allowedHosts: [], publicOrigins: [], frameAncestors: ["'none'"] };
  }
}

function rawPathname(target: string): string {
  const q = target.indexOf("?");
  return q < 0 ? target : target.slice(0, q);
}

/** The early answer for a request line and Host, or null to let Next.js and proxy.ts handle it. */
export function earlyAnswer(method: string, target: string, host: string | undefined, env = settings()): EarlyAnswer | null {
  const raw = rawPathname(target);
  let resolved: URL | null = null;
  try {
    // Origin-form targets only ("//x" is a path here, not a host).
    resolved = target.startsWith("/") ? new URL(`http://meshdeck.invalid${target}`) : null;
  } catch {
    resolved = null;
  }
  const canonical = resolved ? (canonicalPath(resolved.pathname) ?? resolved.pathname) : raw;
  const unserved = !SERVED_METHODS.has(method);
  if (!unserved && canonical === raw) return null;
  const nonce = Buffer.from(crypto.randomUUID()).toString("base64");
  const headers = { ...securityHeaders(nonce, env.frameAncestors), "Cache-Control": "no-store" };
  if (!hostAllowed(host ?? null, hostPolicy(env.allowedHosts, env.publicOrigins))) {
    const body = { error: { code: "MisdirectedRequest", message: "Unknown Host: add it to MESHDECK_ALLOWED_HOSTS or MESHDECK_PUBLIC_ORIGIN" } };
    return { status: 421, headers: { ...headers, "Content-Type": "application/json" }, body: JSON.stringify(body) };
  }
  const refusal = unserved ? methodRefusal(method, "/") : null;
  if (refusal) return { status: refusal.error.status, headers: { ...headers, ...refusal.headers, "Content-Type": "application/json" }, body: JSON.stringify({ error: refusal.error.detail }) };
  return { status: 308, headers: { ...headers, Location: `${canonical}${resolved?.search ?? ""}` }, body: "" };
}

const INSTALLED = Symbol.for("meshdeck.earlyGuard");

function answerEarly(req: http.IncomingMessage, res: http.ServerResponse): boolean {
  const answer = earlyAnswer((req.method ?? "").toUpperCase(), req.url ?? "/", req.headers.host);
  if (!answer) return false;
  req.resume();
  res.writeHead(answer.status, answer.headers).end(answer.body);
  return true;
}

/** Wraps `http.Server.prototype.emit` (as deploy/runtime/instrument.cjs does) once per process; called by instrumentation.ts. */
export function installEarlyGuard(): void {
  const proto = http.Server.prototype as http.Server & { [INSTALLED]?: boolean };
  if (proto[INSTALLED]) return;
  proto[INSTALLED] = true;
  const emit = proto.emit;
  proto.emit = function guardedEmit(this: http.Server, event: string | symbol, ...args: unknown[]): boolean {
    if (event === "request" && answerEarly(args[0] as http.IncomingMessage, args[1] as http.ServerResponse)) return true;
    return Reflect.apply(emit, this, [event, ...args]) as boolean;
  } as typeof proto.emit;
}
