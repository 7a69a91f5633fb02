import { describe, expect, it } from "vitest";
import { trafficPolicyInputSchema } from "@/lib/istio/actions/traffic-policy";
import { formFromPolicy, policyFromForm } from "./traffic-policy-form";

describe("traffic policy form", () => {
  it("round-trips the policies it edits", () => {
    const policies = [
      { loadBalancer: { consistentHash: { httpHeaderName: "x-user" } } },
      { loadBalancer: { simple: "LEAST_REQUEST" }, tls: { mode: "ISTIO_MUTUAL" } },
      { outlierDetection: { consecutive5xxErrors: 3, interval: "1s", baseEjectionTime: "30s", maxEjectionPercent: 100 }, connectionPool: { tcp: { maxConnections: 10 }, http: { http1MaxPendingRequests: 5 } } },
      { loadBalancer: { consistentHash: { useSourceIp: true } } },
    ];
    for (const p of policies) {
      const input = policyFromForm(formFromPolicy(p));
      expect(input).toEqual(p);
      expect(trafficPolicyInputSchema.safeParse(input).success).toBe(true);
    }
  });

  it("a new form shows Istio's outlier defaults and builds nothing until something is chosen", () => {
    const f = formFromPolicy(null);
    expect(f).toMatchObject({ lb: "", outlier: false, consecutive5xxErrors: "5", interval: "10s", baseEjectionTime: "30s", maxEjectionPercent: "10" });
    expect(trafficPolicyInputSchema.safeParse(policyFromForm(f)).success).toBe(false);
    expect(policyFromForm({ ...f, outlier: true })).toEqual({ outlierDetection: { consecutive5xxErrors: 5, interval: "10s", baseEjectionTime: "30s", maxEjectionPercent: 10 } });
  });

  it("invalid text is kept for the schema to flag", () => {
    const input = policyFromForm({ ...formFromPolicy(null), outlier: true, consecutive5xxErrors: "many" });
    const parsed = trafficPolicyInputSchema.safeParse(input);
    expect(parsed.success).toBe(false);
  });
});
