import { describe, expect, it } from "vitest";
import { testRollout } from "../test-objects";
import { currentCanaryStep, currentSetWeight, stepKind, stepTimeline } from "./steps";

const T0 = Date.parse("2025-01-01T00:00:00Z");

describe("current step and set weight (GetCurrentCanaryStep, GetCurrentSetWeight)", () => {
  it("is the last setWeight at or before the current step", () => {
    expect(currentSetWeight(testRollout({ status: { currentStepIndex: 0 } }))).toBe(20);
    expect(currentSetWeight(testRollout({ status: { currentStepIndex: 1 } }))).toBe(20);
    expect(currentSetWeight(testRollout({ status: { currentStepIndex: 3 } }))).toBe(50);
    expect(currentSetWeight(testRollout({ status: {} }))).toBe(20);
  });

  it("is the max weight once every step is done, 0 once aborted", () => {
    expect(currentSetWeight(testRollout({ status: { currentStepIndex: 4 } }))).toBe(100);
    expect(currentSetWeight(testRollout({ status: { currentStepIndex: 4 }, spec: { strategy: { canary: { trafficRouting: { maxTrafficWeight: 1000 } } } } }))).toBe(1000);
    expect(currentSetWeight(testRollout({ status: { currentStepIndex: 3, abort: true } }))).toBe(0);
  });

  it("is 0 before the first setWeight", () => {
    expect(currentSetWeight(testRollout({ spec: { strategy: { canary: { steps: [{ pause: {} }, { setWeight: 40 }] } } }, status: { currentStepIndex: 0 } }))).toBe(0);
  });

  it("has no index without canary steps", () => {
    expect(currentCanaryStep(testRollout({ spec: { strategy: { canary: { steps: [] } } } }))).toEqual({ step: null, index: null });
    expect(currentCanaryStep(testRollout({ status: { currentStepIndex: 9 } }))).toEqual({ step: null, index: 9 });
  });
});

describe("stepTimeline", () => {
  it("labels every kind of step", () => {
    const r = testRollout({
      spec: {
        strategy: {
          canary: {
            steps: [
              { setWeight: 5 },
              { pause: {} },
              { pause: { duration: 30 } },
              { pause: { duration: "1h" } },
              { pause: { duration: "later" } },
              { analysis: { templates: [{ templateName: "success-rate" }, { templateName: "latency" }] } },
              { experiment: { duration: "10m", templates: [{ name: "baseline", specRef: "stable" }, { name: "canary", specRef: "canary" }] } },
              { setCanaryScale: { weight: 25 } },
              { setCanaryScale: { replicas: 3 } },
              { setCanaryScale: { matchTrafficWeight: true } },
              { setHeaderRoute: { name: "hdr", match: [{ headerName: "x-canary", headerValue: { exact: "yes" } }] } },
              { setHeaderRoute: { name: "hdr" } },
              { setMirrorRoute: { name: "mirror", percentage: 20, match: [{ method: { exact: "GET" } }] } },
              { setMirrorRoute: { name: "mirror" } },
              { plugin: { name: "acme/step" } },
              {},
            ],
          },
        },
      },
      status: { currentStepIndex: 0 },
    });
    expect(stepTimeline(r, T0).map((s) => s.label)).toEqual([
      "Set weight 5 %",
      "Pause (indefinite)",
      "Pause 30 s",
      "Pause 1 h",
      "Pause (invalid duration)",
      "Analysis success-rate, latency",
      "Experiment baseline, canary for 10m",
      "Set canary scale 25 %",
      "Set canary scale 3 replicas",
      "Set canary scale to match traffic weight",
      "Set header route hdr: x-canary = yes",
      "Remove header route hdr",
      "Set mirror route mirror 20 %: method = GET",
      "Remove mirror route mirror",
      "Plugin acme/step",
      "Unknown step",
    ]);
    expect(stepKind({ setWeight: 0 })).toBe("setWeight");
  });

  it("marks done, current and pending from currentStepIndex", () => {
    const states = stepTimeline(testRollout({ status: { currentStepIndex: 2 } }), T0).map((s) => s.state);
    expect(states).toEqual(["done", "done", "current", "pending"]);
    expect(stepTimeline(testRollout({ status: { currentStepIndex: 4 } }), T0).every((s) => s.state === "done")).toBe(true);
  });

  it("counts a timed pause down from its pause condition", () => {
    const r = testRollout({ status: { currentStepIndex: 3, controllerPause: true, pauseConditions: [{ reason: "CanaryPauseStep", startTime: "2025-01-01T00:00:00Z" }] } });
    const at = (s: number) => stepTimeline(r, T0 + s * 1000)[3];
    expect(at(18)).toMatchObject({ state: "current", label: "Pause 30 s — 12 s left", pause: { durationSeconds: 30, remainingSeconds: 12, endsAt: "2025-01-01T00:00:30Z" } });
    expect(at(17.5)?.pause?.remainingSeconds).toBe(13);
    expect(at(45)?.label).toBe("Pause 30 s — 0 s left");
    // An indefinite pause has no countdown; a pending timed one neither.
    expect(stepTimeline(testRollout({ status: { currentStepIndex: 1, pauseConditions: [{ reason: "CanaryPauseStep", startTime: "2025-01-01T00:00:00Z" }] } }), T0)[1]?.pause).toEqual({ durationSeconds: null, remainingSeconds: null, endsAt: null });
    expect(stepTimeline(r, T0)[1]?.pause?.remainingSeconds).toBeNull();
  });
});
