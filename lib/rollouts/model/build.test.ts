import { describe, expect, it } from "vitest";
import { fixtureNow, loadFixture, type FixtureName } from "../fixtures/load";
import { testReplicaSet, testRollout } from "../test-objects";
import { numericValue } from "./analysis";
import { buildRolloutView } from "./build";

const view = (name: FixtureName, later = 0) => {
  const f = loadFixture(name);
  return buildRolloutView(f, fixtureNow(f) + later * 1000);
};

describe("buildRolloutView on captured objects", () => {
  it("a canary paused at step 1 of 2: weights, images, pause age, pending promotion", () => {
    const v = view("canary-paused", 42);
    expect(v).toMatchObject({ key: "meshdeck-fixtures/rollouts-demo", strategy: "canary", phase: "Paused", message: "CanaryPauseStep", step: { index: 1, count: 2 }, setWeight: 5, actualWeight: 5, promotionPending: true });
    expect(v.currentStep?.label).toBe("Pause (indefinite)");
    expect(v.pause?.reason).toBe("CanaryPauseStep");
    expect(v.pause?.ageSeconds).toBeGreaterThanOrEqual(42);
    expect(v.pause?.resumesAt).toBeNull();
    expect(v.images).toEqual({ stable: ["argoproj/rollouts-demo:blue"], canary: ["argoproj/rollouts-demo:yellow"] });
    expect(v.weights?.canary).toEqual({ weight: 5, serviceName: "rollouts-demo-canary", podTemplateHash: v.currentHash });
    expect(v.weights?.stable.weight).toBe(95);
    expect(v.revisions.map((r) => [r.revision, r.roles, r.images])).toEqual([
      [2, ["canary"], ["argoproj/rollouts-demo:yellow"]],
      [1, ["stable"], ["argoproj/rollouts-demo:blue"]],
    ]);
  });

  it("an aborted canary is Degraded with Argo's message, 0 % asked and applied", () => {
    const v = view("canary-aborted");
    expect(v).toMatchObject({ phase: "Degraded", aborted: true, setWeight: 0, actualWeight: 0, promotionPending: false });
    expect(v.message).toMatch(/^RolloutAborted: Rollout aborted update to revision 3/);
    expect(v.abortedAt).not.toBeNull();
  });

  it("a timed pause counts down and says when it resumes", () => {
    const v = view("timed-pause", 90);
    expect(v.currentStep?.label).toMatch(/^Pause 1 h — 5\d min \d+ s left$/);
    expect(v.pause?.resumesAt).toBe(v.currentStep?.pause?.endsAt);
    // No traffic routing: the actual weight is the canary's share of available pods.
    expect(v.trafficRouting?.kind).toBe("none");
    expect(v.actualWeight).toBe(25);
  });

  it("analysis runs with their measurements, as numbers for charts", () => {
    const passed = view("analysis-passed").analysisRuns;
    expect(passed).toHaveLength(1);
    expect(passed[0]).toMatchObject({ type: "Step", phase: "Successful", revision: 2, successful: 3, failed: 0 });
    expect(passed[0]?.metrics[0]).toMatchObject({ name: "up", successCondition: "result[0] >= 1", count: 3 });
    expect(passed[0]?.metrics[0]?.measurements.map((m) => [m.value, m.numericValue])).toEqual([
      ["[1]", 1],
      ["[1]", 1],
      ["[1]", 1],
    ]);
    const failed = view("analysis-failed").analysisRuns[0];
    expect(failed).toMatchObject({ phase: "Failed", failed: 1 });
    expect(failed?.metrics[0]?.measurements[0]?.numericValue).toBe(0);
  });

  it("a blue-green rollout waiting for promotion", () => {
    const v = view("bluegreen-paused");
    expect(v).toMatchObject({ strategy: "blueGreen", phase: "Paused", promotionPending: true, step: null, setWeight: null, actualWeight: null, steps: [] });
    expect(v.blueGreen).toMatchObject({ activeService: "bluegreen-active", previewService: "bluegreen-preview", autoPromotionEnabled: false });
    expect(v.blueGreen?.previewSelector).toBe(v.currentHash);
    expect(v.revisions.map((r) => r.roles)).toEqual([["preview"], ["stable", "active"]]);
    expect(v.pause?.resumesAt).toBeNull();
  });

  it("a restart shows as pending until the controller records it", () => {
    const r = testRollout({ spec: { restartAt: "2025-01-01T00:05:00Z" }, status: { restartedAt: "2025-01-01T00:00:00Z" } });
    expect(buildRolloutView({ rollout: r, replicaSets: [], analysisRuns: [] }, 0).restart).toEqual({ restartAt: "2025-01-01T00:05:00Z", restartedAt: "2025-01-01T00:00:00Z", pending: true });
  });
});

describe("buildRolloutView on hand-made objects", () => {
  it("blue-green auto-promotion after autoPromotionSeconds resumes by itself", () => {
    const r = testRollout({
      spec: { strategy: { canary: null, blueGreen: { activeService: "a", autoPromotionSeconds: 60 } } },
      status: { phase: "Paused", pauseConditions: [{ reason: "BlueGreenPause", startTime: "2025-01-01T00:00:00Z" }] },
    });
    expect(buildRolloutView({ rollout: r, replicaSets: [], analysisRuns: [] }, Date.parse("2025-01-01T00:00:10Z")).pause).toEqual({
      reason: "BlueGreenPause",
      since: "2025-01-01T00:00:00Z",
      ageSeconds: 10,
      resumesAt: "2025-01-01T00:01:00Z",
    });
  });

  it("ignores ReplicaSets of other owners and sorts by revision", () => {
    const other = testReplicaSet("x-1", 9, "h9", { metadata: { ownerReferences: [{ apiVersion: "argoproj.io/v1alpha1", kind: "Rollout", name: "x", uid: "other" }] } });
    const v = buildRolloutView({ rollout: testRollout(), replicaSets: [testReplicaSet("app-a", 1, "a"), other, testReplicaSet("app-b", 10, "b"), testReplicaSet("app-c", 2, "c")], analysisRuns: [] }, 0);
    expect(v.revisions.map((r) => r.revision)).toEqual([10, 2, 1]);
  });

  it("reports ReplicaSet health as `kubectl argo rollouts get`", () => {
    const rs = (over: Record<string, unknown>) => buildRolloutView({ rollout: testRollout(), replicaSets: [testReplicaSet("app-a", 1, "a", over)], analysisRuns: [] }, 0).revisions[0]?.health;
    expect(rs({})).toBe("Healthy");
    expect(rs({ spec: { replicas: 0 }, status: { replicas: 0, availableReplicas: 0 } })).toBe("ScaledDown");
    expect(rs({ status: { availableReplicas: 0 } })).toBe("Progressing");
    expect(rs({ metadata: { generation: 2 } })).toBe("Progressing");
    expect(rs({ status: { conditions: [{ type: "ReplicaFailure", status: "True" }] } })).toBe("ReplicaFailure");
  });

  it("reads measurement values as numbers only when they are one", () => {
    expect(numericValue("0.97")).toBe(0.97);
    expect(numericValue("[0.5]")).toBe(0.5);
    expect(numericValue("[1,2]")).toBeNull();
    expect(numericValue("NaN")).toBeNull();
    expect(numericValue("[]")).toBeNull();
    expect(numericValue('{"a":1}')).toBeNull();
    expect(numericValue(undefined)).toBeNull();
  });
});
