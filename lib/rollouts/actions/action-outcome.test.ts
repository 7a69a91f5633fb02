import { describe, expect, it } from "vitest";
import { testRollout } from "../test-objects";
import { actionOutcome, isConfirmedAction, nudgeRequests, promoteAgainRequests, RECONCILE_ANNOTATION } from "./action-outcome";

const pausedAtStep1 = testRollout({
  metadata: { resourceVersion: "41" },
  status: {
    phase: "Paused",
    currentStepIndex: 1,
    currentPodHash: "new",
    stableRS: "old",
    controllerPause: true,
    pauseConditions: [{ reason: "CanaryPauseStep", startTime: "2026-01-01T00:00:00Z" }],
    canary: { weights: { canary: { weight: 20, podTemplateHash: "new" }, stable: { weight: 80, podTemplateHash: "old" } } },
  },
});

/** `pausedAtStep1` after an action and whatever `status` says happened next. */
const after = (status: Record<string, unknown>) => testRollout({ metadata: { resourceVersion: "42" }, status: { ...pausedAtStep1.status, ...status } });

describe("actionOutcome: promote", () => {
  const outcome = (status: Record<string, unknown>) => actionOutcome("promote", pausedAtStep1, after(status));

  it("pending while the conditions are cleared and the controller has not reconciled", () => {
    expect(outcome({ pauseConditions: null })).toBe("pending");
    expect(outcome({ pauseConditions: [] })).toBe("pending");
  });

  it("taken once the step advances, the controller lets go of the pause, or the canary becomes stable", () => {
    expect(outcome({ pauseConditions: null, currentStepIndex: 2 })).toBe("taken");
    expect(outcome({ pauseConditions: null, controllerPause: false })).toBe("taken");
    expect(outcome({ pauseConditions: null, stableRS: "new" })).toBe("taken");
  });

  it("reverted when a stale controller write puts the cleared pause condition back at the same step", () => {
    expect(outcome({ pauseConditions: [{ reason: "CanaryPauseStep", startTime: "2026-01-01T00:00:01Z" }], controllerPause: true })).toBe("reverted");
  });

  it("a pause at a later step, a new revision or an abort is not a revert", () => {
    const paused = [{ reason: "CanaryPauseStep", startTime: "2026-01-01T00:00:05Z" }];
    expect(outcome({ pauseConditions: paused, currentStepIndex: 3 })).toBe("taken");
    expect(outcome({ pauseConditions: paused, currentPodHash: "newer" })).toBe("taken");
    expect(outcome({ pauseConditions: paused, abort: true })).toBe("taken");
  });

  it("a pause reason the promote did not clear is not a revert", () => {
    expect(outcome({ pauseConditions: [{ reason: "InconclusiveAnalysisRun" }], controllerPause: true })).toBe("pending");
  });

  it("nothing to watch when the promote moved the step itself (no pause conditions)", () => {
    const midAnalysis = testRollout({ status: { currentStepIndex: 0, currentPodHash: "new", stableRS: "old" } });
    expect(actionOutcome("promote", midAnalysis, midAnalysis)).toBe("taken");
  });
});

describe("actionOutcome: promote-full, abort, retry", () => {
  it("promote-full: pending until the step, the weights or the stable ReplicaSet move", () => {
    const outcome = (status: Record<string, unknown>) => actionOutcome("promote-full", pausedAtStep1, after(status));
    expect(outcome({ promoteFull: true })).toBe("pending");
    expect(outcome({ promoteFull: true, currentStepIndex: 4 })).toBe("taken");
    expect(outcome({ promoteFull: true, canary: { weights: { canary: { weight: 100 } } } })).toBe("taken");
    expect(outcome({ promoteFull: true, stableRS: "new" })).toBe("taken");
    expect(outcome({ promoteFull: null, stableRS: "new" })).toBe("taken");
  });

  it("abort: pending until the controller stamps abortedAt", () => {
    expect(actionOutcome("abort", pausedAtStep1, after({ abort: true }))).toBe("pending");
    expect(actionOutcome("abort", pausedAtStep1, after({ abort: true, abortedAt: "2026-01-01T00:01:00Z", phase: "Degraded" }))).toBe("taken");
    expect(actionOutcome("abort", pausedAtStep1, after({ abort: false }))).toBe("taken");
  });

  it("retry: pending until the controller drops abortedAt", () => {
    const aborted = after({ abort: true, abortedAt: "2026-01-01T00:01:00Z", phase: "Degraded", pauseConditions: null });
    expect(actionOutcome("retry", aborted, after({ abort: false, abortedAt: "2026-01-01T00:01:00Z" }))).toBe("pending");
    expect(actionOutcome("retry", aborted, after({ abort: false, abortedAt: null }))).toBe("taken");
    expect(actionOutcome("retry", aborted, after({ abort: true, abortedAt: "2026-01-01T00:02:00Z" }))).toBe("taken");
  });

  it("only status actions are confirmed", () => {
    expect(["promote", "promote-full", "abort", "retry", "restart", "undo", "set-image"].filter(isConfirmedAction)).toEqual(["promote", "promote-full", "abort", "retry"]);
  });
});

describe("follow-up requests", () => {
  it("promoteAgainRequests re-plans from the object read back, the status patch conditional on its resourceVersion", () => {
    const back = after({ pauseConditions: [{ reason: "CanaryPauseStep", startTime: "2026-01-01T00:00:01Z" }] });
    const [status, ...rest] = promoteAgainRequests(back);
    expect(rest).toEqual([]);
    expect(status).toMatchObject({ verb: "patch", subresource: "status", patchType: "merge" });
    expect(status?.body).toEqual({ status: { pauseConditions: null }, metadata: { resourceVersion: "42" } });
    // the old-CRD fallback (no status subresource) stays unconditional, as the CLI sends it
    expect(status?.verb === "patch" ? status.onNotFound?.[0]?.body : undefined).toEqual({ spec: { paused: false }, status: { pauseConditions: null } });
  });

  it("promoteAgainRequests also unpauses the spec when a user pause came back", () => {
    const userPaused = testRollout({ metadata: { resourceVersion: "7" }, spec: { paused: true }, status: { currentStepIndex: 1, pauseConditions: [{ reason: "PausedByUser" }] } });
    expect(promoteAgainRequests(userPaused).map((r) => [r.subresource, r.body])).toEqual([
      ["status", { status: { pauseConditions: null }, metadata: { resourceVersion: "7" } }],
      [null, { spec: { paused: false } }],
    ]);
  });

  it("nudgeRequests only annotates the Rollout (no spec or status change)", () => {
    expect(nudgeRequests(pausedAtStep1, "2026-01-01T00:00:09.000Z")).toEqual([
      {
        verb: "patch",
        target: { apiVersion: "argoproj.io/v1alpha1", kind: "Rollout", namespace: "ns", name: "app" },
        subresource: null,
        patchType: "merge",
        body: { metadata: { annotations: { [RECONCILE_ANNOTATION]: "2026-01-01T00:00:09.000Z" } } },
      },
    ]);
  });
});
