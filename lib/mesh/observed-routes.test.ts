import { describe, expect, it } from "vitest";
import { buildMeshModel } from "@/lib/istio/model/build-model";
import { demo, demoSnapshot } from "@/lib/istio/model/testing/demo-snapshot";
import { observeRoutes, type DestinationRate } from "./observed-routes";

describe("observeRoutes", () => {
  it("compares demo-hosts' 50/50 host split with the observed rates", () => {
    const model = buildMeshModel(demoSnapshot(demo.hosts));
    const rates: DestinationRate[] = [
      { namespace: "demo-hosts", service: "greeter-r1", workload: "greeter-r1", rps: 8 },
      { namespace: "demo-hosts", service: "greeter-r2", workload: "greeter-r2", rps: 2 },
    ];
    const [route] = observeRoutes(model, rates, { windowSeconds: 60, scrapeIntervalSeconds: 5 });
    expect(route?.object).toEqual({ kind: "VirtualService", namespace: "demo-hosts", name: "greeter" });
    expect(route?.route).toBe("http:0");
    const shares = Object.fromEntries(route?.drift.destinations.map((d) => [d.key, d.observedShare]) ?? []);
    expect(shares).toEqual({ "greeter-r1": 0.8, "greeter-r2": 0.2 });
    expect(route?.drift.drifting).toBe(true);
  });

  it("tells subsets apart by the workloads behind them (demo-staged 70/30)", () => {
    const model = buildMeshModel(demoSnapshot(demo.staged));
    const rates: DestinationRate[] = [
      { namespace: "demo-staged", service: "api", workload: "api-v1", rps: 7 },
      { namespace: "demo-staged", service: "api", workload: "api-v2", rps: 3 },
    ];
    const [route] = observeRoutes(model, rates, { windowSeconds: 60, scrapeIntervalSeconds: 5 });
    expect(route?.drift.destinations.map((d) => [d.key, d.observedShare])).toEqual([
      ["api/v1", 0.7],
      ["api/v2", 0.3],
    ]);
    expect(route?.drift.drifting).toBe(false);
  });

  it("leaves out a split whose destinations Istio's metrics cannot tell apart", () => {
    const model = buildMeshModel(demoSnapshot(demo.argoSubset));
    expect(observeRoutes(model, [], { windowSeconds: 60, scrapeIntervalSeconds: 5 })).toEqual([]);
  });
});
