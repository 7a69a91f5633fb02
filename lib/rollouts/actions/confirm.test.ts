import { describe, expect, it } from "vitest";
import { testRollout } from "../test-objects";
import type { RolloutWire } from "../wire";
import { RECONCILE_ANNOTATION } from "./action-outcome";
import { confirmAction, type ConfirmIo } from "./confirm";
import type { RolloutRequest } from "./plan";

const paused = (rv: string, extra: Record<string, unknown> = {}) =>
  testRollout({
    metadata: { resourceVersion: rv },
    status: { currentStepIndex: 1, currentPodHash: "new", stableRS: "old", controllerPause: true, pauseConditions: [{ reason: "CanaryPauseStep", startTime: "2026-01-01T00:00:00Z" }], ...extra },
  });
const cleared = (rv: string) => paused(rv, { pauseConditions: null });
const advanced = (rv: string) => paused(rv, { pauseConditions: null, controllerPause: false, currentStepIndex: 2 });

/** Scripted reads on a fake clock: each read returns the next object (the last one repeats). */
function io(reads: RolloutWire[], opts: { conflictOnce?: boolean } = {}) {
  let clock = 0;
  let i = 0;
  let conflict = opts.conflictOnce ?? false;
  const sent: RolloutRequest[][] = [];
  const fake: ConfirmIo = {
    read: () => Promise.resolve(reads[Math.min(i++, reads.length - 1)]!),
    send: (requests) => {
      if (conflict) {
        conflict = false;
        return Promise.reject(new Error("409"));
      }
      sent.push(requests);
      return Promise.resolve();
    },
    isConflict: (e) => e instanceof Error && e.message === "409",
    sleep: (ms) => {
      clock += ms;
      return Promise.resolve();
    },
    now: () => clock,
  };
  return { fake, sent, reads: () => i };
}

describe("confirmAction", () => {
  it("stops as soon as the controller took the promote, writing nothing more", async () => {
    const t = io([cleared("2"), advanced("3")]);
    expect(await confirmAction(t.fake, "promote", paused("1"))).toEqual({ followUps: 0, outcome: "taken" });
    expect(t.sent).toEqual([]);
    expect(t.reads()).toBe(2);
  });

  it("sends the promote again, conditional on the resourceVersion read, when the pause condition came back", async () => {
    const t = io([cleared("2"), paused("3"), cleared("4"), advanced("5")]);
    expect(await confirmAction(t.fake, "promote", paused("1"))).toEqual({ followUps: 1, outcome: "taken" });
    expect(t.sent).toHaveLength(1);
    expect(t.sent[0]?.[0]).toMatchObject({ subresource: "status", body: { metadata: { resourceVersion: "3" }, status: { pauseConditions: null } } });
  });

  it("reads again after a conflict instead of counting it", async () => {
    const t = io([paused("3"), paused("4"), advanced("5")], { conflictOnce: true });
    expect(await confirmAction(t.fake, "promote", paused("1"))).toEqual({ followUps: 1, outcome: "taken" });
    expect(t.sent[0]?.[0]?.body).toMatchObject({ metadata: { resourceVersion: "4" } });
  });

  it("nudges a controller that has not acted after nudgeAfterMs, at most maxFollowUps times, then gives up", async () => {
    const t = io([cleared("2")]);
    const result = await confirmAction(t.fake, "promote", paused("1"), { totalMs: 10_000, pollMs: 200, nudgeAfterMs: 2_000, maxFollowUps: 3 });
    expect(result).toEqual({ followUps: 3, outcome: "pending" });
    expect(t.sent).toHaveLength(3);
    for (const requests of t.sent) {
      expect(requests).toEqual([expect.objectContaining({ subresource: null, body: { metadata: { annotations: { [RECONCILE_ANNOTATION]: expect.any(String) } } } })]);
    }
  });

  it("ends quietly when a read fails", async () => {
    const fake: ConfirmIo = { ...io([]).fake, read: () => Promise.reject(new Error("gone")) };
    expect(await confirmAction(fake, "abort", paused("1", { abort: true }))).toEqual({ followUps: 0, outcome: "pending" });
  });
});
