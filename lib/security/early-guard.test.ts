import { describe, expect, it } from "vitest";
import { apiErrorBodySchema } from "@/lib/errors/api-error";
import { earlyAnswer } from "./early-guard";

const env = { allowedHosts: [], publicOrigins: [], frameAncestors: ["'none'"] };
const host = "127.0.0.1:16410";

describe("earlyAnswer", () => {
  it("leaves served methods on canonical paths to Next.js and proxy.ts", () => {
    expect(earlyAnswer("GET", "/api/traffic?namespace=a", host, env)).toBeNull();
    expect(earlyAnswer("PUT", "/api/namespaces/a/virtualservices/b/http/0/weights", host, env)).toBeNull();
    expect(earlyAnswer("GET", "/", host, env)).toBeNull();
    expect(earlyAnswer("GET", "/api/namespaces/%zz/x", host, env)).toBeNull();
  });

  it.each(["TRACE", "PROPFIND", "MKCOL"])("answers %s with a typed 405, Allow and the security headers", (method) => {
    const a = earlyAnswer(method, "/api/traffic", host, env);
    expect(a?.status).toBe(405);
    expect(a?.headers.Allow).toBe("DELETE, GET, HEAD, OPTIONS, PATCH, POST, PUT");
    expect(a?.headers["X-Content-Type-Options"]).toBe("nosniff");
    expect(a?.headers["Content-Security-Policy"]).toContain("frame-ancestors 'none'");
    expect(apiErrorBodySchema.parse(JSON.parse(a?.body ?? "")).error.code).toBe("MethodNotAllowed");
  });

  it.each([
    ["/api/traffic/", "/api/traffic"],
    ["/api//traffic?x=1", "/api/traffic?x=1"],
    ["/api/readyz/..", "/api"],
    ["/api/x/%2e%2e/traffic", "/api/traffic"],
    ["//evil.example/x", "/evil.example/x"],
  ])("redirects %s to %s with the security headers", (target, location) => {
    const a = earlyAnswer("GET", target, host, env);
    expect(a?.status).toBe(308);
    expect(a?.headers.Location).toBe(location);
    expect(a?.headers["Referrer-Policy"]).toBe("no-referrer");
  });

  it("answers a foreign Host with 421 before anything else", () => {
    expect(earlyAnswer("TRACE", "/", "evil.example:16410", env)?.status).toBe(421);
    expect(earlyAnswer("GET", "/api/traffic/", "evil.example:16410", env)?.status).toBe(421);
  });
});
