import { describe, expect, it } from "vitest";
import { comparePrecedence, compareRouteOrder, compileHttpRouteMatch } from "./gateway-api-match";
import type { RequestFacts } from "./request";
import { requestFacts } from "./testing/request-facts";

const request = (path: string, over: Partial<RequestFacts> = {}): RequestFacts => requestFacts({ path, ...over });

describe("compileHttpRouteMatch (Gateway API)", () => {
  it("matches PathPrefix by whole segments and ignores a trailing slash", () => {
    const { check } = compileHttpRouteMatch({ path: { type: "PathPrefix", value: "/v2/" } });
    expect(check(request("/v2"))).toBe(true);
    expect(check(request("/v2/x"))).toBe(true);
    expect(check(request("/v2example"))).toBe(false);
  });

  it("matches Exact paths, RE2 regexes, methods and header values exactly", () => {
    expect(compileHttpRouteMatch({ path: { type: "Exact", value: "/one" } }).check(request("/one/"))).toBe(false);
    expect(compileHttpRouteMatch({ path: { type: "RegularExpression", value: "/v[0-9]" } }).check(request("/v2"))).toBe(true);
    const m = compileHttpRouteMatch({ method: "POST", headers: [{ name: "Version", value: "two" }] });
    expect(m.check(request("/", { method: "POST", headers: { version: "two" } }))).toBe(true);
    expect(m.check(request("/", { method: "POST", headers: { version: "Two" } }))).toBe(false);
  });

  it("orders exact › longest prefix › method › headers › query params, then oldest route", () => {
    const p = (m: Parameters<typeof compileHttpRouteMatch>[0]) => compileHttpRouteMatch(m).precedence;
    expect(comparePrecedence(p({ path: { type: "Exact", value: "/a" } }), p({ path: { type: "PathPrefix", value: "/a/b/c" } }))).toBeLessThan(0);
    expect(comparePrecedence(p({ path: { value: "/a/b" } }), p({ path: { value: "/a" }, method: "GET" }))).toBeLessThan(0);
    expect(comparePrecedence(p({ method: "GET" }), p({ headers: [{ name: "a", value: "1" }] }))).toBeLessThan(0);
    expect(comparePrecedence(p({ headers: [{ name: "a", value: "1" }] }), p({ queryParams: [{ name: "a", value: "1" }] }))).toBeLessThan(0);
    expect(compareRouteOrder({ created: "2026-01-01", routeKey: "b/x", index: 0 }, { created: "2026-01-02", routeKey: "a/x", index: 0 })).toBeLessThan(0);
    expect(compareRouteOrder({ created: "2026-01-01", routeKey: "a/x", index: 1 }, { created: "2026-01-01", routeKey: "b/x", index: 0 })).toBeLessThan(0);
  });
});
