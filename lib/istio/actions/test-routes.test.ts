import { describe, expect, it } from "vitest";
import { cookieRegex, parseCookieRegex } from "./cookie-match";
import { re2Error } from "@/lib/istio/semantics/regex";
import { ctx, seeds } from "./test-support/fixtures";
import { afterApply, checkPlan, expectActionError } from "./test-support/plan-checks";
import { listTestRoutes, planAddTestRoute, planRemoveTestRoute, planUpdateTestRoute } from "./test-routes";

describe("listTestRoutes", () => {
  it("finds the blue/green header route and the shop's alex route", () => {
    expect(listTestRoutes(seeds.blueGreen())).toEqual([
      {
        index: 0,
        name: "green-testers",
        condition: { kind: "header", name: "x-version", match: "exact", value: "green" },
        destination: { host: "checkout", subset: "green" },
        matchCount: 1,
      },
    ]);
    expect(listTestRoutes(seeds.reviewsUser()).map((t) => [t.condition.value, t.destination.subset])).toEqual([["alex", "v2"]]);
    expect(listTestRoutes(seeds.staged())).toEqual([]);
    expect(listTestRoutes(seeds.hosts())).toEqual([]);
  });
});

describe("planAddTestRoute", () => {
  it("adds a header route at the top with a generated name", () => {
    const vs = seeds.hosts();
    const plan = planAddTestRoute(vs, { header: { name: "x-canary", match: "exact", value: "Yes Please" }, destination: { host: "greeter-r2" } }, ctx);
    const result = checkPlan(vs, plan);
    expect(result.spec.http?.[0]).toEqual({
      name: "meshdeck-test-header-yes-please",
      match: [{ headers: { "x-canary": { exact: "Yes Please" } } }],
      route: [{ destination: { host: "greeter-r2" } }],
    });
    expect(result.spec.http?.slice(1)).toEqual(vs.spec.http);
    expect(listTestRoutes(result)[0]?.condition).toEqual({ kind: "header", name: "x-canary", match: "exact", value: "Yes Please" });
  });

  it("re-adding the same test route is a no-op; another value gets a unique name", () => {
    const vs = seeds.hosts();
    const input = { header: { name: "x-canary", match: "prefix" as const, value: "yes" }, destination: { host: "greeter-r2" } };
    const once = afterApply(planAddTestRoute(vs, input, ctx));
    expect(planAddTestRoute(once, input, ctx).changed).toBe(false);
    const other = planAddTestRoute(once, { ...input, destination: { host: "greeter-r1" } }, ctx);
    expect(other.result.spec.http?.[0]?.name).toBe("meshdeck-test-header-yes-2");
  });

  it("adds a cookie route as an RE2 regex on the cookie header", () => {
    const vs = seeds.blueGreen();
    const plan = planAddTestRoute(vs, { name: "beta-users", cookie: { name: "beta", value: "v2.1+x" }, destination: { host: "checkout", subset: "green" } }, ctx);
    const result = checkPlan(vs, plan);
    const regex = "^(.*?;\\s*)?(beta=v2\\.1\\+x)(;.*)?$";
    expect(result.spec.http?.[0]).toEqual({
      name: "beta-users",
      match: [{ headers: { cookie: { regex } } }],
      route: [{ destination: { host: "checkout", subset: "green" } }],
    });
    expect(listTestRoutes(result)[0]?.condition).toEqual({ kind: "cookie", name: "beta", match: "exact", value: "v2.1+x" });
    const re = new RegExp(regex);
    expect(re.test("beta=v2.1+x")).toBe(true);
    expect(re.test("a=1; beta=v2.1+x; b=2")).toBe(true);
    expect(re.test("a=1;beta=v2.1+x")).toBe(true);
    expect(re.test("xbeta=v2.1+x")).toBe(false);
    expect(re.test("beta=v2.1+xy")).toBe(false);
    expect(re.test("beta=v211+x")).toBe(false);
  });

  it("validates header names, regexes, cookie values, and one condition", () => {
    const vs = seeds.hosts();
    const destination = { host: "greeter-r2" };
    const e1 = expectActionError(() => planAddTestRoute(vs, { header: { name: "X-Canary", match: "exact", value: "1" }, destination }, ctx), "Unprocessable");
    expect(e1.fieldErrors?.["header.name"]).toEqual(["header name must be lower case"]);
    const e2 = expectActionError(() => planAddTestRoute(vs, { header: { name: "x canary", match: "exact", value: "1" }, destination }, ctx), "Unprocessable");
    expect(e2.fieldErrors?.["header.name"]?.[0]).toMatch(/HTTP token/);
    const e3 = expectActionError(() => planAddTestRoute(vs, { header: { name: "user-agent", match: "regex", value: "(?!bot).*" }, destination }, ctx), "Unprocessable");
    expect(e3.fieldErrors?.["header.value"]?.[0]).toMatch(/lookahead/);
    expectActionError(() => planAddTestRoute(vs, { cookie: { name: "beta", value: "a b" }, destination }, ctx), "Unprocessable");
    expectActionError(() => planAddTestRoute(vs, { destination }, ctx), "Unprocessable", /header or a cookie/);
    expectActionError(() => planAddTestRoute(vs, { header: { name: "a", match: "exact", value: "1" }, cookie: { name: "b", value: "1" }, destination }, ctx), "Unprocessable");
  });

  it("refuses a name already used by another rule", () => {
    const vs = seeds.canary();
    expectActionError(() => planAddTestRoute(vs, { name: "primary", header: { name: "x", match: "exact", value: "1" }, destination: { host: "payments-canary" } }, ctx), "Unprocessable", /already has a route named "primary"/);
  });
});

