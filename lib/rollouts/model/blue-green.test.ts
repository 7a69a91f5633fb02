import { describe, expect, it } from "vitest";
import { fixtureNow, loadFixture } from "../fixtures/load";
import { buildRolloutView } from "./build";

// Views of blue-green Rollouts captured from the real controller (lib/rollouts/fixtures).

describe("blueGreenView", () => {
  it("paused: the active Service selects the old revision, the preview the new one", () => {
    const f = loadFixture("bluegreen-paused");
    const bg = buildRolloutView(f, fixtureNow(f)).blueGreen;
    expect(bg?.active).toMatchObject({ service: "bluegreen-active", selector: "5b5c5bccc7", replicaSet: "bluegreen-5b5c5bccc7", revision: 1 });
    expect(bg?.preview).toMatchObject({ service: "bluegreen-preview", selector: "688f75c4bf", replicaSet: "bluegreen-688f75c4bf", revision: 2 });
    expect(bg).toMatchObject({ autoPromotionEnabled: false, autoPromotesAt: null, previewReplicaCount: null, scaleDownDelaySeconds: 30, prePromotionAnalysis: null });
  });

  it("auto-promotion: promotes autoPromotionSeconds after the BlueGreenPause started", () => {
    const f = loadFixture("bluegreen-paused");
    const bgSpec = { ...f.rollout.spec.strategy.blueGreen, autoPromotionEnabled: true, autoPromotionSeconds: 60 };
    const rollout = { ...f.rollout, spec: { ...f.rollout.spec, strategy: { blueGreen: bgSpec } } };
    const view = buildRolloutView({ ...f, rollout }, fixtureNow(f));
    const start = Date.parse(f.rollout.status?.pauseConditions?.[0]?.startTime ?? "");
    expect(view.blueGreen?.autoPromotesAt).toBe(new Date(start + 60_000).toISOString().replace(".000Z", "Z"));
  });

  it("pre- and post-promotion analyses name their templates and the current run", () => {
    const f = loadFixture("bluegreen-paused");
    const bgSpec = { ...f.rollout.spec.strategy.blueGreen, prePromotionAnalysis: { templates: [{ templateName: "smoke" }] }, postPromotionAnalysis: { templates: [{ templateName: "success-rate" }] } };
    const status = { ...f.rollout.status, blueGreen: { ...f.rollout.status?.blueGreen, prePromotionAnalysisRunStatus: { name: "bluegreen-688f75c4bf-2-pre", status: "Running" } } };
    const rollout = { ...f.rollout, spec: { ...f.rollout.spec, strategy: { blueGreen: bgSpec } }, status };
    const bg = buildRolloutView({ ...f, rollout }, fixtureNow(f)).blueGreen;
    expect(bg?.prePromotionAnalysis).toEqual({ templates: ["smoke"], run: "bluegreen-688f75c4bf-2-pre", status: "Running" });
    expect(bg?.postPromotionAnalysis).toEqual({ templates: ["success-rate"], run: null, status: null });
  });
});
