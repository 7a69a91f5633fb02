import { describe, expect, it } from "vitest";
import { buildMeshModel } from "@/lib/istio/model/build-model";
import { scenarioSnapshot } from "@/lib/istio/model/testing/scenario-snapshot";
import { observeRoutes, type DestinationRate } from "./observed-routes";

describe("observeRoutes", () => {
  it("compares helm-canary's 50/50 host split with the observed rates", () => {
    const model = buildMeshModel(scenarioSnapshot([{ file: "seeds/helm-canary.yaml", namespace: "default" }]));
    const rates: DestinationRate[] = [
      { namespace: "default", service: "foolish-penguin-sample", workload: "foolish-penguin-sample", rps: 8 },
      { namespace: "default", service: "peeking-rabbit-sample", workload: "peeking-rabbit-sample", rps: 2 },
    ];
    const [route] = observeRoutes(model, rates, { windowSeconds: 60, scrapeIntervalSeconds: 5 });
    expect(route?.object).toEqual({ kind: "VirtualService", namespace: "default", name: "exciting-lemur-sample-gateway" });
    expect(route?.route).toBe("http:0");
    const shares = Object.fromEntries(route?.drift.destinations.map((d) => [d.key, d.observedShare]) ?? []);
    expect(shares).toEqual({ "foolish-penguin-sample": 0.8, "peeking-rabbit-sample": 0.2 });
    expect(route?.drift.drifting).toBe(true);
  });

  it("tells subsets apart by the workloads behind them (rio-staged 70/30)", () => {
    const model = buildMeshModel(scenarioSnapshot([{ file: "seeds/rio-staged.yaml", namespace: "default-265db573" }]));
    const rates: DestinationRate[] = [
      { namespace: "default-265db573", service: "foobar", workload: "foobar", rps: 7 },
      { namespace: "default-265db573", service: "foobar", workload: "foobar-v2", rps: 3 },
    ];
    const [route] = observeRoutes(model, rates, { windowSeconds: 60, scrapeIntervalSeconds: 5 });
    expect(route?.drift.destinations.map((d) => [d.key, d.observedShare])).toEqual([
      ["foobar/latest", 0.7],
      ["foobar/v2", 0.3],
    ]);
    expect(route?.drift.drifting).toBe(false);
  });

  it("leaves out a split whose destinations Istio's metrics cannot tell apart", () => {
    const model = buildMeshModel(scenarioSnapshot([{ file: "argo-rollouts-istio/istio-subset-split.yaml", namespace: "argo-subset" }]));
    expect(observeRoutes(model, [], { windowSeconds: 60, scrapeIntervalSeconds: 5 })).toEqual([]);
  });
});