describe("planUpdateTestRoute / planRemoveTestRoute", () => {
  it("changes the condition and destination of the blue/green test route", () => {
    const vs = seeds.blueGreen();
    const plan = planUpdateTestRoute(vs, 0, { header: { name: "x-version", match: "exact", value: "blue" }, destination: { host: "checkout", subset: "blue" } }, ctx);
    const result = checkPlan(vs, plan);
    expect(result.spec.http?.[0]).toEqual({
      name: "green-testers",
      match: [{ headers: { "x-version": { exact: "blue" } } }],
      route: [{ destination: { host: "checkout", subset: "blue" } }],
    });
    expect(result.spec.http?.[1]).toEqual(vs.spec.http?.[1]);
  });

  it("switches a header condition to a cookie one", () => {
    const vs = seeds.reviewsUser();
    const result = checkPlan(vs, planUpdateTestRoute(vs, 0, { cookie: { name: "user", value: "alex" } }, ctx));
    expect(result.spec.http?.[0]?.match).toEqual([{ headers: { cookie: { regex: "^(.*?;\\s*)?(user=alex)(;.*)?$" } } }]);
  });

  it("removes a test route and refuses to remove anything else", () => {
    const vs = seeds.blueGreen();
    const result = checkPlan(vs, planRemoveTestRoute(vs, 0, ctx));
    expect(result.spec.http).toEqual([vs.spec.http?.[1]]);
    expectActionError(() => planRemoveTestRoute(vs, 1, ctx), "Unprocessable", /not a test route/);
    expectActionError(() => planRemoveTestRoute(vs, "nope", ctx), "NotFound");
  });
});

describe("cookie regexes", () => {
  it("round-trip through parseCookieRegex and compile in RE2", () => {
    for (const cookie of [
      { name: "user", value: "alex", match: "exact" as const },
      { name: "a.b", value: "x*y", match: "prefix" as const },
      { name: "grp", value: "(beta|canary)-[0-9]+", match: "regex" as const },
    ]) {
      const regex = cookieRegex(cookie);
      expect(re2Error(regex)).toBeNull();
      expect(parseCookieRegex(regex)).toEqual(cookie);
    }
    expect(parseCookieRegex("^(.*?;)?(user=alex)(;.*)?$")).toEqual({ name: "user", value: "alex", match: "exact" });
    expect(parseCookieRegex("^user=.*$")).toBeNull();
  });
});
