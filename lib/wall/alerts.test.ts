import { describe, expect, it } from "vitest";
import type { RolloutSummary, RolloutTraffic } from "@/lib/api/rollouts";
import { fixtureNow, loadFixture, type FixtureName } from "@/lib/rollouts/fixtures/load";
import { buildRolloutView } from "@/lib/rollouts/model/build";
import type { RolloutView } from "@/lib/rollouts/model/schema";
import { wallAlerts, type AlertInput } from "./alerts";
import { canaryErrors, canaryOverThreshold, MIN_CANARY_REQUESTS } from "./canary-errors";
import { byUrgency, currentAnalysis, isInProgress, stepText } from "./rollout-progress";

function view(name: FixtureName): RolloutView {
  const f = loadFixture(name);
  return buildRolloutView(f, fixtureNow(f));
}

function summary(v: RolloutView): RolloutSummary {
  const { key, namespace, name, createdAt, strategy, phase, message, aborted, pause, promotionPending, step, setWeight, actualWeight, images, replicas } = v;
  return { key, namespace, name, createdAt, strategy, phase, message, aborted, pause, promotionPending, step, setWeight, actualWeight, images, replicas, routing: v.trafficRouting?.kind ?? null, currentStepLabel: v.currentStep?.label ?? null };
}

function traffic(canary: { ok: number; error: number }, stable: { ok: number; error: number }, buckets = 6): RolloutTraffic {
  return {
    source: "prometheus",
    state: "ok",
    error: null,
    window: "1m",
    bucketSeconds: 10,
    splitBy: "service",
    services: ["app-stable", "app-canary"],
    versions: [
      { key: "app-stable", label: "stable", role: "stable" },
      { key: "app-canary", label: "canary", role: "canary" },
    ],
    buckets: Array.from({ length: buckets }, (_, i) => ({ t: i * 10_000, rates: { "app-canary": canary, "app-stable": stable } })),
    query: "q",
    note: null,
  };
}

const input = (over: Partial<AlertInput>): AlertInput => ({ rollouts: [], details: new Map(), errors: new Map(), threshold: 0.1, scope: null, ...over });

describe("rollout progress on the wall", () => {
  it("knows what is in progress and orders by urgency", () => {
    const paused = summary(view("canary-paused"));
    const aborted = summary(view("canary-aborted"));
    const healthy = summary(view("canary-healthy"));
    expect([paused, aborted, healthy].filter(isInProgress).map((r) => r.phase)).toEqual(["Paused", "Degraded"]);
    expect([healthy, paused, aborted].sort(byUrgency).map((r) => r.phase)).toEqual(["Degraded", "Paused", "Healthy"]);
    expect(stepText(view("canary-paused"))).toBe("Step 1/2 · Pause (indefinite)");
  });

  it("reads the current analysis: failed metrics with their value and condition", () => {
    const failed = currentAnalysis(view("analysis-failed"));
    expect(failed).toMatchObject({ phase: "Failed", failing: true, metrics: [{ name: "up", failed: 1, lastValue: "0" }] });
    expect(currentAnalysis(view("analysis-passed"))).toMatchObject({ phase: "Successful", failing: false });
    expect(currentAnalysis(view("canary-paused"))).toBeNull();
  });
});

describe("canary error rates", () => {
  it("sums requests and errors per role over the buckets", () => {
    const e = canaryErrors(traffic({ ok: 9, error: 1 }, { ok: 20, error: 0 }));
    expect(e?.canary.requests).toBeCloseTo(600);
    expect(e?.canary.ratio).toBeCloseTo(0.1);
    expect(e?.stable.ratio).toBe(0);
    expect(e?.seconds).toBe(60);
    expect(canaryOverThreshold(e, 0.1)).toBe(true);
    expect(canaryOverThreshold(e, 0.11)).toBe(false);
  });

  it("does not judge a trickle or an unreadable answer", () => {
    const few = canaryErrors(traffic({ ok: 0, error: 0.2 }, { ok: 1, error: 0 }, 1));
    expect(few?.canary.requests).toBeLessThan(MIN_CANARY_REQUESTS);
    expect(canaryOverThreshold(few, 0.1)).toBe(false);
    expect(canaryErrors({ ...traffic({ ok: 1, error: 1 }, { ok: 1, error: 0 }), state: "error" })).toBeNull();
  });
});

describe("wall alerts", () => {
  it("raises an aborted Rollout with the controller's message", () => {
    const aborted = view("canary-aborted");
    const alerts = wallAlerts(input({ rollouts: [summary(aborted), summary(view("canary-paused"))] }));
    expect(alerts).toHaveLength(1);
    expect(alerts[0]).toMatchObject({ kind: "aborted", rollout: aborted.key, title: `Rollout ${aborted.key} aborted` });
    expect(alerts[0]?.detail).toMatch(/RolloutAborted/);
  });

  it("raises a failed analysis with the metric, its value and its condition", () => {
    const failed = view("analysis-failed");
    const alerts = wallAlerts(input({ rollouts: [summary(failed)], details: new Map([[failed.key, failed]]) }));
    expect(alerts.map((a) => a.kind)).toEqual(["aborted", "analysis"]);
    expect(alerts[1]?.detail).toMatch(/^up = 0 \(needs result\[0\] >= 1\)/);
  });

  it("raises an analysis still Running once a measurement failed, before the controller aborts anything", () => {
    const failing = view("analysis-failing");
    expect(currentAnalysis(failing)).toMatchObject({ phase: "Running", type: "Background", failing: true, metrics: [{ name: "up", failed: 1, lastValue: "0" }] });
    const alerts = wallAlerts(input({ rollouts: [summary(failing)], details: new Map([[failing.key, failing]]) }));
    expect(alerts.map((a) => [a.kind, a.title])).toEqual([["analysis", `Canary ${failing.key}: analysis failing`]]);
    expect(alerts[0]?.detail).toBe("up = 0 (needs result[0] >= 1)");
  });

  it("raises a canary at or over the error threshold, only while the rollout is in progress", () => {
    const paused = summary(view("canary-paused"));
    const bad = new Map([[paused.key, canaryErrors(traffic({ ok: 8, error: 2 }, { ok: 10, error: 0 }))]]);
    const alerts = wallAlerts(input({ rollouts: [paused], errors: bad, threshold: 0.1 }));
    expect(alerts).toEqual([expect.objectContaining({ kind: "errors", title: `Canary ${paused.key}: 20 % errors` })]);
    expect(alerts[0]?.detail).toMatch(/10 % threshold; stable 0\.0 %/);
    expect(wallAlerts(input({ rollouts: [paused], errors: bad, threshold: 0.25 }))).toEqual([]);
    expect(wallAlerts(input({ rollouts: [{ ...paused, phase: "Healthy", promotionPending: false }], errors: bad }))).toEqual([]);
  });

  it("watches only the wall's namespaces when it has them", () => {
    const aborted = summary(view("canary-aborted"));
    expect(wallAlerts(input({ rollouts: [aborted], scope: new Set(["elsewhere"]) }))).toEqual([]);
    expect(wallAlerts(input({ rollouts: [aborted], scope: new Set([aborted.namespace]) }))).toHaveLength(1);
  });
});
