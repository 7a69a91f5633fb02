import "server-only";
import { describe, expect, it } from "vitest";
import { virtualServiceSummarySchema } from "@/lib/api/virtual-services";
import { mapVirtualService } from "./map-virtual-service";
import { demoObject, loadDemoObjects } from "@/lib/testing/demo-fixtures";

const FALLBACK = "networking.istio.io/v1";

describe("mapVirtualService (the demo world's objects)", () => {
  it("maps the shop's gateway VirtualService", () => {
    const vs = mapVirtualService({ ...demoObject("world/shop.yaml", "VirtualService", "shop"), metadata: { name: "shop", namespace: "demo-shop", resourceVersion: "42" } }, FALLBACK);
    expect(vs).toEqual({
      namespace: "demo-shop",
      name: "shop",
      apiVersion: "networking.istio.io/v1",
      resourceVersion: "42",
      hosts: ["shop.demo.local"],
      gateways: ["shop-gateway"],
      routeCounts: { http: 2, tcp: 0, tls: 0 },
      httpRoutes: [
        { index: 0, name: "assets", destinations: [{ host: "front", subset: "v1", port: null, weight: 100, weightSpecified: false }] },
        { index: 1, name: "pages", destinations: [{ host: "front", subset: "v1", port: null, weight: 100, weightSpecified: false }] },
      ],
    });
  });

  it("keeps explicit subset weights (shop reviews 80/20)", () => {
    const vs = mapVirtualService(demoObject("world/shop.yaml", "VirtualService", "reviews"), FALLBACK);
    expect(vs.gateways).toEqual([]);
    expect(vs.httpRoutes[0]?.destinations).toEqual([
      { host: "reviews", subset: "v1", port: null, weight: 80, weightSpecified: true },
      { host: "reviews", subset: "v2", port: null, weight: 20, weightSpecified: true },
    ]);
  });

  it("maps a host-level 50/50 split (demo-hosts)", () => {
    const vs = mapVirtualService(demoObject("world/hosts.yaml", "VirtualService", "greeter"), FALLBACK);
    expect(vs.namespace).toBe("demo-hosts");
    expect(vs.apiVersion).toBe("networking.istio.io/v1");
    expect(vs.hosts).toEqual(["greeter.demo.local"]);
    expect(vs.gateways).toEqual(["greeter-gateway"]);
    expect(vs.httpRoutes[0]?.destinations.map((d) => [d.host, d.port, d.weight])).toEqual([
      ["greeter-r1", null, 50],
      ["greeter-r2", null, 50],
    ]);
  });

  it("uses the route name and keeps a zero weight (Argo Rollouts canary)", () => {
    const vs = mapVirtualService(demoObject("world/canary.yaml", "VirtualService", "payments"), FALLBACK);
    expect(vs.httpRoutes).toEqual([
      {
        index: 0,
        name: "primary",
        destinations: [
          { host: "payments-stable", subset: null, port: null, weight: 100, weightSpecified: true },
          { host: "payments-canary", subset: null, port: null, weight: 0, weightSpecified: true },
        ],
      },
    ]);
  });

  it("maps several hosts and the mesh gateway (demo-staged)", () => {
    const vs = mapVirtualService(demoObject("world/staged.yaml", "VirtualService", "api"), FALLBACK);
    expect(vs.namespace).toBe("demo-staged");
    expect(vs.gateways).toEqual(["mesh", "api-gateway"]);
    expect(vs.hosts).toEqual(["api.demo.local", "api"]);
    expect(vs.httpRoutes[0]?.destinations).toEqual([
      { host: "api", subset: "v1", port: null, weight: 70, weightSpecified: true },
      { host: "api", subset: "v2", port: null, weight: 30, weightSpecified: true },
    ]);
  });

  it("counts every http route and keeps route names (blue/green)", () => {
    const vs = mapVirtualService(demoObject("world/bluegreen.yaml", "VirtualService", "checkout"), FALLBACK);
    expect(vs.routeCounts.http).toBe(2);
    expect(vs.httpRoutes.map((r) => [r.index, r.name, r.destinations[0]?.subset])).toEqual([
      [0, "green-testers", "green"],
      [1, "live", "blue"],
    ]);
  });

  it("maps every VirtualService of the demo world and its shop variants to a valid view model", () => {
    const all = loadDemoObjects("VirtualService");
    expect(all.length).toBeGreaterThanOrEqual(15);
    for (const { file, object } of all) {
      const vs = mapVirtualService(object, FALLBACK);
      expect(virtualServiceSummarySchema.safeParse(vs).success, file).toBe(true);
      const spec = object.spec as { http?: unknown[]; hosts?: unknown[] };
      expect(vs.name, file).toBe(object.metadata?.name);
      expect(vs.routeCounts.http, file).toBe(spec.http?.length ?? 0);
      expect(vs.hosts, file).toEqual(spec.hosts);
      for (const route of vs.httpRoutes) {
        const total = route.destinations.reduce((sum, d) => sum + d.weight, 0);
        if (route.destinations.length > 0) expect(total, `${file} ${vs.name} route ${route.index}`).toBe(100);
      }
    }
  });
});

describe("mapVirtualService (edge cases)", () => {
  it("counts tcp and tls routes (demo-tcp, plus a tls route)", () => {
    const base = demoObject("world/tcp.yaml", "VirtualService", "cache");
    const spec = base.spec as Record<string, unknown>;
    expect(mapVirtualService(base, FALLBACK).routeCounts).toEqual({ http: 0, tcp: 1, tls: 0 });
    const vs = mapVirtualService({ ...base, spec: { ...spec, tls: [{ match: [], route: [] }] } }, FALLBACK);
    expect(vs.routeCounts).toEqual({ http: 0, tcp: 1, tls: 1 });
  });

  it("uses the fallback apiVersion and survives malformed input", () => {
    expect(mapVirtualService({ metadata: { name: "x", namespace: "y" }, spec: { hosts: "nope", http: [{ route: "bad" }] } }, FALLBACK)).toMatchObject({
      name: "x",
      namespace: "y",
      apiVersion: FALLBACK,
      hosts: [],
      httpRoutes: [{ index: 0, name: null, destinations: [] }],
    });
    expect(mapVirtualService("garbage", FALLBACK)).toMatchObject({ name: "", hosts: [], httpRoutes: [] });
  });
});
