import { describe, expect, it } from "vitest";
import { parseAnalysisRun, parseReplicaSet, parseRollout } from "./wire";

describe("wire schemas", () => {
  it("keep unknown fields and accept Argo's string observedGeneration and patched-in nulls", () => {
    const raw = {
      apiVersion: "argoproj.io/v1alpha1",
      kind: "Rollout",
      metadata: { name: "a", namespace: "n" },
      spec: { strategy: { canary: { steps: [{ setWeight: 5, future: 1 }], somethingNew: { x: 1 } } }, template: { spec: { containers: [{ name: "c", image: "i", args: ["x"] }] } } },
      status: { observedGeneration: "7", pauseConditions: null, canary: { weights: { canary: { weight: 5 }, stable: { weight: 95 }, verified: true } }, alb: { x: 1 } },
    };
    const r = parseRollout(raw);
    expect(r).toEqual(raw);
    expect(r.status?.observedGeneration).toBe("7");
  });

  it("read pause durations as int or string", () => {
    const steps = (d: unknown) => parseRollout({ metadata: { name: "a" }, spec: { strategy: { canary: { steps: [{ pause: { duration: d } }] } } } }).spec.strategy.canary?.steps?.[0]?.pause?.duration;
    expect(steps(30)).toBe(30);
    expect(steps("1h")).toBe("1h");
    expect(() => steps(true)).toThrow();
  });

  it("parse ReplicaSets and AnalysisRuns", () => {
    expect(parseReplicaSet({ metadata: { name: "r", annotations: { "rollout.argoproj.io/revision": "3" } }, spec: { replicas: 1 } }).metadata.annotations).toEqual({ "rollout.argoproj.io/revision": "3" });
    const ar = parseAnalysisRun({ metadata: { name: "ar" }, spec: { metrics: [{ name: "m", count: "3", provider: { web: {} } }] }, status: { phase: "Running", metricResults: [{ name: "m", phase: "Running", measurements: [{ phase: "Successful", value: "1" }] }] } });
    expect(ar.status?.metricResults?.[0]?.measurements?.[0]?.value).toBe("1");
  });
});
