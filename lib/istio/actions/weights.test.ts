import { describe, expect, it } from "vitest";
import { virtualService } from "@/lib/istio/wire";
import { readHistory, readLastChange, readUndo } from "./audit";
import { planHttpRouteWeights } from "./http-route-weights";
import { ctx, seeds, webHttpRoute } from "./test-support/fixtures";
import { afterApply, checkPlan, expectActionError } from "./test-support/plan-checks";
import { planSetWeights } from "./weights";

describe("planSetWeights", () => {
  it("host-level split between two Services (demo-hosts)", () => {
    const vs = seeds.hosts();
    const plan = planSetWeights(vs, 0, { weights: [{ host: "greeter-r1", weight: 80 }, { host: "greeter-r2", weight: 20 }] }, ctx);
    checkPlan(vs, plan);
    expect(plan.changed).toBe(true);
    expect(plan.patch.spec?.http).toEqual([
      {
        route: [
          { destination: { host: "greeter-r1" }, weight: 80 },
          { destination: { host: "greeter-r2" }, weight: 20 },
        ],
      },
    ]);
    expect(plan.patch.metadata.resourceVersion).toBe("1001");
    expect(plan.summary).toBe("Set weights of http route #1 in VirtualService demo-hosts/greeter: greeter-r1 80%, greeter-r2 20%");
  });

  it("subset-level split keeps the rest of the rule (demo-staged 70/30 → 40/60)", () => {
    const vs = seeds.staged();
    const plan = planSetWeights(vs, "http:0", { weights: [{ host: "api", subset: "v1", weight: 40 }, { host: "api", subset: "v2", weight: 60 }] }, ctx);
    const result = checkPlan(vs, plan);
    const rule = result.spec.http?.[0];
    expect({ ...rule, route: undefined }).toEqual({ ...vs.spec.http?.[0], route: undefined });
    expect(rule?.route).toEqual([
      { destination: { host: "api", subset: "v1" }, weight: 40 },
      { destination: { host: "api", subset: "v2" }, weight: 60 },
    ]);
    expect(virtualService.safeParse(result).success).toBe(true);
  });

  it("shop reviews 80/20 → 50/50, by name with a ref object for an unnamed route", () => {
    const vs = seeds.reviews8020();
    const plan = planSetWeights(vs, { section: "http", index: 0 }, { weights: [{ host: "reviews", subset: "v1", weight: 50 }, { host: "reviews", subset: "v2", weight: 50 }] }, ctx);
    expect(checkPlan(vs, plan).spec.http?.[0]?.route?.map((r) => r.weight)).toEqual([50, 50]);
  });

  it("a named route (payments primary) and the audit annotations", () => {
    const vs = seeds.canary();
    const plan = planSetWeights(vs, "primary", { weights: [{ host: "payments-stable", weight: 95 }, { host: "payments-canary", weight: 5 }] }, ctx);
    const result = checkPlan(vs, plan);
    const annotations = result.metadata.annotations;
    expect(readLastChange(annotations)).toEqual({ id: expect.stringMatching(/^[0-9a-f]{16}$/), who: "alice@example.com", when: "2025-01-02T03:04:05Z", action: "set-weights", summary: plan.summary });
    expect(readHistory(annotations)).toHaveLength(1);
    const undo = readUndo(annotations);
    expect(undo?.section).toBe("http");
    expect(undo?.previous).toEqual(vs.spec.http);
  });

  it("is idempotent: the same weights again change nothing and write no annotation", () => {
    const vs = seeds.staged();
    const input = { weights: [{ host: "api", subset: "v1", weight: 70 }, { host: "api", subset: "v2", weight: 30 }] };
    const plan = planSetWeights(vs, 0, input, ctx);
    checkPlan(vs, plan);
    expect(plan.changed).toBe(false);
    expect(plan.summary).toMatch(/already in effect/);
  });

  it("keeps a lone destination without a weight as it is", () => {
    const vs = seeds.ratingsV1();
    const plan = planSetWeights(vs, 0, { weights: [{ host: "ratings", subset: "v1", weight: 100 }] }, ctx);
    expect(plan.changed).toBe(false);
  });

  it("refuses destinations the route does not have, unless allowAdd", () => {
    const vs = seeds.reviews8020();
    const weights = [
      { host: "reviews", subset: "v1", weight: 80 },
      { host: "reviews", subset: "v2", weight: 10 },
      { host: "reviews", subset: "v3", weight: 10 },
    ];
    const error = expectActionError(() => planSetWeights(vs, 0, { weights }, ctx), "Unprocessable", /reviews\/v3 is not a destination/);
    expect(error.fieldErrors?.["weights.2"]).toBeDefined();
    const plan = planSetWeights(vs, 0, { weights, allowAdd: true }, ctx);
    expect(checkPlan(vs, plan).spec.http?.[0]?.route?.[2]).toEqual({ destination: { host: "reviews", subset: "v3" }, weight: 10 });
  });

  it("refuses to drop unlisted destinations, unless allowRemove", () => {
    const vs = seeds.canary();
    expectActionError(() => planSetWeights(vs, "primary", { weights: [{ host: "payments-stable", weight: 100 }] }, ctx), "Unprocessable", /also sends to payments-canary/);
    const plan = planSetWeights(vs, "primary", { weights: [{ host: "payments-stable", weight: 100 }], allowRemove: true }, ctx);
    expect(checkPlan(vs, plan).spec.http?.[0]?.route).toEqual([{ destination: { host: "payments-stable" }, weight: 100 }]);
  });

  it("validates input with per-field errors", () => {
    const vs = seeds.staged();
    const error = expectActionError(
      () => planSetWeights(vs, 0, { weights: [{ host: "api", subset: "v1", weight: 70.5 }, { host: "api", subset: "v2", weight: 30 }] }, ctx),
      "Unprocessable",
    );
    expect(error.fieldErrors?.["weights.0.weight"]).toEqual(["weight must be an integer"]);
    const sumError = expectActionError(() => planSetWeights(vs, 0, { weights: [{ host: "api", subset: "v1", weight: 60 }, { host: "api", subset: "v2", weight: 30 }] }, ctx), "Unprocessable");
    expect(sumError.fieldErrors?.weights).toEqual(["weights must sum to 100 (they sum to 90)"]);
    expect(sumError.status).toBe(422);
    expectActionError(() => planSetWeights(vs, 0, { weights: [{ host: "api", subset: "V1", weight: 100 }] }, ctx), "Unprocessable");
  });

  it("unknown routes are NotFound", () => {
    expectActionError(() => planSetWeights(seeds.canary(), "canary", { weights: [{ host: "x", weight: 100 }] }, ctx), "NotFound", /no http route named "canary"/);
    expectActionError(() => planSetWeights(seeds.canary(), "tcp:0", { weights: [{ host: "x", weight: 100 }] }, ctx), "NotFound");
  });

  it("needs the resourceVersion the object was read with", () => {
    const vs = seeds.staged();
    const { resourceVersion: _rv, ...metadata } = vs.metadata;
    expectActionError(
      () => planSetWeights({ ...vs, metadata }, 0, { weights: [{ host: "api", subset: "v1", weight: 50 }, { host: "api", subset: "v2", weight: 50 }] }, ctx),
      "Unprocessable",
      /resourceVersion/,
    );
  });

  it("tcp routes (`tcp:0`) replace spec.tcp only", () => {
    const vs = virtualService.parse({
      apiVersion: "networking.istio.io/v1",
      kind: "VirtualService",
      metadata: { name: "mysql", namespace: "db", resourceVersion: "7" },
      spec: {
        hosts: ["mysql"],
        http: [{ route: [{ destination: { host: "web" } }] }],
        tcp: [{ match: [{ port: 3306 }], route: [{ destination: { host: "mysql", subset: "v1" }, weight: 100 }, { destination: { host: "mysql", subset: "v2" }, weight: 0 }] }],
      },
    });
    const plan = planSetWeights(vs, "tcp:0", { weights: [{ host: "mysql", subset: "v1", weight: 75 }, { host: "mysql", subset: "v2", weight: 25 }] }, ctx);
    const result = checkPlan(vs, plan);
    expect(Object.keys(plan.patch.spec ?? {})).toEqual(["tcp"]);
    expect(result.spec.tcp?.[0]?.route?.map((r) => r.weight)).toEqual([75, 25]);
    expect(result.spec.tcp?.[0]?.match).toEqual([{ port: 3306 }]);
    expect(readUndo(result.metadata.annotations)?.section).toBe("tcp");
  });

  it("history keeps the last 10 changes, oldest first", () => {
    let vs = seeds.staged();
    for (let i = 0; i < 12; i++) {
      const w = 10 + i;
      const plan = planSetWeights(vs, 0, { weights: [{ host: "api", subset: "v1", weight: w }, { host: "api", subset: "v2", weight: 100 - w }] }, { user: `u${i}`, now: ctx.now });
      vs = afterApply(plan, String(i));
    }
    const history = readHistory(vs.metadata.annotations);
    expect(history.map((h) => h.who)).toEqual(["u2", "u3", "u4", "u5", "u6", "u7", "u8", "u9", "u10", "u11"]);
  });
});

