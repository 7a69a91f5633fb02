import { describe, expect, it } from "vitest";
import type { VirtualServiceWire } from "@/lib/istio/wire";
import { planClearFault, planSetFault } from "./fault";
import { planClearMirror, planSetMirror } from "./mirror";
import { ctx, seeds } from "./test-support/fixtures";
import { afterApply, checkPlan, expectActionError } from "./test-support/plan-checks";

const alex = { name: "end-user", match: "exact" as const, value: "alex" };
const withoutNames = (vs: VirtualServiceWire) => vs.spec.http?.map(({ name: _name, ...rule }) => rule);

describe("planSetFault", () => {
  it("reproduces the shop's delay-fault variant from its all-v1 ratings route", () => {
    const vs = seeds.ratingsV1();
    const plan = planSetFault(vs, 0, { delay: { fixedDelay: "2s", percentage: 100 }, onlyForHeader: alex }, ctx);
    const result = checkPlan(vs, plan);
    expect(withoutNames(result)).toEqual(withoutNames(seeds.ratingsUserDelay()));
    expect(result.spec.http?.[0]?.name).toBe("meshdeck-fault-route");
    expect(result.spec.http?.[1]).toEqual(vs.spec.http?.[0]);
  });

  it("reproduces the abort-fault variant, and planning again updates the inserted rule in place", () => {
    const vs = seeds.ratingsV1();
    const delayed = afterApply(planSetFault(vs, 0, { delay: { fixedDelay: "7s" }, onlyForHeader: alex }, ctx));
    // index 0 is now the fault rule: it stands for the route it guards.
    const aborted = planSetFault(delayed, 0, { abort: { httpStatus: 500 }, onlyForHeader: alex }, ctx);
    const result = checkPlan(delayed, aborted);
    expect(withoutNames(result)).toEqual(withoutNames(seeds.ratingsUserAbort()));
    expect(planSetFault(afterApply(aborted), 1, { abort: { httpStatus: 500 }, onlyForHeader: alex }, ctx).changed).toBe(false);
  });

  it("AND-s the header into every match block of a route that has matches (the shop's assets route)", () => {
    const vs = seeds.shopGateway();
    const result = checkPlan(vs, planSetFault(vs, "assets", { abort: { httpStatus: 503, percentage: 12.5 }, onlyForHeader: { name: "x-chaos", match: "prefix", value: "on" } }, ctx));
    expect(result.spec.http?.[0]).toEqual({
      name: "meshdeck-fault-assets",
      match: [{ uri: { prefix: "/assets" }, headers: { "x-chaos": { prefix: "on" } } }],
      route: vs.spec.http?.[0]?.route,
      fault: { abort: { percentage: { value: 12.5 }, httpStatus: 503 } },
    });
  });

  it("sets the fault on the whole route without onlyForHeader", () => {
    const vs = seeds.canary();
    const result = checkPlan(vs, planSetFault(vs, "primary", { delay: { fixedDelay: "500ms", percentage: 10 }, abort: { httpStatus: 502, percentage: 1 } }, ctx));
    expect(result.spec.http?.[0]?.fault).toEqual({ delay: { percentage: { value: 10 }, fixedDelay: "500ms" }, abort: { percentage: { value: 1 }, httpStatus: 502 } });
    expect(result.spec.http).toHaveLength(1);
  });

  it("validates durations, statuses and percentages like Istio", () => {
    const vs = seeds.canary();
    const e = expectActionError(() => planSetFault(vs, "primary", { delay: { fixedDelay: "7", percentage: 101 }, abort: { httpStatus: 600 } }, ctx), "Unprocessable");
    expect(Object.keys(e.fieldErrors ?? {}).sort()).toEqual(["abort.httpStatus", "delay.fixedDelay", "delay.percentage"]);
    expectActionError(() => planSetFault(vs, "primary", { delay: { fixedDelay: "1.0005s" } }, ctx), "Unprocessable", /millisecond precision/);
    expectActionError(() => planSetFault(vs, "primary", {}, ctx), "Unprocessable", /delay, an abort or both/);
  });
});

describe("planClearFault", () => {
  it("removes the route's fault and Meshdeck's header-scoped rule before it", () => {
    const vs = seeds.ratingsV1();
    const faulty = afterApply(planSetFault(vs, 0, { delay: { fixedDelay: "7s" }, onlyForHeader: alex }, ctx));
    const withBoth = afterApply(planSetFault(faulty, 1, { abort: { httpStatus: 500 } }, ctx));
    expect(withBoth.spec.http).toHaveLength(2);
    const cleared = planClearFault(withBoth, 1, ctx);
    expect(checkPlan(withBoth, cleared).spec.http).toEqual(vs.spec.http);
  });

  it("a ref to the inserted rule removes just that rule", () => {
    const vs = seeds.ratingsV1();
    const faulty = afterApply(planSetFault(vs, 0, { delay: { fixedDelay: "7s" }, onlyForHeader: alex }, ctx));
    expect(checkPlan(faulty, planClearFault(faulty, "meshdeck-fault-route", ctx)).spec.http).toEqual(vs.spec.http);
  });

  it("leaves a hand-written fault rule (the shop test-delay) alone unless targeted", () => {
    const vs = seeds.ratingsUserDelay();
    expect(planClearFault(vs, 1, ctx).changed).toBe(false);
    expect(checkPlan(vs, planClearFault(vs, 0, ctx)).spec.http?.[0]?.fault).toBeUndefined();
  });
});

describe("planSetMirror / planClearMirror", () => {
  it("mirrors a share of a route and clears it again", () => {
    const vs = seeds.canary();
    const plan = planSetMirror(vs, "primary", { destination: { host: "payments-canary" }, percentage: 25.5 }, ctx);
    const result = checkPlan(vs, plan);
    expect(result.spec.http?.[0]).toMatchObject({ mirror: { host: "payments-canary" }, mirrorPercentage: { value: 25.5 } });
    expect(planSetMirror(afterApply(plan), "primary", { destination: { host: "payments-canary" }, percentage: 25.5 }, ctx).changed).toBe(false);
    const cleared = planClearMirror(afterApply(plan), "primary", ctx);
    expect(cleared.result.spec).toEqual(vs.spec);
  });

  it("replaces the deprecated mirrorPercent and refuses `mirrors`", () => {
    const vs = seeds.canary();
    const legacy: VirtualServiceWire = { ...vs, spec: { ...vs.spec, http: vs.spec.http?.map((r) => ({ ...r, mirror: { host: "x" }, mirrorPercent: 5 })) } };
    const result = checkPlan(legacy, planSetMirror(legacy, 0, { destination: { host: "x" }, percentage: 5 }, ctx));
    expect(result.spec.http?.[0]?.mirrorPercent).toBeUndefined();
    const multi: VirtualServiceWire = { ...vs, spec: { ...vs.spec, http: vs.spec.http?.map((r) => ({ ...r, mirrors: [{ destination: { host: "x" } }] })) } };
    expectActionError(() => planSetMirror(multi, 0, { destination: { host: "y" } }, ctx), "Unprocessable", /mirrors/);
    expectActionError(() => planSetMirror(vs, 0, { destination: { host: "y" }, percentage: -1 }, ctx), "Unprocessable");
  });
});
