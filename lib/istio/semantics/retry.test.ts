import { describe, expect, it } from "vitest";
import { effectiveRetryPolicy, retryOnError, retryOnStatusCode, shouldRetry } from "./retry";

const response = (code: number) => ({ kind: "response", code }) as const;

describe("retryOnError (Envoy's retry-on values, gRPC ones, status codes)", () => {
  it("accepts Envoy's conditions and HTTP status codes, with spaces as istiod trims them", () => {
    for (const ok of ["5xx", "gateway-error,connect-failure,refused-stream", "503", "5xx, 409", "cancelled,deadline-exceeded,internal,resource-exhausted,unavailable", "retriable-4xx,retriable-status-codes,retriable-headers,reset,envoy-ratelimited,http3-post-connect-failure"]) {
      expect(retryOnError(ok), ok).toBeNull();
    }
  });
  it("refuses unknown conditions, codes Go does not name and empty lists", () => {
    expect(retryOnError("5xx,bogus")).toContain('"bogus"');
    expect(retryOnError("599")).toContain('"599"');
    expect(retryOnError("5XX")).toContain('"5XX"');
    expect(retryOnError(" , ")).toContain("at least one");
  });
  it("reads status codes as istiod does", () => {
    expect(retryOnStatusCode("503")).toBe(503);
    expect(retryOnStatusCode("418")).toBe(418);
    expect(retryOnStatusCode("509")).toBeNull();
    expect(retryOnStatusCode("5xx")).toBeNull();
  });
});

describe("effectiveRetryPolicy (pilot's ConvertPolicy)", () => {
  it("unset: Istio's default, 2 retries on connect-failure, refused-stream, unavailable, cancelled and 503", () => {
    const p = effectiveRetryPolicy(undefined);
    expect(p.retries).toBe(2);
    expect([...p.retryOn].sort()).toEqual(["cancelled", "connect-failure", "refused-stream", "retriable-status-codes", "unavailable"]);
    expect([...p.statusCodes]).toEqual([503]);
    expect(shouldRetry(p, response(503))).toBe(true);
    expect(shouldRetry(p, response(500))).toBe(false);
  });
  it("attempts 0 (or unset inside retries) disables retries", () => {
    expect(effectiveRetryPolicy({ attempts: 0, retryOn: "5xx" }).retries).toBe(0);
    expect(effectiveRetryPolicy({ retryOn: "5xx" }).retries).toBe(0);
  });
  it("attempts without retryOn keep the default conditions; retryOn replaces them, codes add retriable-status-codes", () => {
    expect(shouldRetry(effectiveRetryPolicy({ attempts: 3 }), response(503))).toBe(true);
    const p = effectiveRetryPolicy({ attempts: 3, retryOn: "connect-failure,500", perTryTimeout: "250ms" });
    expect(p).toMatchObject({ retries: 3, perTryTimeoutMs: 250 });
    expect([...p.retryOn].sort()).toEqual(["connect-failure", "retriable-status-codes"]);
    expect(shouldRetry(p, response(500))).toBe(true);
    expect(shouldRetry(p, response(503))).toBe(false);
  });
});

describe("shouldRetry (Envoy's router)", () => {
  const on = (retryOn: string) => effectiveRetryPolicy({ attempts: 1, retryOn });
  it("5xx: any 5xx, per-try timeouts and connect failures", () => {
    for (const code of [500, 503, 504, 599]) expect(shouldRetry(on("5xx"), response(code))).toBe(true);
    expect(shouldRetry(on("5xx"), response(404))).toBe(false);
    expect(shouldRetry(on("5xx"), { kind: "per-try-timeout" })).toBe(true);
    expect(shouldRetry(on("5xx"), { kind: "connect-failure" })).toBe(true);
  });
  it("gateway-error: 502, 503, 504 only", () => {
    expect([500, 502, 503, 504].map((c) => shouldRetry(on("gateway-error"), response(c)))).toEqual([false, true, true, true]);
  });
  it("connect-failure never retries a response; retriable-4xx retries 409", () => {
    expect(shouldRetry(on("connect-failure"), response(503))).toBe(false);
    expect(shouldRetry(on("connect-failure"), { kind: "connect-failure" })).toBe(true);
    expect(shouldRetry(on("connect-failure"), { kind: "per-try-timeout" })).toBe(false);
    expect(shouldRetry(on("retriable-4xx"), response(409))).toBe(true);
    expect(shouldRetry(on("retriable-4xx"), response(400))).toBe(false);
  });
  it("gRPC conditions do not match plain HTTP answers", () => {
    expect(shouldRetry(on("unavailable,cancelled,internal"), response(503))).toBe(false);
  });
});
