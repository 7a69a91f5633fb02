/**
 * Response security headers. Scripts: 'self' plus a per-request nonce with
 * 'strict-dynamic' (Next.js puts the nonce on its inline bootstrap scripts
 * when it finds it in the request's CSP header); no 'unsafe-inline' scripts.
 * Styles allow inline style attributes (React/recharts set them; CSS cannot
 * run script). frame-ancestors from MESHDECK_FRAME_ANCESTORS (default 'none').
 */
export function contentSecurityPolicy(nonce: string, frameAncestors: readonly string[], dev = false): string {
  return [
    "default-src 'self'",
    `script-src 'self' 'nonce-${nonce}' 'strict-dynamic'${dev ? " 'unsafe-eval'" : ""}`,
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob:",
    "font-src 'self' data:",
    "connect-src 'self'",
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    `frame-ancestors ${frameAncestors.join(" ")}`,
  ].join("; ");
}

export function securityHeaders(nonce: string, frameAncestors: readonly string[], dev = false): Record<string, string> {
  const headers: Record<string, string> = {
    "Content-Security-Policy": contentSecurityPolicy(nonce, frameAncestors, dev),
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "no-referrer",
    "Cross-Origin-Opener-Policy": "same-origin",
    "Permissions-Policy": "camera=(), microphone=(), geolocation=()",
  };
  // Legacy header for old browsers: only expressible for 'none' / 'self'.
  if (frameAncestors.length === 1 && frameAncestors[0] === "'none'") headers["X-Frame-Options"] = "DENY";
  else if (frameAncestors.length === 1 && frameAncestors[0] === "'self'") headers["X-Frame-Options"] = "SAMEORIGIN";
  return headers;
}
