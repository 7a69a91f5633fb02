import { describe, expect, it } from "vitest";
import { testReplicaSet, testRollout } from "../test-objects";
import { buildRolloutView } from "./build";

const routing = { trafficRouting: { istio: { virtualService: { name: "app" } } } };

describe("scaling view", () => {
  it("shows the fenceposts (Argo's 25 % defaults), and no split while the stable is current", () => {
    const s = buildRolloutView({ rollout: testRollout({ spec: { replicas: 10 }, status: { stableRS: "a", currentPodHash: "a" } }), replicaSets: [testReplicaSet("app-a", 1, "a")], analysisRuns: [] }, 0).scaling;
    expect(s).toMatchObject({ replicas: 10, maxSurge: { configured: "25%", replicas: 3, defaulted: true }, maxUnavailable: { configured: "25%", replicas: 2, defaulted: true }, desired: null, workloadRef: null });
    expect(s.abortScaleDownDelaySeconds).toBe(0);
  });

  it("computes setCanaryScale replicas and dynamicStableScale counts for the current step", () => {
    const ro = testRollout({
      spec: { replicas: 4, strategy: { canary: { ...routing, dynamicStableScale: true, abortScaleDownDelaySeconds: 120, steps: [{ setCanaryScale: { replicas: 3 } }, { setWeight: 25 }, { pause: {} }, { setCanaryScale: { matchTrafficWeight: true } }, { setWeight: 75 }, { pause: {} }] } } },
      status: { stableRS: "a", currentPodHash: "b", currentStepIndex: 2, canary: { weights: { canary: { weight: 25 }, stable: { weight: 75 } } } },
    });
    const view = buildRolloutView({ rollout: ro, replicaSets: [testReplicaSet("app-a", 1, "a", { spec: { replicas: 3 } }), testReplicaSet("app-b", 2, "b", { spec: { replicas: 3 } })], analysisRuns: [] }, 0);
    expect(view.scaling).toMatchObject({ dynamicStableScale: true, abortScaleDownDelaySeconds: 120, abortScaleDownDelayDefaulted: false, canaryScale: { replicas: 3, weight: null }, desired: { canary: 3, stable: 4 } });
    // GetCanaryReplicasOrWeight gives weight 0 with explicit replicas: the stable stays at 100 % of its weight share.
    expect(view.steps[0]?.canaryScale).toEqual({ replicas: 3, weight: null, matchTrafficWeight: false });
    expect(view.steps[3]?.label).toBe("Set canary scale to match traffic weight");
    const later = { ...ro, status: { ...ro.status, currentStepIndex: 5, canary: { weights: { canary: { weight: 75 }, stable: { weight: 25 } } } } };
    expect(buildRolloutView({ rollout: later, replicaSets: [], analysisRuns: [] }, 0).scaling).toMatchObject({ canaryScale: null, desired: { canary: 3, stable: 1 } });
  });

  it("after an abort, shows when the canary ReplicaSet is scaled down", () => {
    const ro = testRollout({ spec: { strategy: { canary: { ...routing, abortScaleDownDelaySeconds: 60 } } }, status: { abort: true, stableRS: "a", currentPodHash: "b" } });
    const canary = testReplicaSet("app-b", 2, "b", { metadata: { annotations: { "rollout.argoproj.io/revision": "2", "scale-down-deadline": "2025-01-01T00:01:00Z" } } });
    expect(buildRolloutView({ rollout: ro, replicaSets: [testReplicaSet("app-a", 1, "a"), canary], analysisRuns: [] }, 0).scaling.abortScaleDownAt).toBe("2025-01-01T00:01:00Z");
  });

  it("takes the template from the workloadRef's Deployment", () => {
    const ro = testRollout({ spec: { template: null, workloadRef: { apiVersion: "apps/v1", kind: "Deployment", name: "web", scaleDown: "onsuccess" } } });
    const workload = { kind: "Deployment", metadata: { name: "web", namespace: "ns" }, spec: { replicas: 0, template: { spec: { containers: [{ name: "web", image: "web:2" }] } } }, status: {} };
    const view = buildRolloutView({ rollout: ro, replicaSets: [], analysisRuns: [], workload }, 0);
    expect(view.scaling.workloadRef).toEqual({ apiVersion: "apps/v1", kind: "Deployment", name: "web", scaleDown: "onsuccess", found: true, replicas: 0, ready: 0, images: ["web:2"] });
    expect(view.containers).toEqual([{ name: "web", image: "web:2", init: false }]);
    expect(buildRolloutView({ rollout: ro, replicaSets: [], analysisRuns: [] }, 0).scaling.workloadRef).toMatchObject({ found: false, replicas: null, images: [] });
  });

  it("blue-green: maxUnavailable from its strategy, no surge, the preview's abort delay (30 s default)", () => {
    const ro = testRollout({ spec: { replicas: 4, strategy: { canary: null, blueGreen: { activeService: "a", maxUnavailable: 1 } } } });
    expect(buildRolloutView({ rollout: ro, replicaSets: [], analysisRuns: [] }, 0).scaling).toMatchObject({
      maxSurge: { replicas: 0 },
      maxUnavailable: { configured: 1, replicas: 1, defaulted: false },
      abortScaleDownDelaySeconds: 30,
      abortScaleDownDelayDefaulted: true,
      desired: null,
    });
  });
});
