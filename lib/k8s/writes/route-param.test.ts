import { describe, expect, it } from "vitest";
import type { VirtualServiceWire } from "@/lib/istio/wire";
import { httpRouteRuleRef, routeScope, virtualServiceRouteRef } from "./route-param";

const vs = {
  apiVersion: "networking.istio.io/v1",
  kind: "VirtualService",
  metadata: { name: "v", namespace: "n" },
  spec: { http: [{ name: "7", route: [] }, { route: [] }, { name: "primary", route: [] }], tcp: [{ route: [] }] },
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

  it("scopes locks by the route's name ('' when unnamed) or to tcp", () => {
    expect(routeScope("2")(vs)).toEqual({ section: "http", name: "primary" });
    expect(routeScope("1")(vs)).toEqual({ section: "http", name: "" });
    expect(routeScope("tcp:0")(vs)).toEqual({ section: "tcp" });
  });

  it("resolves Gateway API rules by name, then index", () => {
    expect(httpRouteRuleRef([{ name: "main" }, {}], "main")).toEqual({ name: "main" });
    expect(httpRouteRuleRef([{ name: "main" }, {}], "1")).toBe(1);
    expect(httpRouteRuleRef([{ name: "0" }], "0")).toEqual({ name: "0" });
  });
});
