import http from "node:http";
import { securityHeaders } from "@/lib/auth/security-headers";
import { meshdeckEnv } from "@/lib/config/meshdeck-env";
import { SERVED_METHODS } from "./api-methods";
import { methodRefusal } from "./request-guard";

/**
 * Answers methods Meshdeck does not serve at all (TRACE, PROPFIND, …) at the
 * HTTP server, before Next.js sees them: Next.js builds a fetch `Request` for
 * proxy.ts, which throws for TRACE (a forbidden method in fetch), and the
 * client got a bare 500 without security headers. Installed once per process
 * by instrumentation.ts; it wraps `http.Server.prototype.emit` as
 * deploy/runtime/instrument.cjs does.
 */
const INSTALLED = Symbol.for("meshdeck.methodGuard");

function frameAncestors(): string[] {
  try {
    return meshdeckEnv().frameAncestors;
  } catch {
    return ["'none'"];
  }
}

/** Sends the typed 405 (with Allow and the security headers) and returns true when the method is not served at all. */
export function refuseUnservedMethod(req: http.IncomingMessage, res: http.ServerResponse): boolean {
  const method = (req.method ?? "").toUpperCase();
  if (SERVED_METHODS.has(method)) return false;
  const refusal = methodRefusal(method, "/");
  if (!refusal) return false;
  const nonce = Buffer.from(crypto.randomUUID()).toString("base64");
  const headers = { ...securityHeaders(nonce, frameAncestors()), ...refusal.headers, "Cache-Control": "no-store", "Content-Type": "application/json" };
  req.resume();
  res.writeHead(refusal.error.status, headers).end(JSON.stringify({ error: refusal.error.detail }));
  return true;
}

/** Idempotent. */
export function installMethodGuard(): void {
  const proto = http.Server.prototype as http.Server & { [INSTALLED]?: boolean };
  if (proto[INSTALLED]) return;
  proto[INSTALLED] = true;
  const emit = proto.emit;
  proto.emit = function guardedEmit(this: http.Server, event: string | symbol, ...args: unknown[]): boolean {
    if (event === "request" && refuseUnservedMethod(args[0] as http.IncomingMessage, args[1] as http.ServerResponse)) return true;
    return Reflect.apply(emit, this, [event, ...args]) as boolean;
  } as typeof proto.emit;
}
