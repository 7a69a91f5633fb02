import "server-only";
import { describe, expect, it } from "vitest";
import { virtualServiceSummarySchema } from "@/lib/api/virtual-services";
import { mapVirtualService } from "./map-virtual-service";
import { loadScenarioObjects, scenarioObject } from "@/lib/testing/scenario-fixtures";

const FALLBACK = "networking.istio.io/v1";

describe("mapVirtualService (real scenario objects)", () => {
  it("maps the bookinfo gateway VirtualService", () => {
    const vs = mapVirtualService(
      { ...scenarioObject("bookinfo/networking/bookinfo-gateway.yaml", "VirtualService", "bookinfo"), metadata: { name: "bookinfo", namespace: "bookinfo", resourceVersion: "42" } },
      FALLBACK,
    );
    expect(vs).toEqual({
      namespace: "bookinfo",
      name: "bookinfo",
      apiVersion: "networking.istio.io/v1",
      resourceVersion: "42",
      hosts: ["*"],
      gateways: ["bookinfo-gateway"],
      routeCounts: { http: 1, tcp: 0, tls: 0 },
      httpRoutes: [
        {
          index: 0,
          name: null,
          destinations: [{ host: "productpage", subset: null, port: 9080, weight: 100, weightSpecified: false }],
        },
      ],
    });
  });

  it("keeps explicit subset weights (reviews 80/20)", () => {
    const vs = mapVirtualService(scenarioObject("bookinfo/networking/virtual-service-reviews-80-20.yaml", "VirtualService", "reviews"), FALLBACK);
    expect(vs.gateways).toEqual([]);
    expect(vs.httpRoutes[0]?.destinations).toEqual([
      { host: "reviews", subset: "v1", port: null, weight: 80, weightSpecified: true },
      { host: "reviews", subset: "v2", port: null, weight: 20, weightSpecified: true },
    ]);
  });

  it("maps a host-level 50/50 canary (helm-canary)", () => {
    const vs = mapVirtualService(scenarioObject("seeds/helm-canary.yaml", "VirtualService", "exciting-lemur-sample-gateway"), FALLBACK);
    expect(vs.namespace).toBe("default");
    expect(vs.apiVersion).toBe("networking.istio.io/v1alpha3");
    expect(vs.hosts).toEqual(["127.0.0.1.xip.io"]);
    expect(vs.gateways).toEqual(["exciting-lemur-sample-gateway"]);
    expect(vs.httpRoutes[0]?.destinations.map((d) => [d.host, d.weight])).toEqual([
      ["foolish-penguin-sample", 50],
      ["peeking-rabbit-sample", 50],
    ]);
  });

  it("uses the route name and keeps a zero weight (Argo Rollouts canary)", () => {
    const vs = mapVirtualService(scenarioObject("seeds/rollouts-demo.yaml", "VirtualService", "rollouts-demo-vsvc"), FALLBACK);
    expect(vs.httpRoutes).toEqual([
      {
        index: 0,
        name: "primary",
        destinations: [
          { host: "rollouts-demo-stable", subset: null, port: null, weight: 100, weightSpecified: true },
          { host: "rollouts-demo-canary", subset: null, port: null, weight: 0, weightSpecified: true },
        ],
      },
    ]);
  });

  it("maps ports, several hosts and the mesh gateway (rio-staged)", () => {
    const vs = mapVirtualService(scenarioObject("seeds/rio-staged.yaml", "VirtualService", "foobar"), FALLBACK);
    expect(vs.namespace).toBe("default-265db573");
    expect(vs.gateways).toEqual(["mesh", "rio-gateway"]);
    expect(vs.hosts).toHaveLength(4);
    expect(vs.httpRoutes[0]?.destinations).toEqual([
      { host: "foobar", subset: "latest", port: 80, weight: 70, weightSpecified: true },
      { host: "foobar", subset: "v2", port: 80, weight: 30, weightSpecified: true },
    ]);
  });

  it("counts every http route and labels unnamed ones by index (blue-green)", () => {
    const vs = mapVirtualService(scenarioObject("seeds/blue-green.yaml", "VirtualService", "nginx"), FALLBACK);
    expect(vs.routeCounts.http).toBe(2);
    expect(vs.httpRoutes.map((r) => [r.index, r.name, r.destinations[0]?.subset])).toEqual([
      [0, null, "green"],
      [1, null, "blue"],
    ]);
  });

  it("maps every VirtualService in the scenarios to a valid view model", () => {
    const all = loadScenarioObjects("VirtualService");
    expect(all.length).toBeGreaterThan(20);
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
  it("counts tcp and tls routes", () => {
    const base = scenarioObject("bookinfo/networking/virtual-service-reviews-v3.yaml", "VirtualService", "reviews");
    const spec = base.spec as Record<string, unknown>;
    const vs = mapVirtualService(
      { ...base, spec: { ...spec, tcp: [{ route: [] }, { route: [] }], tls: [{ match: [], route: [] }] } },
      FALLBACK,
    );
    expect(vs.routeCounts).toEqual({ http: 1, tcp: 2, tls: 1 });
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
