import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { VirtualServiceWire } from "@/lib/istio/wire";
import { largestRemainder } from "./rebalance";
import { ctx, laterCtx } from "./test-support/fixtures";
import { afterApply, checkPlan, expectActionError } from "./test-support/plan-checks";
import { planUndo } from "./undo";
import { planSetL4Weights } from "./weights";

// Argo's TLS and TCP canary examples: a tls route per SNI host, a tcp route per port.
function l4Vs(): VirtualServiceWire {
  const pair = (host: string) => [
    { destination: { host: `${host}-stable`, port: { number: 443 } }, weight: 100 },
    { destination: { host: `${host}-canary`, port: { number: 443 } }, weight: 0 },
  ];
  return {
    apiVersion: "networking.istio.io/v1",
    kind: "VirtualService",
    metadata: { name: "l4", namespace: "demo", resourceVersion: "7" },
    spec: {
      hosts: ["a.example.com", "b.example.com", "db"],
      http: [{ name: "primary", route: [{ destination: { host: "web" } }] }],
      tls: [
        { match: [{ port: 443, sniHosts: ["a.example.com"] }], route: pair("a") },
        { match: [{ port: 443, sniHosts: ["b.example.com"] }], route: pair("b") },
      ],
      tcp: [
        { match: [{ port: 5432 }], route: [{ destination: { host: "db-v1" }, weight: 70 }, { destination: { host: "db-v2" }, weight: 30 }] },
        { match: [{ port: 6379 }], route: [{ destination: { host: "cache" } }] },
      ],
    },
  };
}

const caseArb = fc.record({
  section: fc.constantFrom("tls" as const, "tcp" as const),
  index: fc.nat(1),
  raw: fc.array(fc.nat(100), { minLength: 2, maxLength: 2 }),
});

function destinationsOf(vs: VirtualServiceWire, section: "tls" | "tcp", index: number) {
  return (vs.spec[section]?.[index]?.route ?? []).map((r) => ({ host: r.destination.host, ...(r.destination.port?.number ? { port: r.destination.port.number } : {}) }));
}

describe("planSetL4Weights", () => {
  it("sets the weights of one tls/tcp route: the others and every match stay identical, re-planning is a no-op, the weights sum to 100, undo restores", () => {
    fc.assert(
      fc.property(caseArb, ({ section, index, raw }) => {
        const vs = l4Vs();
        const targets = destinationsOf(vs, section, index);
        const weights = largestRemainder(100, targets.map((_, k) => raw[k] ?? 0));
        const plan = planSetL4Weights(vs, section, index, { weights: targets.map((d, k) => ({ ...d, weight: weights[k] ?? 0 })) }, ctx);
        const result = checkPlan(vs, plan);
        expect(result.spec.http).toEqual(vs.spec.http);
        for (const s of ["tls", "tcp"] as const) {
          (vs.spec[s] ?? []).forEach((rule, i) => {
            if (s === section && i === index) expect(result.spec[s]?.[i]?.match).toEqual(rule.match);
            else expect(result.spec[s]?.[i]).toEqual(rule);
          });
        }
        const written = result.spec[section]?.[index]?.route ?? [];
        if (written.length > 1) expect(written.reduce((sum, r) => sum + (r.weight ?? 0), 0)).toBe(100);
        const again = planSetL4Weights(afterApply(plan), section, index, { weights: targets.map((d, k) => ({ ...d, weight: weights[k] ?? 0 })) }, laterCtx);
        expect(again.changed).toBe(false);
        if (plan.changed) expect(checkPlan(afterApply(plan), planUndo(afterApply(plan), laterCtx)).spec).toEqual(vs.spec);
      }),
      { numRuns: 200 },
    );
  });

  it("writes spec.tls only, with TLS 90/10", () => {
    const vs = l4Vs();
    const plan = planSetL4Weights(vs, "tls", 1, { weights: [{ host: "b-stable", port: 443, weight: 90 }, { host: "b-canary", port: 443, weight: 10 }] }, ctx);
    expect(Object.keys(plan.patch.spec ?? {})).toEqual(["tls"]);
    expect(plan.result.spec.tls?.[1]?.route?.map((r) => r.weight)).toEqual([90, 10]);
    expect(plan.summary).toMatch(/tls route #2/);
  });

  it("refuses a missing route (404), an unknown destination (422) and weights not summing to 100 (422)", () => {
    const vs = l4Vs();
    expectActionError(() => planSetL4Weights(vs, "tcp", 5, { weights: [{ host: "db-v1", weight: 100 }] }, ctx), "NotFound", /tcp route #6/);
    expectActionError(() => planSetL4Weights(vs, "tcp", 0, { weights: [{ host: "db-v3", weight: 100 }], allowRemove: true }, ctx), "Unprocessable", /not a destination/);
    expectActionError(() => planSetL4Weights(vs, "tls", 0, { weights: [{ host: "a-stable", port: 443, weight: 90 }, { host: "a-canary", port: 443, weight: 20 }] }, ctx), "Unprocessable", /sum to 100/);
  });
});
