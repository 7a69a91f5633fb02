import { describe, expect, it } from "vitest";
import { fixtureNow, loadFixture, type FixtureName } from "../fixtures/load";
import { podTemplateHash } from "./revisions";
import { buildRolloutView } from "./build";

// Fixtures recorded from the real controller by
// tests/integration/rollouts-scaling.int.test.ts: the counts Meshdeck computes
// (a port of Argo's replica calculation) against the ReplicaSets the
// controller had scaled when each was captured.

function counted(name: FixtureName) {
  const f = loadFixture(name);
  const view = buildRolloutView(f, fixtureNow(f));
  const replicas = (hash: string | null | undefined) => f.replicaSets.find((rs) => podTemplateHash(rs) === hash)?.spec.replicas;
  return { f, view, onServer: { canary: replicas(view.currentHash), stable: replicas(view.stableHash) } };
}

describe("scaling on objects captured from the controller", () => {
  it("setCanaryScale replicas 1 at weight 25: the computed counts are the ReplicaSets' counts (1 canary, stable kept at 4)", () => {
    const { view, onServer } = counted("scaling-canary-scale");
    expect(view.scaling.desired).toEqual({ canary: 1, stable: 4 });
    expect(onServer).toEqual(view.scaling.desired);
    expect(view.scaling.canaryScale).toEqual({ replicas: 1, weight: null });
    expect(view.steps.find((s) => s.state === "current")?.kind).toBe("pause");
  });

  it("matchTrafficWeight at 75 with dynamicStableScale: canary 3 and stable 1, as the controller scaled them", () => {
    const { view, onServer } = counted("scaling-dynamic");
    expect(view.scaling).toMatchObject({ dynamicStableScale: true, canaryScale: null, desired: { canary: 3, stable: 1 } });
    expect(onServer).toEqual(view.scaling.desired);
  });

  it("after an abort with abortScaleDownDelaySeconds 600: the deadline is the one on the canary ReplicaSet", () => {
    const { f, view } = counted("scaling-aborted");
    const canary = f.replicaSets.find((rs) => podTemplateHash(rs) === view.currentHash);
    const deadline = canary?.metadata.annotations?.["scale-down-deadline"];
    expect(deadline).toBeTruthy();
    expect(view.aborted).toBe(true);
    expect(view.scaling).toMatchObject({ abortScaleDownDelaySeconds: 600, abortScaleDownAt: deadline });
    expect(view.revisions.find((r) => r.podTemplateHash === view.currentHash)?.scaleDownDeadline).toBe(deadline);
  });
});