describe("planHttpRouteWeights (Gateway API backendRefs, demo-gateway-api)", () => {
  it("sets the weights of a rule's backendRefs, keeping their ports, and records the undo section", () => {
    const route = webHttpRoute();
    const plan = planHttpRouteWeights(route, 0, { weights: [{ name: "web-v1", weight: 40 }, { name: "web-v2", port: 80, weight: 60 }] }, ctx);
    const result = checkPlan(route, plan);
    expect(Object.keys(plan.patch.spec ?? {})).toEqual(["rules"]);
    expect({ ...result.spec.rules?.[0], backendRefs: undefined }).toEqual({ ...route.spec.rules?.[0], backendRefs: undefined });
    // The API server defaulted each backendRef's group and kind (a core Service).
    expect(result.spec.rules?.[0]?.backendRefs).toEqual([
      { group: "", kind: "Service", name: "web-v1", port: 80, weight: 40 },
      { group: "", kind: "Service", name: "web-v2", port: 80, weight: 60 },
    ]);
    expect(readUndo(result.metadata.annotations)?.section).toBe("rules");
  });

  it("matches by index, defaults the namespace to the route's, and refuses unknown backends", () => {
    const route = webHttpRoute();
    const plan = planHttpRouteWeights(route, 0, { weights: [{ name: "web-v1", namespace: "demo-gateway-api", weight: 90 }, { name: "web-v2", weight: 10 }] }, ctx);
    expect(plan.changed).toBe(false);
    expectActionError(() => planHttpRouteWeights(route, 0, { weights: [{ name: "other", weight: 100 }] }, ctx), "Unprocessable", /not a destination/);
    expectActionError(() => planHttpRouteWeights(route, 5, { weights: [{ name: "other", weight: 100 }] }, ctx), "NotFound");
    expectActionError(
      () => planHttpRouteWeights(route, 0, { weights: [{ name: "web-v1", weight: 50 }, { name: "web-v2", weight: 40 }, { name: "new", weight: 10 }], allowAdd: true }, ctx),
      "Unprocessable",
      /port/,
    );
  });
});
