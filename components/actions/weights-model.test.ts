import { describe, expect, it } from "vitest";
import fc from "fast-check";
import type { ObjectView } from "@/lib/api/actions";
import type { WeightedDestination } from "@/lib/istio/model/schema";
import { routeParam, actionPaths } from "./action-paths";
import { destinationInput, evenWeights, initialWeights, lastChangeOf, moveSlider, parseWeight, routeInObject, weightsBody, weightsChanged } from "./weights-model";

function dest(raw: string, share: number, subset?: string, port?: number): WeightedDestination {
  return {
    host: { raw, fqdn: raw, port: null, kind: "service", service: null, serviceEntry: null, aliasOf: null },
    subset: subset ? { name: subset, status: "found", destinationRule: null, labels: null } : null,
    port: port ?? null,
    backends: null,
    rollout: null,
    index: 0,
    weight: null,
    effectiveWeight: share * 100,
    share,
  };
}

describe("initialWeights", () => {
  it("starts from the effective shares, summing to 100", () => {
    expect(initialWeights([dest("a", 0.5), dest("b", 0.5)])).toEqual([50, 50]);
    expect(initialWeights([dest("a", 0.25), dest("b", 0.75)])).toEqual([25, 75]);
    expect(initialWeights([dest("a", 1 / 3), dest("b", 1 / 3), dest("c", 1 / 3)])).toEqual([34, 33, 33]);
  });

  it("starts even when every weight is 0", () => {
    expect(initialWeights([dest("a", 0), dest("b", 0)])).toEqual([50, 50]);
  });
});

describe("sliders", () => {
  it("rebalance the unlocked others proportionally and always sum to 100", () => {
    expect(moveSlider([50, 50], 0, 80, [])).toEqual([80, 20]);
    expect(moveSlider([50, 25, 25], 0, 80, [])).toEqual([80, 10, 10]);
    expect(moveSlider([50, 25, 25], 0, 80, [false, true, false])).toEqual([75, 25, 0]);
    expect(evenWeights([70, 20, 10], [true, false, false])).toEqual([70, 15, 15]);
  });

  it("sum to 100 whatever the moves (property)", () => {
    fc.assert(
      fc.property(fc.integer({ min: 2, max: 6 }), fc.array(fc.tuple(fc.nat(10), fc.integer({ min: -20, max: 130 })), { maxLength: 20 }), (n, moves) => {
        let w = evenWeights(new Array<number>(n).fill(0).map((_, i) => (i === 0 ? 100 : 0)), []);
        for (const [i, v] of moves) w = moveSlider(w, i % n, v, []);
        return w.reduce((a, b) => a + b, 0) === 100 && w.every((x) => Number.isInteger(x) && x >= 0 && x <= 100);
      }),
    );
  });
});

describe("numeric entry", () => {
  it("accepts whole numbers 0-100 only", () => {
    expect(parseWeight("80")).toBe(80);
    expect(parseWeight(" 0 ")).toBe(0);
    expect(parseWeight("101")).toBeNull();
    expect(parseWeight("7.5")).toBeNull();
    expect(parseWeight("")).toBeNull();
  });
});

describe("request bodies", () => {
  it("names destinations as written, with subset and port when set", () => {
    expect(destinationInput(dest("reviews", 1, "v2"))).toEqual({ host: "reviews", subset: "v2" });
    expect(destinationInput(dest("foobar", 1, "latest", 80))).toEqual({ host: "foobar", subset: "latest", port: 80 });
    expect(weightsBody([dest("a", 0.5), dest("b", 0.5)], [80, 20], "551")).toEqual({
      weights: [
        { host: "a", weight: 80 },
        { host: "b", weight: 20 },
      ],
      resourceVersion: "551",
    });
    expect(weightsChanged([50, 50], [50, 50])).toBe(false);
    expect(weightsChanged([60, 40], [50, 50])).toBe(true);
  });

  it("builds action paths with a route's name or http:N", () => {
    expect(routeParam({ name: null, index: 0 })).toBe("http:0");
    expect(routeParam({ name: "primary", index: 2 })).toBe("primary");
    expect(actionPaths.weights({ namespace: "default", name: "web" }, "http:0")).toBe("/api/namespaces/default/virtualservices/web/http/http%3A0/weights");
  });
});

describe("conflicts", () => {
  const current: ObjectView = {
    apiVersion: "networking.istio.io/v1",
    kind: "VirtualService",
    metadata: {
      name: "web",
      resourceVersion: "9",
      annotations: { "meshdeck.dev/last-change": JSON.stringify({ who: "alice", when: "2026-01-01T00:00:00Z", action: "set-weights", summary: "a 90%" }) },
    },
    spec: {
      http: [
        { name: "primary", route: [{ destination: { host: "a" }, weight: 90 }, { destination: { host: "b", subset: "v2", port: { number: 80 } }, weight: 10 }] },
      ],
      tls: [{ match: [{ port: 443, sniHosts: ["a.example.com"] }], route: [{ destination: { host: "a-stable" }, weight: 80 }, { destination: { host: "a-canary" }, weight: 20 }] }],
    },
  };

  it("reads the route's weights and the last change from the fresh object", () => {
    expect(routeInObject(current, { name: "primary", index: 5 })).toEqual([
      { label: "a", weight: 90 },
      { label: "b · v2 · :80", weight: 10 },
    ]);
    expect(routeInObject(current, { name: null, index: 0 })).toHaveLength(2);
    expect(routeInObject(current, { name: "gone", index: 0 })).toBeNull();
    expect(routeInObject(current, { name: null, index: 0 }, "tls")).toEqual([
      { label: "a-stable", weight: 80 },
      { label: "a-canary", weight: 20 },
    ]);
    expect(routeInObject(current, { name: null, index: 0 }, "tcp")).toBeNull();
    expect(lastChangeOf(current)).toEqual({ who: "alice", when: "2026-01-01T00:00:00Z", summary: "a 90%" });
  });
});
