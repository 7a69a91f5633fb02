import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { DestinationRuleWire } from "@/lib/istio/wire";
import { readUndo } from "./audit";
import { replacingMergePatch } from "./merge-patch";
import { afterApply, checkPlan, expectActionError } from "./test-support/plan-checks";
import { ctx, laterCtx } from "./test-support/fixtures";
import { applyMergePatch } from "./test-support/merge-patch";
import {
  planClearHostPolicy,
  planClearSubsetPolicy,
  planCreateWithPolicy,
  planSetHostPolicy,
  planSetSubsetPolicy,
  type TrafficPolicyInput,
} from "./traffic-policy";
import { planUndo } from "./undo";

const dr = (spec: Partial<DestinationRuleWire["spec"]> = {}): DestinationRuleWire => ({
  apiVersion: "networking.istio.io/v1",
  kind: "DestinationRule",
  metadata: { name: "reviews", namespace: "shop", resourceVersion: "7" },
  spec: {
    host: "reviews",
    subsets: [
      { name: "v1", labels: { version: "v1" } },
      { name: "v2", labels: { version: "v2" }, trafficPolicy: { loadBalancer: { simple: "RANDOM" }, portLevelSettings: [{ port: { number: 9080 } }] } },
    ],
    ...spec,
  },
});

const outlier: TrafficPolicyInput = { outlierDetection: { consecutive5xxErrors: 3, interval: "1s", baseEjectionTime: "30s", maxEjectionPercent: 100 } };

describe("planSetHostPolicy / planClearHostPolicy", () => {
  it("replaces the edited fields, keeps the others, and a repeat is a no-op", () => {
    const current = dr({ trafficPolicy: { loadBalancer: { simple: "ROUND_ROBIN" }, tls: { mode: "ISTIO_MUTUAL" }, portLevelSettings: [{ port: { number: 80 } }] } });
    const plan = planSetHostPolicy(current, outlier, ctx);
    const result = checkPlan(current, plan);
    expect(result.spec.trafficPolicy).toEqual({ portLevelSettings: [{ port: { number: 80 } }], ...outlier });
    expect(result.spec.subsets).toEqual(current.spec.subsets);
    expect(plan.summary).toContain("outlierDetection");
    expect(planSetHostPolicy(afterApply(plan), outlier, ctx).changed).toBe(false);
  });

  it("clears to the fields Meshdeck does not edit, and undo restores the original", () => {
    const current = dr({ trafficPolicy: { connectionPool: { tcp: { maxConnections: 5 } }, portLevelSettings: [] } });
    const cleared = planClearHostPolicy(current, ctx);
    expect(checkPlan(current, cleared).spec.trafficPolicy).toEqual({ portLevelSettings: [] });
    const undo = planUndo(afterApply(cleared), laterCtx);
    expect(checkPlan(afterApply(cleared), undo).spec).toEqual(current.spec);
    expect(planClearHostPolicy(dr(), ctx).changed).toBe(false);
  });

  it("removes trafficPolicy when nothing is left", () => {
    const current = dr({ trafficPolicy: { loadBalancer: { consistentHash: { httpHeaderName: "x-user" } } } });
    const plan = planClearHostPolicy(current, ctx);
    expect(plan.patch.spec).toEqual({ trafficPolicy: null });
    expect(checkPlan(current, plan).spec.trafficPolicy).toBeUndefined();
  });

  it("refuses what Istio refuses (422 with the field)", () => {
    const current = dr();
    expectActionError(() => planSetHostPolicy(current, {} as TrafficPolicyInput, ctx), "Unprocessable", /at least one/);
    expectActionError(() => planSetHostPolicy(current, { loadBalancer: { simple: "ROUND_ROBIN", consistentHash: { useSourceIp: true } } }, ctx), "Unprocessable", /exactly one/);
    expectActionError(() => planSetHostPolicy(current, { loadBalancer: { consistentHash: { httpHeaderName: "a", useSourceIp: true } } }, ctx), "Unprocessable", /exactly one/);
    expectActionError(() => planSetHostPolicy(current, { outlierDetection: { interval: "10" } }, ctx), "Unprocessable");
    expectActionError(() => planSetHostPolicy(current, { outlierDetection: { maxEjectionPercent: 101 } }, ctx), "Unprocessable");
    expectActionError(() => planSetHostPolicy(current, { tls: { mode: "PLAIN" as "SIMPLE" } }, ctx), "Unprocessable");
    expectActionError(() => planSetHostPolicy(current, { connectionPool: {} }, ctx), "Unprocessable", /tcp or http/);
  });
});

