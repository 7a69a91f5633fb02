import { describe, expect, it } from "vitest";
import { consistentHashKey, effectivePolicy, ejectionBypassed, ejectionDurationMs, mayEject, OUTLIER_DEFAULTS, outlierSettings, pickByHash } from "./traffic-policy";

describe("effectivePolicy", () => {
  it("the subset's fields override the host's, field by field", () => {
    const host = { loadBalancer: { simple: "RANDOM" }, outlierDetection: { consecutive5xxErrors: 2 } };
    expect(effectivePolicy(host, { loadBalancer: { simple: "ROUND_ROBIN" } })).toEqual({ loadBalancer: { simple: "ROUND_ROBIN" }, outlierDetection: { consecutive5xxErrors: 2 } });
    expect(effectivePolicy(undefined, undefined)).toEqual({});
  });
});

describe("outlierSettings", () => {
  it("Istio's defaults fill what the policy leaves out; no outlierDetection: none", () => {
    expect(outlierSettings({ outlierDetection: {} })).toEqual({ ...OUTLIER_DEFAULTS });
    expect(outlierSettings({})).toBeNull();
    expect(outlierSettings({ outlierDetection: { consecutive5xxErrors: 1, interval: "2s", baseEjectionTime: "1m", maxEjectionPercent: 50 } })).toMatchObject({
      consecutive5xxErrors: 1,
      intervalMs: 2000,
      baseEjectionTimeMs: 60_000,
      maxEjectionPercent: 50,
    });
  });

  it("ejections last longer each time; at least one host may be ejected; minHealthPercent bypasses ejection", () => {
    const s = { ...OUTLIER_DEFAULTS };
    expect(ejectionDurationMs(s, 3)).toBe(90_000);
    expect(mayEject(s, 0, 3)).toBe(true);
    expect(mayEject(s, 1, 3)).toBe(false);
    expect(mayEject({ ...s, maxEjectionPercent: 100 }, 2, 3)).toBe(true);
    expect(ejectionBypassed({ ...s, minHealthPercent: 50 }, 1, 3)).toBe(true);
    expect(ejectionBypassed(s, 0, 3)).toBe(false);
  });
});

describe("consistentHashKey / pickByHash", () => {
  const req = { headers: { "x-user": "alice", cookie: "a=1; session=xyz" }, path: "/p?tenant=t1&x=2", sourceIp: "10.0.0.7" };
  const lb = (consistentHash: Record<string, unknown>) => ({ loadBalancer: { consistentHash } });

  it("reads the header, cookie, query parameter or source IP the policy names", () => {
    expect(consistentHashKey(lb({ httpHeaderName: "X-User" }), req)).toBe("alice");
    expect(consistentHashKey(lb({ httpCookie: { name: "session", ttl: "0s" } }), req)).toBe("xyz");
    expect(consistentHashKey(lb({ httpQueryParameterName: "tenant" }), req)).toBe("t1");
    expect(consistentHashKey(lb({ useSourceIp: true }), req)).toBe("10.0.0.7");
    expect(consistentHashKey(lb({ httpHeaderName: "x-missing" }), req)).toBeNull();
    expect(consistentHashKey({ loadBalancer: { simple: "RANDOM" } }, req)).toBeNull();
  });

  it("a key maps to one candidate; removing another candidate does not move it", () => {
    const pods = ["a", "b", "c", "d"];
    for (let k = 0; k < 50; k++) {
      const chosen = pickByHash(`key-${k}`, pods, (p) => p);
      expect(pickByHash(`key-${k}`, pods, (p) => p)).toBe(chosen);
      const other = pods.find((p) => p !== chosen) ?? "";
      expect(pickByHash(`key-${k}`, pods.filter((p) => p !== other), (p) => p)).toBe(chosen);
    }
  });
});
