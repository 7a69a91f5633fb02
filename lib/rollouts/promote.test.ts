import { describe, expect, it } from "vitest";
import { planPromote, PromoteError, type RolloutForPromote } from "./promote";

const canary = (status: RolloutForPromote["status"], paused = false, steps: unknown[] = [{ setWeight: 5 }, { pause: {} }]): RolloutForPromote => ({
  spec: { paused, strategy: { canary: { steps } } },
  status,
});

describe("planPromote (kubectl argo rollouts promote)", () => {
  it("clears the pause conditions of a rollout paused at a pause step", () => {
    const plan = planPromote(canary({ currentStepIndex: 1, pauseConditions: [{ reason: "CanaryPauseStep" }], controllerPause: true }));
    expect(plan.statusPatch).toEqual({ status: { pauseConditions: null } });
    expect(plan.specPatch).toBeUndefined();
    expect(plan.unifiedPatch).toEqual({ spec: { paused: false }, status: { pauseConditions: null } });
  });

  it("also unpauses a user-paused rollout", () => {
    const plan = planPromote(canary({ currentStepIndex: 1, pauseConditions: [{ reason: "PausedByUser" }] }, true));
    expect(plan.specPatch).toEqual({ spec: { paused: false } });
    expect(plan.statusPatch).toEqual({ status: { pauseConditions: null } });
  });

  it("advances the step when nothing is paused (mid analysis), never past the last step", () => {
    expect(planPromote(canary({ currentStepIndex: 0 })).statusPatch).toEqual({ status: { pauseConditions: null, currentStepIndex: 1 } });
    expect(planPromote(canary({ currentStepIndex: 2 })).statusPatch).toEqual({ status: { pauseConditions: null, currentStepIndex: 2 } });
    expect(planPromote(canary({})).statusPatch).toEqual({ status: { pauseConditions: null, currentStepIndex: 1 } });
  });

  it("unsticks an inconclusive analysis: clears controllerPause and moves on", () => {
    const r = canary({ currentStepIndex: 0, pauseConditions: [{ reason: "InconclusiveAnalysisRun" }], controllerPause: true, canary: { currentStepAnalysisRunStatus: { status: "Inconclusive" } } });
    expect(planPromote(r).statusPatch).toEqual({ status: { pauseConditions: null, controllerPause: false, currentStepIndex: 1 } });
  });

  it("promotes fully only when the canary differs from stable", () => {
    expect(planPromote(canary({ currentPodHash: "a", stableRS: "b" }, true), "full")).toEqual({
      specPatch: { spec: { paused: false } },
      statusPatch: { status: { promoteFull: true } },
      unifiedPatch: { spec: { paused: false }, status: { promoteFull: true } },
    });
    expect(planPromote(canary({ currentPodHash: "a", stableRS: "a" }), "full").statusPatch).toBeUndefined();
  });

  it("skips steps", () => {
    expect(planPromote(canary({ currentStepIndex: 0 }), "skip-current-step").statusPatch).toEqual({ status: { currentStepIndex: 1 } });
    expect(planPromote(canary({ currentStepIndex: 0 }), "skip-all-steps").statusPatch).toEqual({ status: { currentStepIndex: 2 } });
    expect(() => planPromote({ spec: { strategy: { blueGreen: {} } } }, "skip-all-steps")).toThrow(PromoteError);
    expect(() => planPromote(canary({}, false, []), "skip-current-step")).toThrow(PromoteError);
  });
});
