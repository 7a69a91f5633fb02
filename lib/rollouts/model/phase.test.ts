import { describe, expect, it } from "vitest";
import { testRollout } from "../test-objects";
import { calculateRolloutPhase, rolloutPhase } from "./phase";

const healthyStatus = { observedGeneration: "1", stableRS: "a", currentPodHash: "a", replicas: 2, updatedReplicas: 2, availableReplicas: 2, currentStepIndex: 4 };

describe("rolloutPhase (GetRolloutPhase)", () => {
  it("takes status.phase and status.message once the spec is observed", () => {
    expect(rolloutPhase(testRollout({ status: { phase: "Degraded", message: "RolloutAborted: x" } }))).toEqual({ phase: "Degraded", message: "RolloutAborted: x" });
  });

  it("is Progressing while the controller has not seen the latest generation", () => {
    const r = testRollout({ metadata: { generation: 3 }, status: { observedGeneration: "2", phase: "Healthy" } });
    expect(rolloutPhase(r)).toEqual({ phase: "Progressing", message: "waiting for rollout spec update to be observed" });
    expect(rolloutPhase(testRollout({ metadata: { generation: 3 }, status: { observedGeneration: "4", phase: "Healthy" } })).phase).toBe("Healthy");
    // A non-numeric observedGeneration (old controllers wrote a hash) counts as observed.
    expect(rolloutPhase(testRollout({ metadata: { generation: 3 }, status: { observedGeneration: "5d7c9b", phase: "Healthy" } })).phase).toBe("Healthy");
  });

  it("is Progressing while unpausing (controllerPause without pause conditions)", () => {
    expect(rolloutPhase(testRollout({ status: { controllerPause: true, phase: "Paused" } }))).toEqual({ phase: "Progressing", message: "waiting for rollout to unpause" });
  });
});

describe("calculateRolloutPhase", () => {
  const calc = (over: Record<string, unknown>) => calculateRolloutPhase(testRollout(over));

  it("is Degraded for an invalid spec, an abort or a missed deadline", () => {
    expect(calc({ status: { conditions: [{ type: "InvalidSpec", status: "True", message: "bad" }] } })).toEqual({ phase: "Degraded", message: "InvalidSpec: bad" });
    expect(calc({ status: { conditions: [{ type: "Progressing", status: "False", reason: "RolloutAborted", message: "aborted" }] } })).toEqual({ phase: "Degraded", message: "RolloutAborted: aborted" });
    expect(calc({ status: { conditions: [{ type: "Progressing", status: "False", reason: "ProgressDeadlineExceeded", message: "late" }] } }).phase).toBe("Degraded");
  });

  it("is Paused when paused by hand or by a pause condition", () => {
    expect(calc({ spec: { paused: true } })).toEqual({ phase: "Paused", message: "manually paused" });
    expect(calc({ status: { pauseConditions: [{ reason: "CanaryPauseStep", startTime: "2025-01-01T00:00:00Z" }] } })).toEqual({ phase: "Paused", message: "CanaryPauseStep" });
  });

  it("is Progressing while restarting, scaling or waiting for steps", () => {
    expect(calc({ spec: { restartAt: "2025-01-01T00:00:00Z" }, status: healthyStatus }).message).toBe("rollout is restarting");
    expect(calc({ spec: { restartAt: "2025-01-01T00:00:00Z" }, status: { ...healthyStatus, restartedAt: "2025-01-01T00:00:00Z" } }).phase).toBe("Healthy");
    expect(calc({ status: { ...healthyStatus, updatedReplicas: 1 } }).message).toBe("more replicas need to be updated");
    expect(calc({ status: { ...healthyStatus, availableReplicas: 1 } }).message).toBe("updated replicas are still becoming available");
    expect(calc({ status: { ...healthyStatus, replicas: 3 } }).message).toBe("old replicas are pending termination");
    expect(calc({ status: { ...healthyStatus, currentPodHash: "b" } }).message).toBe("waiting for all steps to complete");
    expect(calc({ status: healthyStatus })).toEqual({ phase: "Healthy", message: "" });
  });

  it("follows the active service cutover of a blue-green rollout", () => {
    const bg = (status: Record<string, unknown>, extra: Record<string, unknown> = {}) =>
      calculateRolloutPhase(testRollout({ spec: { strategy: { canary: null, blueGreen: { activeService: "a", ...extra } } }, status: { ...healthyStatus, ...status } }));
    expect(bg({ blueGreen: {} }).message).toBe("active service cutover pending");
    expect(bg({ blueGreen: { activeSelector: "a" }, stableRS: "old" }).message).toBe("waiting for post-promotion verification to complete");
    expect(bg({ blueGreen: { activeSelector: "a" }, stableRS: "old" }, { postPromotionAnalysis: { templates: [{ templateName: "t" }] } }).message).toBe("waiting for analysis to complete");
    expect(bg({ blueGreen: { activeSelector: "a" } }).phase).toBe("Healthy");
  });
});
