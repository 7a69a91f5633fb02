import { describe, expect, it } from "vitest";
import { FIXTURE_NAMES, fixtureNow, loadFixture } from "../fixtures/load";
import { testReplicaSet, testRollout } from "../test-objects";
import { availableActions } from "./availability";

describe("availableActions on captured objects", () => {
  const enabled = (name: (typeof FIXTURE_NAMES)[number]) => {
    const f = loadFixture(name);
    const a = availableActions(f.rollout, f.replicaSets, fixtureNow(f));
    return Object.entries(a)
      .filter(([, v]) => v.enabled)
      .map(([k]) => k)
      .sort();
  };

  it.each([
    ["canary-healthy", ["restart", "set-image"]],
    ["canary-paused", ["abort", "promote", "promote-full", "restart", "set-image", "undo"]],
    ["canary-promoted", ["restart", "set-image", "undo"]],
    ["canary-aborted", ["restart", "retry", "set-image", "undo"]],
    ["canary-retried", ["abort", "promote", "promote-full", "restart", "set-image", "undo"]],
    ["analysis-failed", ["restart", "retry", "set-image", "undo"]],
    ["bluegreen-paused", ["abort", "promote", "promote-full", "restart", "set-image", "undo"]],
    ["bluegreen-healthy", ["restart", "set-image"]],
  ] as const)("%s: %j", (name, expected) => {
    expect(enabled(name)).toEqual(expected);
  });

  it("explains what is disabled", () => {
    const f = loadFixture("canary-healthy");
    const a = availableActions(f.rollout, f.replicaSets, fixtureNow(f));
    expect(a.promote).toEqual({ enabled: false, reason: "The rollout is Healthy: no update is in progress to promote.", denied: null });
    expect(a.abort.reason).toBe("The rollout is Healthy: no update is in progress to abort.");
    expect(a.retry.reason).toBe("The rollout is Healthy: only an aborted or Degraded rollout can be retried.");
    expect(a.undo.reason).toBe("There is no previous revision to roll back to.");
    const aborted = loadFixture("canary-aborted");
    expect(availableActions(aborted.rollout, aborted.replicaSets, 0).promote.reason).toBe("The rollout is aborted: retry it (or undo) before you promote.");
  });

  it("says what promote does at each kind of pause", () => {
    const reason = (name: "canary-paused" | "bluegreen-paused" | "timed-pause") => {
      const f = loadFixture(name);
      return availableActions(f.rollout, f.replicaSets, 0).promote.reason;
    };
    expect(reason("canary-paused")).toBe("Ends the pause and moves to the next step.");
    expect(reason("bluegreen-paused")).toBe("Switches the active Service to the preview ReplicaSet.");
  });
});

describe("availableActions on hand-made objects", () => {
  const T = Date.parse("2025-01-01T00:00:00Z");

  it("restart is disabled while one is pending or scheduled", () => {
    const scheduled = availableActions(testRollout({ spec: { restartAt: "2025-01-01T00:10:00Z" } }), [], T).restart;
    expect(scheduled).toEqual({ enabled: false, reason: "A restart is already scheduled for 2025-01-01T00:10:00Z.", denied: null });
    const running = availableActions(testRollout({ spec: { restartAt: "2024-12-31T23:59:00Z" } }), [], T).restart;
    expect(running.reason).toBe("The restart requested at 2024-12-31T23:59:00Z has not finished yet.");
    expect(availableActions(testRollout({ spec: { restartAt: "2024-12-31T23:59:00Z" }, status: { restartedAt: "2024-12-31T23:59:00Z" } }), [], T).restart.enabled).toBe(true);
  });

  it("undo needs a previous revision among the ReplicaSets the Rollout controls", () => {
    const ro = testRollout();
    expect(availableActions(ro, [testReplicaSet("app-a", 1, "a")], T).undo.enabled).toBe(false);
    expect(availableActions(ro, [testReplicaSet("app-a", 1, "a"), testReplicaSet("app-b", 2, "b")], T).undo).toEqual({ enabled: true, reason: "Rolls the pod template back to revision 1.", denied: null });
    const notControlled = testReplicaSet("app-b", 2, "b", { metadata: { ownerReferences: [{ apiVersion: "argoproj.io/v1alpha1", kind: "Rollout", name: "app", uid: "ro-uid", controller: false }] } });
    expect(availableActions(ro, [testReplicaSet("app-a", 1, "a"), notControlled], T).undo.enabled).toBe(false);
  });

  it("nothing while the Rollout is being deleted", () => {
    const a = availableActions(testRollout({ metadata: { deletionTimestamp: "2025-01-01T00:00:00Z" } }), [], T);
    expect(Object.values(a).every((x) => !x.enabled && x.reason === "The rollout is being deleted.")).toBe(true);
  });

  it("set image through the workloadRef, or not without containers", () => {
    expect(availableActions(testRollout({ spec: { workloadRef: { apiVersion: "apps/v1", kind: "Deployment", name: "web" } } }), [], T)["set-image"].reason).toContain("Deployment web");
    expect(availableActions(testRollout({ spec: { template: { spec: { containers: [] } } } }), [], T)["set-image"].enabled).toBe(false);
  });
});
