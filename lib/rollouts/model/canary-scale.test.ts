import { describe, expect, it } from "vitest";
import argo from "../fixtures/argo-canary-replica-counts.json";
import type { CanaryStepWire, RolloutWire } from "../wire";
import { approximateWeightedCounts, basicCanaryCounts } from "./canary-basic";
import { abortScaleDownDelay, canaryReplicasOrWeight, maxSurge, maxUnavailable, trafficRoutedCanaryCounts, trafficWeightToReplicas, type ScaleReplicaSet } from "./canary-scale";

// Argo Rollouts' own test tables (v1.9.3 utils/replicaset/canary_test.go), run
// against the port: the fixture holds TestCalculateReplicaCountsForCanary and
// TestApproximateWeightedNewStableReplicaCounts converted field by field.

interface ArgoCase {
  name: string;
  rolloutSpecReplicas?: number;
  setWeight?: number;
  maxSurge?: number | string;
  maxUnavailable?: number | string;
  promoteFull?: boolean;
  stableSpecReplica?: number;
  stableAvailableReplica?: number;
  canarySpecReplica?: number;
  canaryAvailableReplica?: number;
  expectedStableReplicaCount?: number;
  expectedCanaryReplicaCount?: number;
  olderRS?: ScaleReplicaSet;
  setCanaryScale?: { replicas: number | null; weight: number | null; matchTrafficWeight: boolean };
  trafficRouting?: Record<string, never>;
  abortScaleDownDelaySeconds?: number;
  statusAbort?: boolean;
  minPodsPerReplicaSet?: number;
}

/** Argo's newRollout: one step {setWeight, setCanaryScale}, stable "stable", current "canary". */
function newRollout(replicas: number, setWeight: number, surge: number | string, unavailable: number | string, extra: Partial<NonNullable<RolloutWire["spec"]["strategy"]["canary"]>> = {}, scs?: CanaryStepWire["setCanaryScale"]): RolloutWire {
  return {
    metadata: { name: "ro", namespace: "ns" },
    spec: { replicas, strategy: { canary: { maxSurge: surge, maxUnavailable: unavailable, steps: [{ setWeight, setCanaryScale: scs ?? null }], ...extra } } },
    status: { stableRS: "stable", currentPodHash: "canary" },
  };
}

const rs = (name: string, replicas: number, available: number): ScaleReplicaSet => ({ name, replicas, available });

describe("TestCalculateReplicaCountsForCanary (Argo's table)", () => {
  const cases = argo.cases as ArgoCase[];
  it("has Argo's 39 cases", () => expect(cases).toHaveLength(39));
  it.each(cases.map((c) => [c.name, c] as const))("%s", (_name, c) => {
    const ro = newRollout(c.rolloutSpecReplicas ?? 0, c.setWeight ?? 0, c.maxSurge ?? 0, c.maxUnavailable ?? 0, {
      ...(c.trafficRouting ? { trafficRouting: {} } : {}),
      abortScaleDownDelaySeconds: c.abortScaleDownDelaySeconds ?? null,
      minPodsPerReplicaSet: c.minPodsPerReplicaSet ?? null,
    }, c.setCanaryScale);
    ro.status = { ...ro.status, promoteFull: c.promoteFull ?? false, abort: c.statusAbort ?? false };
    const stable = rs("stable", c.stableSpecReplica ?? 0, c.stableAvailableReplica ?? 0);
    const canary = rs("canary", c.canarySpecReplica ?? 0, c.canaryAvailableReplica ?? 0);
    const got = c.trafficRouting ? trafficRoutedCanaryCounts(ro, null, null, null) : basicCanaryCounts(ro, canary, stable, c.olderRS ? [c.olderRS] : []);
    expect(got).toEqual({ canary: c.expectedCanaryReplicaCount ?? 0, stable: c.expectedStableReplicaCount ?? 0 });
  });
});

describe("TestApproximateWeightedNewStableReplicaCounts (Argo's table)", () => {
  it.each(argo.approximate.map((c) => [`replicas ${c.replicas} weight ${c.weight} surge ${c.maxSurge}`, c] as const))("%s", (_n, c) => {
    expect(approximateWeightedCounts(c.replicas, c.weight, c.maxWeight, c.maxSurge)).toEqual({ canary: c.expCanary, stable: c.expStable });
  });
});

