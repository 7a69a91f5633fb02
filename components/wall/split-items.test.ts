import { describe, expect, it } from "vitest";
import type { ObservedTraffic } from "@/lib/api/traffic";
import type { DriftResult } from "@/lib/istio/model/drift";
import type { WeightedDestination } from "@/lib/istio/model/schema";
import { weightedDestination } from "@/lib/istio/model/testing/weighted-destination";
import { splitItems } from "./split-items";

const dest = weightedDestination;

function drift(shares: Array<[string, number]>, total: number, drifting = false): DriftResult {
  return {
    destinations: shares.map(([key, s]) => ({ key, configuredShare: 0.5, observedShare: total > 0 ? s : null, observedRequests: s * total, drift: null, absoluteDrift: null, tolerance: null, drifting })),
    totalRequests: total,
    enoughTraffic: total >= 100,
    settling: false,
    drifting,
    lagSeconds: 65,
    note: "",
    ignored: [],
  };
}

const rule = (index: number, destinations: WeightedDestination[], name: string | null = null) => ({ index, name, matches: [], destinations, managedBy: null });

const vss = [
  { namespace: "b", name: "reviews", http: [rule(0, [dest("reviews", 0.8, "v1"), dest("reviews", 0.2, "v2")])] },
  { namespace: "a", name: "single", http: [rule(0, [dest("single", 1)])] },
  { namespace: "a", name: "web", http: [rule(0, [dest("web-stable", 0.9), dest("web-canary", 0.1)], "primary")] },
];

const observed = (routes: Array<[string, string, DriftResult]>): ObservedTraffic => ({
  status: "ok",
  window: "1m",
  at: "2025-01-01T00:00:00Z",
  routes: routes.map(([namespace, name, d]) => ({ object: { kind: "VirtualService", namespace, name }, route: "http:0", basis: "", drift: d })),
});

describe("wall splits", () => {
  it("lists weighted routes only, drifting first, with configured and observed percents", () => {
    const items = splitItems(
      {
        virtualServices: vss,
        observed: observed([
          ["b", "reviews", drift([["reviews/v1", 0.5], ["reviews/v2", 0.5]], 400, true)],
          ["a", "web", drift([["web-stable", 0.9], ["web-canary", 0.1]], 0)],
        ]),
      },
      null,
    );
    expect(items.map((i) => i.id)).toEqual(["b/reviews#0", "a/web#0"]);
    expect(items[0]).toMatchObject({ drifting: true, observed: "ok", route: "#1", matches: ["any request"], requests: 400 });
    expect(items[0]?.rows.map((r) => [r.label, r.configured, r.observed])).toEqual([
      ["reviews · v1", 80, 50],
      ["reviews · v2", 20, 50],
    ]);
    expect(items[1]).toMatchObject({ route: "primary", observed: "no-traffic", drifting: false });
  });

  it("says why nothing is observed and honours the wall's namespaces", () => {
    const unavailable = splitItems({ virtualServices: vss, observed: { status: "unavailable", message: "down" } }, new Set(["a"]));
    expect(unavailable.map((i) => [i.id, i.observed])).toEqual([["a/web#0", "unavailable"]]);
    const unmeasured = splitItems({ virtualServices: vss, observed: observed([]) }, new Set(["b"]));
    expect(unmeasured.map((i) => [i.id, i.observed])).toEqual([["b/reviews#0", "unmeasured"]]);
  });

  it("lists weighted TLS and TCP routes too, with their configured split and no observed one", () => {
    const tls = { index: 1, matches: [], destinations: [dest("login-stable", 0.9), dest("login-canary", 0.1)], managedBy: { kind: "argo-rollouts" as const, name: "login" } };
    const single = { index: 0, matches: [], destinations: [dest("db", 1)], managedBy: null };
    const items = splitItems({ virtualServices: [{ namespace: "c", name: "login", http: [], tls: [tls], tcp: [single] }], observed: undefined }, null);
    expect(items).toHaveLength(1);
    expect(items[0]).toMatchObject({ id: "c/login#tls:1", route: "TLS #2", managedBy: "login", observed: "l4", drifting: false });
    expect(items[0]?.rows.map((r) => r.configured)).toEqual([90, 10]);
  });
});
