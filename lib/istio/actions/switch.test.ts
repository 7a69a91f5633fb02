import { describe, expect, it } from "vitest";
import { planPromote } from "./promote";
import { planSwitch } from "./switch";
import { ctx, seeds } from "./test-support/fixtures";
import { afterApply, checkPlan, expectActionError } from "./test-support/plan-checks";

describe("planSwitch (blue/green)", () => {
  it("moves the default route to the test route's subset and swaps the test route", () => {
    const vs = seeds.blueGreen();
    const plan = planSwitch(vs, 1, {}, ctx);
    const result = checkPlan(vs, plan);
    expect(result.spec.http).toEqual([
      { name: "green-testers", match: [{ headers: { "x-version": { exact: "green" } } }], route: [{ destination: { host: "checkout", subset: "blue" } }] },
      {
        name: "live",
        route: [
          { destination: { host: "checkout", subset: "blue" }, weight: 0 },
          { destination: { host: "checkout", subset: "green" }, weight: 100 },
        ],
      },
    ]);
    expect(plan.summary).toBe('Switch route "live" of VirtualService demo-bluegreen/checkout from checkout/blue to checkout/green');
  });

  it("switching twice restores the original spec exactly", () => {
    const vs = seeds.blueGreen();
    const once = afterApply(planSwitch(vs, 1, {}, ctx));
    const twice = planSwitch(once, 1, {}, ctx);
    expect(JSON.stringify(twice.result.spec)).toBe(JSON.stringify(vs.spec));
  });

  it("switches to a given destination (the shop reviews alex route v2 → default v1 to v3)", () => {
    const vs = seeds.reviewsUser();
    const result = checkPlan(vs, planSwitch(vs, 1, { destination: { host: "reviews", subset: "v3" } }, ctx));
    expect(result.spec.http?.[1]?.route).toEqual([{ destination: { host: "reviews", subset: "v3" } }]);
    expect(result.spec.http?.[0]).toEqual(vs.spec.http?.[0]);
  });

  it("switches a 100/0 split by swapping weights (payments)", () => {
    const vs = seeds.canary();
    const result = checkPlan(vs, planSwitch(vs, "primary", { destination: { host: "payments-canary" } }, ctx));
    expect(result.spec.http?.[0]?.route?.map((r) => [r.destination.host, r.weight])).toEqual([
      ["payments-stable", 0],
      ["payments-canary", 100],
    ]);
  });

  it("refuses what it cannot switch", () => {
    expectActionError(() => planSwitch(seeds.staged(), 0, {}, ctx), "Unprocessable", /does not send 100% to one destination/);
    expectActionError(() => planSwitch(seeds.ratingsV1(), 0, {}, ctx), "Unprocessable", /no test route/);
    expectActionError(() => planSwitch(seeds.blueGreen(), 1, { destination: { host: "checkout", subset: "blue" } }, ctx), "Unprocessable", /already receives 100%/);
  });
});

describe("planPromote", () => {
  it("gives the promoted subset 100 and the others 0 (demo-staged v2)", () => {
    const vs = seeds.staged();
    const plan = planPromote(vs, 0, { destination: { host: "api", subset: "v2" } }, ctx);
    const result = checkPlan(vs, plan);
    expect(result.spec.http?.[0]?.route?.map((r) => [r.destination.subset, r.weight])).toEqual([
      ["v1", 0],
      ["v2", 100],
    ]);
    expect(result.spec.http?.[0]?.match).toEqual(vs.spec.http?.[0]?.match);
    expect(planPromote(afterApply(plan), 0, { destination: { host: "api", subset: "v2" } }, ctx).changed).toBe(false);
  });

  it("refuses a destination the route does not have", () => {
    expectActionError(() => planPromote(seeds.staged(), 0, { destination: { host: "api", subset: "v3" } }, ctx), "NotFound", /not a destination/);
  });
});