describe("TestCalculateReplicaCountsForCanaryTrafficRoutingDynamicScale (Argo's table)", () => {
  // Argo's newRollout(replicas, rolloutMaxReplicas, 0, 1, …): its second argument is the first step's setWeight; the case's steps follow it.
  type Case = { setWeight: number; abort: boolean; steps?: CanaryStepWire[]; weights: [number, number]; canaryRS?: number; stableRS?: [number, number] };
  const step60: CanaryStepWire[] = [{ setWeight: 60 }];
  const cases: [string, Case, [number, number]][] = [
    ["scales stable up by the next canary downscale step on abort", { setWeight: 20, abort: true, steps: step60, weights: [60, 40], canaryRS: 6, stableRS: [4, 4] }, [6, 8]],
    ["scales stable up by available canaries when fewer than expected, on abort", { setWeight: 20, abort: true, steps: step60, weights: [60, 40], canaryRS: 1, stableRS: [4, 4] }, [6, 8]],
    ["scales stable up by available stable replicas on abort", { setWeight: 20, abort: true, steps: step60, weights: [60, 40], canaryRS: 2, stableRS: [8, 4] }, [6, 8]],
    ["scales stable up as if canaries were 0 without ReplicaSets, on abort", { setWeight: 20, abort: true, steps: step60, weights: [60, 40] }, [6, 10]],
    ["scales down stable", { setWeight: 10, abort: false, weights: [10, 90] }, [1, 9]],
    ["takes the max of desired canary (20) and actual (10)", { setWeight: 20, abort: false, weights: [10, 90] }, [2, 9]],
    ["leaves the canary up while it has traffic on abort", { setWeight: 20, abort: true, weights: [20, 80] }, [2, 10]],
    ["reduces the canary when it has less traffic on abort", { setWeight: 20, abort: true, weights: [10, 90] }, [1, 10]],
  ];
  it.each(cases)("%s", (_n, c, [canary, stable]) => {
    const ro = newRollout(10, c.setWeight, 0, 1, { trafficRouting: {}, dynamicStableScale: true });
    ro.spec.strategy.canary!.steps = [...(ro.spec.strategy.canary!.steps ?? []), ...(c.steps ?? [])];
    ro.status = { ...ro.status, abort: c.abort };
    const canaryRS = c.canaryRS ? rs("canary", c.canaryRS, c.canaryRS) : null;
    const stableRS = c.stableRS ? rs("stable", c.stableRS[0], c.stableRS[1]) : null;
    expect(trafficRoutedCanaryCounts(ro, canaryRS, stableRS, { canary: c.weights[0], stable: c.weights[1] })).toEqual({ canary, stable });
  });
});

describe("GetCanaryReplicasOrWeight, trafficWeightToReplicas, fenceposts, abort delay", () => {
  const routed = (steps: CanaryStepWire[], status: RolloutWire["status"]): RolloutWire => ({ metadata: { name: "r" }, spec: { strategy: { canary: { steps, trafficRouting: {} } } }, status });
  it("follows Argo's TestGetCanaryReplicasOrWeight", () => {
    expect(canaryReplicasOrWeight({ metadata: { name: "r" }, spec: { strategy: {} }, status: { promoteFull: true } }, null, null)).toEqual({ replicas: null, weight: 100 });
    expect(canaryReplicasOrWeight(routed([{ setWeight: 10 }, { setCanaryScale: { weight: 20 } }], { currentStepIndex: 1, stableRS: "stable-rs" }), null, null)).toEqual({ replicas: null, weight: 20 });
    expect(canaryReplicasOrWeight(routed([{ setWeight: 10 }, { setCanaryScale: { replicas: 5 } }], { currentStepIndex: 1, stableRS: "stable-rs" }), null, null)).toEqual({ replicas: 5, weight: 0 });
    expect(canaryReplicasOrWeight({ metadata: { name: "r" }, spec: { strategy: { blueGreen: {} } }, status: { abort: true } }, null, null)).toEqual({ replicas: null, weight: 100 });
  });
  it("ignores setCanaryScale after matchTrafficWeight", () => {
    const ro = routed([{ setCanaryScale: { replicas: 3 } }, { setWeight: 40 }, { setCanaryScale: { matchTrafficWeight: true } }], { currentStepIndex: 2, stableRS: "a", currentPodHash: "b" });
    expect(canaryReplicasOrWeight(ro, null, null)).toEqual({ replicas: null, weight: 40 });
  });
  it("rounds traffic weights up to replicas (TestTrafficWeightToReplicas)", () => {
    expect([0, 20, 25, 33, 99, 100].map((w) => trafficWeightToReplicas(10, w, 100))).toEqual([0, 2, 3, 4, 10, 10]);
    expect(trafficWeightToReplicas(23, 100000000, 100000000)).toBe(23);
  });
  it("resolves maxSurge up and maxUnavailable down, Argo's 25 % defaults", () => {
    const ro = newRollout(10, 0, "25%", "25%");
    expect([maxSurge(ro), maxUnavailable(ro)]).toEqual([3, 2]);
    delete ro.spec.strategy.canary!.maxSurge;
    delete ro.spec.strategy.canary!.maxUnavailable;
    expect([maxSurge(ro), maxUnavailable(ro)]).toEqual([3, 2]);
    expect(maxUnavailable(newRollout(3, 0, 0, "10%"))).toBe(1);
  });
  it("keeps the canary 30 s after an abort by default, forever with 0, and scales down at once without traffic routing", () => {
    expect(abortScaleDownDelay(routed([], {}))).toEqual({ seconds: 30, explicit: false });
    const never = routed([], {});
    never.spec.strategy.canary!.abortScaleDownDelaySeconds = 0;
    expect(abortScaleDownDelay(never)).toEqual({ seconds: null, explicit: true });
    expect(abortScaleDownDelay(newRollout(1, 0, 1, 0))).toEqual({ seconds: 0, explicit: false });
  });
});
