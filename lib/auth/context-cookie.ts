import { parseCookies } from "./session-cookie";

/**
 * The kubeconfig context a browser session picked (kubeconfig mode): only its
 * name, which is not a secret; the server checks it against the kubeconfig's
 * contexts on every request. A session cookie (no Max-Age): httpOnly,
 * SameSite=Strict, Path=/, Secure over HTTPS (then `__Host-` pinned).
 */
export const CONTEXT_COOKIE = "meshdeck_context";
export const SECURE_CONTEXT_COOKIE = "__Host-meshdeck_context";

export function contextCookieHeader(context: string, secure: boolean): string {
  const name = secure ? SECURE_CONTEXT_COOKIE : CONTEXT_COOKIE;
  return [`${name}=${encodeURIComponent(context)}`, "Path=/", "HttpOnly", "SameSite=Strict", ...(secure ? ["Secure"] : [])].join("; ");
}

export function clearContextCookieHeaders(): string[] {
  return [`${CONTEXT_COOKIE}=; Path=/; HttpOnly; SameSite=Strict; Max-Age=0`, `${SECURE_CONTEXT_COOKIE}=; Path=/; HttpOnly; SameSite=Strict; Max-Age=0; Secure`];
}

/** The context name from a Cookie header (the __Host- variant wins); undefined when absent or not decodable. */
export function contextFromCookies(cookieHeader: string | null): string | undefined {
  const cookies = parseCookies(cookieHeader);
  const raw = cookies.get(SECURE_CONTEXT_COOKIE) || cookies.get(CONTEXT_COOKIE);
  if (!raw) return undefined;
  try {
    const name = decodeURIComponent(raw);
    return name.length > 0 && name.length <= 253 ? name : undefined;
  } catch {
    return undefined;
  }
}