describe("planSetSubsetPolicy / planClearSubsetPolicy", () => {
  it("edits one subset only and keeps its other policy fields", () => {
    const current = dr();
    const plan = planSetSubsetPolicy(current, "v2", { loadBalancer: { consistentHash: { httpCookie: { name: "user", ttl: "0s" } } } }, ctx);
    const result = checkPlan(current, plan);
    expect(result.spec.subsets?.[0]).toEqual(current.spec.subsets?.[0]);
    expect(result.spec.subsets?.[1]?.trafficPolicy).toEqual({ portLevelSettings: [{ port: { number: 9080 } }], loadBalancer: { consistentHash: { httpCookie: { name: "user", ttl: "0s" } } } });
    const cleared = planClearSubsetPolicy(afterApply(plan), "v2", ctx);
    expect(checkPlan(afterApply(plan), cleared).spec.subsets?.[1]).toEqual({ name: "v2", labels: { version: "v2" }, trafficPolicy: { portLevelSettings: [{ port: { number: 9080 } }] } });
    expect(planClearSubsetPolicy(current, "v1", ctx).changed).toBe(false);
  });

  it("an unknown subset is 404", () => {
    expectActionError(() => planSetSubsetPolicy(dr(), "v9", outlier, ctx), "NotFound", /no subset "v9"/);
  });
});

describe("planCreateWithPolicy", () => {
  it("creates a DestinationRule for the host, with audit annotations", () => {
    const { object, action } = planCreateWithPolicy({ namespace: "shop", name: "ratings", apiVersion: "networking.istio.io/v1" }, "ratings.shop.svc.cluster.local", outlier, ctx);
    expect(action).toBe("set-traffic-policy");
    expect(object.spec).toEqual({ host: "ratings.shop.svc.cluster.local", trafficPolicy: outlier });
    expect(readUndo(object.metadata.annotations)?.previous).toBeNull();
  });
});

// Generated policies on generated DestinationRules: patch ≡ result, untouched parts
// identical, idempotent, and undo restores the spec exactly.
const durationArb = fc.constantFrom("1s", "500ms", "30s", "2m");
const policyArb: fc.Arbitrary<TrafficPolicyInput> = fc
  .record(
    {
      loadBalancer: fc.oneof(
        fc.record({ simple: fc.constantFrom("ROUND_ROBIN" as const, "RANDOM" as const, "LEAST_REQUEST" as const) }),
        fc.record({ consistentHash: fc.oneof(fc.record({ httpHeaderName: fc.constantFrom("x-user", "end-user") }), fc.constant({ useSourceIp: true as const })) }),
      ),
      connectionPool: fc.record({ tcp: fc.record({ maxConnections: fc.integer({ min: 1, max: 1000 }) }), http: fc.record({ http1MaxPendingRequests: fc.integer({ min: 1, max: 100 }) }) }, { requiredKeys: ["tcp"] }),
      outlierDetection: fc.record({ consecutive5xxErrors: fc.nat(10), interval: durationArb, baseEjectionTime: durationArb, maxEjectionPercent: fc.integer({ min: 0, max: 100 }) }, { requiredKeys: [] }),
      tls: fc.record({ mode: fc.constantFrom("DISABLE" as const, "ISTIO_MUTUAL" as const) }),
    },
    { requiredKeys: [] },
  )
  .filter((p) => Object.keys(p).length > 0);
const existingArb = fc.option(fc.record({ loadBalancer: fc.constant({ simple: "RANDOM" }), portLevelSettings: fc.constant<unknown[]>([{ port: { number: 80 } }]), proxyProtocol: fc.constant({}) }, { requiredKeys: [] }), { nil: undefined });

describe("traffic policy planners (properties)", () => {
  it("host policy: untouched fields identical, idempotent, undo exact", () => {
    fc.assert(
      fc.property(policyArb, existingArb, (policy, existing) => {
        const current = dr(existing ? { trafficPolicy: existing } : {});
        const plan = planSetHostPolicy(current, policy, ctx);
        const result = checkPlan(current, plan);
        expect(result.spec.subsets).toEqual(current.spec.subsets);
        expect(result.spec.host).toBe(current.spec.host);
        expect(result.spec.trafficPolicy?.portLevelSettings).toEqual(existing?.portLevelSettings);
        expect(planSetHostPolicy(afterApply(plan), policy, ctx).changed).toBe(false);
        if (plan.changed) expect(checkPlan(afterApply(plan), planUndo(afterApply(plan), laterCtx)).spec).toEqual(current.spec);
      }),
      { numRuns: 150 },
    );
  });

  it("subset policy: other subsets and the host policy identical, idempotent", () => {
    fc.assert(
      fc.property(policyArb, fc.constantFrom("v1", "v2"), (policy, subset) => {
        const current = dr({ trafficPolicy: { tls: { mode: "ISTIO_MUTUAL" } } });
        const plan = planSetSubsetPolicy(current, subset, policy, ctx);
        const result = checkPlan(current, plan);
        expect(result.spec.trafficPolicy).toEqual(current.spec.trafficPolicy);
        const other = subset === "v1" ? 1 : 0;
        expect(result.spec.subsets?.[other]).toEqual(current.spec.subsets?.[other]);
        expect(planSetSubsetPolicy(afterApply(plan), subset, policy, ctx).changed).toBe(false);
      }),
      { numRuns: 100 },
    );
  });

  it("replacingMergePatch turns any JSON object into any other", () => {
    const json = fc.dictionary(fc.constantFrom("a", "b", "c"), fc.oneof(fc.integer(), fc.dictionary(fc.constantFrom("x", "y"), fc.integer()), fc.array(fc.integer())));
    fc.assert(
      fc.property(json, json, (a, b) => {
        expect(applyMergePatch(a, replacingMergePatch(a, b))).toEqual(b);
      }),
    );
  });
});
