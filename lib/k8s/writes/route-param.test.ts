import { describe, expect, it } from "vitest";
import type { VirtualServiceWire } from "@/lib/istio/wire";
import { httpRouteRuleRef, isIndexRef, l4RouteActionSpec, l4RouteIndex, routeActionSpec, routeScope, ruleActionSpec, virtualServiceRouteRef } from "./route-param";

const vs = {
  apiVersion: "networking.istio.io/v1",
  kind: "VirtualService",
  metadata: { name: "v", namespace: "n" },
  spec: { http: [{ name: "7", route: [] }, { route: [] }, { name: "primary", route: [] }], tcp: [{ route: [] }], tls: [{ route: [] }, { route: [] }] },
} as unknown as VirtualServiceWire;

describe("virtualServiceRouteRef", () => {
  it("prefers a rule with that exact name, then indexes, then section:index", () => {
    expect(virtualServiceRouteRef(vs, "7")).toEqual({ section: "http", name: "7" });
    expect(virtualServiceRouteRef(vs, "1")).toEqual({ section: "http", index: 1 });
    expect(virtualServiceRouteRef(vs, "http:2")).toEqual({ section: "http", index: 2 });
    expect(virtualServiceRouteRef(vs, "tcp:0")).toEqual({ section: "tcp", index: 0 });
    expect(virtualServiceRouteRef(vs, "primary")).toEqual({ section: "http", name: "primary" });
    expect(virtualServiceRouteRef(vs, "nope")).toEqual({ section: "http", name: "nope" });
    expect(virtualServiceRouteRef(vs, "9999999999")).toEqual({ section: "http", name: "9999999999" });
  });

  it("scopes locks by the route's section and index in the object as read", () => {
    expect(routeScope("2")(vs)).toEqual({ section: "http", index: 2, label: "primary" });
    expect(routeScope("primary")(vs)).toEqual({ section: "http", index: 2, label: "primary" });
    expect(routeScope("1")(vs)).toEqual({ section: "http", index: 1, label: "http route #2" });
    expect(routeScope("tcp:0")(vs)).toMatchObject({ section: "tcp", label: "tcp route #1" });
    expect(routeScope("nope")(vs)).toEqual({ section: "http", index: undefined, label: "nope" });
  });

  it("resolves Gateway API rules by name, then index", () => {
    expect(httpRouteRuleRef([{ name: "main" }, {}], "main")).toEqual({ name: "main" });
    expect(httpRouteRuleRef([{ name: "main" }, {}], "1")).toBe(1);
    expect(httpRouteRuleRef([{ name: "0" }], "0")).toEqual({ name: "0" });
  });
});

describe("addressing by index (such writes need a resourceVersion)", () => {
  it("isIndexRef: numbers and section:index, not names", () => {
    expect(isIndexRef(virtualServiceRouteRef(vs, "1"))).toBe(true);
    expect(isIndexRef(virtualServiceRouteRef(vs, "tcp:0"))).toBe(true);
    expect(isIndexRef(virtualServiceRouteRef(vs, "7"))).toBe(false);
    expect(isIndexRef(virtualServiceRouteRef(vs, "primary"))).toBe(false);
    expect(isIndexRef(httpRouteRuleRef([{ name: "split" }], "0"))).toBe(true);
    expect(isIndexRef(httpRouteRuleRef([{ name: "split" }], "split"))).toBe(false);
  });

  it("the action specs report it against the object as read", () => {
    const plan = () => {
      throw new Error("not planned here");
    };
    expect(routeActionSpec("1", plan).addressedByIndex?.(vs)).toBe(true);
    expect(routeActionSpec("primary", plan).addressedByIndex?.(vs)).toBe(false);
    const route = { spec: { rules: [{ name: "a" }] } } as never;
    expect(ruleActionSpec("0", plan).addressedByIndex?.(route)).toBe(true);
    expect(ruleActionSpec("a", plan).addressedByIndex?.(route)).toBe(false);
  });
});

describe("l4RouteIndex / l4RouteActionSpec", () => {
  it("addresses tls and tcp routes by index or section:N only (they have no names)", () => {
    expect(l4RouteIndex("tls", "1")).toBe(1);
    expect(l4RouteIndex("tcp", "tcp:0")).toBe(0);
    expect(() => l4RouteIndex("tls", "tcp:0")).toThrow(/tls routes have no names/);
    expect(() => l4RouteIndex("tcp", "primary")).toThrow(/tcp routes have no names/);
    expect(virtualServiceRouteRef(vs, "tls:1")).toEqual({ section: "tls", index: 1 });
  });

  it("locks by the tls/tcp section and index; a route past the end has no index", () => {
    const plan = () => {
      throw new Error("not planned here");
    };
    expect(l4RouteActionSpec("tls", "1", plan).scope?.(vs)).toEqual({ section: "tls", index: 1, label: "tls route #2" });
    expect(l4RouteActionSpec("tcp", "3", plan).scope?.(vs)).toMatchObject({ section: "tcp", index: undefined });
    expect(l4RouteActionSpec("tls", "0", plan).addressedByIndex?.(vs)).toBe(true);
    const named = { ...vs, spec: { ...vs.spec, http: [{ name: "tls:0", route: [] }] } } as unknown as VirtualServiceWire;
    expect(l4RouteActionSpec("tls", "tls:0", plan).scope?.(named)).toEqual({ section: "tls", index: 0, label: "tls route #1" });
  });
});
