/**
 * The session cookie: only a random id (see session-store.ts), httpOnly,
 * SameSite=Strict, Path=/, Secure over HTTPS (or when MESHDECK_COOKIE_SECURE
 * forces it). With Secure the `__Host-` prefix pins it to this host.
 */
export const SESSION_COOKIE = "meshdeck_session";
export const SECURE_SESSION_COOKIE = "__Host-meshdeck_session";

/** Whether the browser reached us over HTTPS (directly or via a TLS-terminating proxy). */
export function isHttps(request: Request): boolean {
  if (new URL(request.url).protocol === "https:") return true;
  return request.headers.get("x-forwarded-proto")?.split(",")[0]?.trim().toLowerCase() === "https";
}

export function wantsSecureCookie(request: Request, forced: boolean | undefined): boolean {
  return forced ?? isHttps(request);
}

export function sessionCookieHeader(id: string, maxAgeSeconds: number, secure: boolean): string {
  const name = secure ? SECURE_SESSION_COOKIE : SESSION_COOKIE;
  return [`${name}=${id}`, "Path=/", "HttpOnly", "SameSite=Strict", `Max-Age=${maxAgeSeconds}`, ...(secure ? ["Secure"] : [])].join("; ");
}

export function clearSessionCookieHeaders(): string[] {
  return [
    `${SESSION_COOKIE}=; Path=/; HttpOnly; SameSite=Strict; Max-Age=0`,
    `${SECURE_SESSION_COOKIE}=; Path=/; HttpOnly; SameSite=Strict; Max-Age=0; Secure`,
  ];
}

/** The cookies of a Cookie header, by name. */
export function parseCookies(cookieHeader: string | null): Map<string, string> {
  const cookies = new Map<string, string>();
  for (const part of (cookieHeader ?? "").split(";")) {
    const eq = part.indexOf("=");
    if (eq > 0) cookies.set(part.slice(0, eq).trim(), part.slice(eq + 1).trim());
  }
  return cookies;
}

/** The session id from a Cookie header (the __Host- variant wins). */
export function sessionIdFromCookies(cookieHeader: string | null): string | undefined {
  if (!cookieHeader) return undefined;
  const cookies = parseCookies(cookieHeader);
  return cookies.get(SECURE_SESSION_COOKIE) || cookies.get(SESSION_COOKIE) || undefined;
}
