import { describe, expect, it } from "vitest";
import { contentSecurityPolicy, securityHeaders } from "./security-headers";

describe("security headers", () => {
  it("allows scripts only from self and the nonce", () => {
    const csp = contentSecurityPolicy("abc", ["'none'"]);
    expect(csp).toContain("script-src 'self' 'nonce-abc' 'strict-dynamic'");
    expect(csp).not.toMatch(/script-src[^;]*unsafe-inline/);
    expect(csp).not.toContain("unsafe-eval");
    expect(csp).toContain("frame-ancestors 'none'");
  });

  it("embeds for configured kiosk origins", () => {
    const h = securityHeaders("n", ["https://kiosk.example", "'self'"]);
    expect(h["Content-Security-Policy"]).toContain("frame-ancestors https://kiosk.example 'self'");
    expect(h["X-Frame-Options"]).toBeUndefined();
    expect(securityHeaders("n", ["'none'"])["X-Frame-Options"]).toBe("DENY");
    expect(h["X-Content-Type-Options"]).toBe("nosniff");
    expect(h["Referrer-Policy"]).toBe("no-referrer");
  });
});
