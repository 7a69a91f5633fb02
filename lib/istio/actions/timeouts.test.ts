import { describe, expect, it } from "vitest";
import type { VirtualServiceWire } from "@/lib/istio/wire";
import { ctx, seeds } from "./test-support/fixtures";
import { afterApply, checkPlan, expectActionError } from "./test-support/plan-checks";
import { planClearRetries, planClearTimeout, planSetRetries, planSetTimeout } from "./timeouts";

function withRedirect(vs: VirtualServiceWire): VirtualServiceWire {
  return { ...vs, spec: { ...vs.spec, http: [{ name: "moved", redirect: { uri: "/new" } }, ...(vs.spec.http ?? [])] } };
}

describe("planSetTimeout / planClearTimeout", () => {
  it("sets the timeout of one route, leaves the others, and clears it back to the original", () => {
    const vs = seeds.shopGateway();
    const plan = planSetTimeout(vs, "pages", { timeout: "1s" }, ctx);
    expect(plan.action).toBe("set-timeout");
    expect(plan.summary).toContain("after 1s");
    const result = checkPlan(vs, plan);
    expect(result.spec.http?.[1]).toEqual({ ...vs.spec.http?.[1], timeout: "1s" });
    expect(result.spec.http?.[0]).toEqual(vs.spec.http?.[0]);
    expect(planSetTimeout(afterApply(plan), "pages", { timeout: "1s" }, ctx).changed).toBe(false);
    const cleared = checkPlan(afterApply(plan), planClearTimeout(afterApply(plan), "pages", ctx));
    expect(cleared.spec.http).toEqual(vs.spec.http);
  });

  it("clearing a route without a timeout is a no-op", () => {
    expect(planClearTimeout(seeds.hosts(), 0, ctx).changed).toBe(false);
  });

  it("refuses durations Istio refuses, and routes without destinations", () => {
    const vs = seeds.hosts();
    expect(expectActionError(() => planSetTimeout(vs, 0, { timeout: "1" }, ctx), "Unprocessable").fieldErrors?.timeout).toBeDefined();
    expectActionError(() => planSetTimeout(vs, 0, { timeout: "500us" }, ctx), "Unprocessable");
    expectActionError(() => planSetTimeout(withRedirect(vs), "moved", { timeout: "2s" }, ctx), "Unprocessable", /no destinations/);
    expectActionError(() => planSetTimeout(vs, "nope", { timeout: "2s" }, ctx), "NotFound");
  });
});

describe("planSetRetries / planClearRetries", () => {
  it("writes exactly the given fields, normalises retryOn, keeps fields Meshdeck does not edit", () => {
    const base = seeds.hosts();
    const rule = base.spec.http?.[0];
    const vs: VirtualServiceWire = { ...base, spec: { ...base.spec, http: [{ ...rule, retries: { attempts: 1, perTryTimeout: "9s", retryIgnorePreviousHosts: true } }] } };
    const plan = planSetRetries(vs, 0, { attempts: 3, retryOn: "5xx, connect-failure,503", retryRemoteLocalities: true }, ctx);
    const result = checkPlan(vs, plan);
    expect(result.spec.http?.[0]?.retries).toEqual({ retryIgnorePreviousHosts: true, attempts: 3, retryOn: "5xx,connect-failure,503", retryRemoteLocalities: true });
    expect(plan.summary).toContain("3 retries, on 5xx,connect-failure,503, to other localities");
    expect(planSetRetries(afterApply(plan), 0, { attempts: 3, retryOn: "5xx,connect-failure,503", retryRemoteLocalities: true }, ctx).changed).toBe(false);
  });

  it("attempts 0 disables retries explicitly; clearing restores the original route", () => {
    const vs = seeds.staged();
    const plan = planSetRetries(vs, 0, { attempts: 0 }, ctx);
    expect(checkPlan(vs, plan).spec.http?.[0]?.retries).toEqual({ attempts: 0 });
    expect(plan.summary).toContain("no retries");
    const cleared = planClearRetries(afterApply(plan), 0, ctx);
    expect(cleared.summary).toContain("Istio's default: 2 retries");
    expect(checkPlan(afterApply(plan), cleared).spec).toEqual(vs.spec);
  });

  it("validates retryOn against Envoy's conditions and the other fields' bounds", () => {
    const vs = seeds.hosts();
    const bad = expectActionError(() => planSetRetries(vs, 0, { attempts: 2, retryOn: "5xx,sometimes" }, ctx), "Unprocessable");
    expect(bad.fieldErrors?.retryOn?.[0]).toContain('"sometimes"');
    expectActionError(() => planSetRetries(vs, 0, { attempts: -1 }, ctx), "Unprocessable");
    expectActionError(() => planSetRetries(vs, 0, { attempts: 101 }, ctx), "Unprocessable");
    expectActionError(() => planSetRetries(vs, 0, { attempts: 2, perTryTimeout: "0s" }, ctx), "Unprocessable");
    expectActionError(() => planSetRetries(vs, 0, { attempts: 2, extra: 1 } as never, ctx), "Unprocessable");
    expectActionError(() => planSetRetries(withRedirect(vs), "moved", { attempts: 2 }, ctx), "Unprocessable", /no destinations/);
  });
});
