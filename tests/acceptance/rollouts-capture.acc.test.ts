import { describe, expect, it } from "vitest";
import { applyObjects, readManifests } from "../../lab/core/manifests.js";
import { scenarioPath } from "../../lab/core/scenarios.js";
import { planAbort, planPromoteAction, planRestart, planRetry, planUndo } from "../../lib/rollouts/actions/index.js";
import { act, checkpoint, deleteNamespacesAfterAll, injected, kube, live, newNamespace, send, setImage, until, weightOf } from "../integration/rollouts-capture-support.js";

/**
 * The walkthroughs' Istio canaries (rollouts-demo, istio-subset-split) driven
 * through their phases against the real Argo Rollouts controller, checked
 * against (or, with MESHDECK_CAPTURE_FIXTURES=1, recorded into) lib/rollouts/fixtures.
 */
deleteNamespacesAfterAll();

describe("canary with Istio host-level routing (rollouts-demo)", () => {
  let ns = "";
  const name = "rollouts-demo";
  let yellowHash = "";

  it("is Healthy after the first deploy", async () => {
    ns = await newNamespace("ro-capture-host");
    await applyObjects(kube, readManifests(scenarioPath("seeds/rollouts-demo.yaml")), { namespace: ns, forceNamespace: true, namespaceLabels: injected });
    const l = await until(ns, name, "Healthy", (v) => v.phase === "Healthy" && !!v.stableHash && v.currentHash === v.stableHash);
    checkpoint("canary-healthy", "rollouts-demo after its first deploy: revision 1 stable, all steps done", l);
  }, 150_000);

  it("pauses at step 1 (5 %) after set image", async () => {
    await setImage(ns, name, "rollouts-demo", "argoproj/rollouts-demo:yellow");
    const l = await until(ns, name, "Paused at step 1 with 5 %", (v, x) => v.phase === "Paused" && v.step?.index === 1 && weightOf(x) === 5 && v.promotionPending);
    yellowHash = l.view.currentHash ?? "";
    checkpoint("canary-paused", "set image yellow: 5 % to the canary, paused indefinitely at step 1 (CanaryPauseStep)", l);
  }, 150_000);

  it("is Healthy again after promote", async () => {
    const before = await live(ns, name);
    await act(planPromoteAction(before.rollout, before.replicaSets, Date.now()), before.rollout);
    const l = await until(ns, name, "Healthy on yellow", (v, x) => v.phase === "Healthy" && v.stableHash === yellowHash && weightOf(x) === 0);
    checkpoint("canary-promoted", "promoted: revision 2 (yellow) stable, revision 1 scaled down", l);
  }, 150_000);

  it("is Degraded after abort", async () => {
    await setImage(ns, name, "rollouts-demo", "argoproj/rollouts-demo:green");
    await until(ns, name, "Paused at step 1", (v, x) => v.phase === "Paused" && v.step?.index === 1 && weightOf(x) === 5);
    const paused = await live(ns, name);
    await act(planAbort(paused.rollout, paused.replicaSets, Date.now()), paused.rollout);
    const l = await until(ns, name, "Degraded (aborted), 0 % to the canary", (v, x) => v.phase === "Degraded" && v.aborted && weightOf(x) === 0);
    expect(l.view.message).toMatch(/^RolloutAborted: /);
    checkpoint("canary-aborted", "set image green, then abort: Degraded, all traffic back on stable (yellow)", l);
  }, 150_000);

  it("pauses at step 1 again after retry", async () => {
    const aborted = await live(ns, name);
    await act(planRetry(aborted.rollout, aborted.replicaSets, Date.now()), aborted.rollout);
    const l = await until(ns, name, "Paused at step 1 again", (v, x) => v.phase === "Paused" && !v.aborted && v.step?.index === 1 && weightOf(x) === 5);
    checkpoint("canary-retried", "retry after the abort: the update to green starts over and pauses at step 1", l);
  }, 150_000);

  it("is Healthy on the previous revision after undo", async () => {
    const paused = await live(ns, name);
    const plan = planUndo(paused.rollout, paused.replicaSets);
    expect(plan.requests[0]?.patchType).toBe("json");
    await send(kube, plan.requests);
    const l = await until(ns, name, "Healthy back on yellow", (v) => v.phase === "Healthy" && v.stableHash === yellowHash && v.currentHash === yellowHash);
    expect(l.rollout.spec.template?.spec?.containers?.[0]?.image).toBe("argoproj/rollouts-demo:yellow");
    checkpoint("canary-undone", "undo while paused on green: the template of the previous revision (yellow, the stable one) goes back; Healthy without steps", l);
  }, 150_000);

  it("restarts its pods after restart", async () => {
    const l0 = await live(ns, name);
    const plan = planRestart(l0.rollout, l0.replicaSets, Date.now());
    await send(kube, plan.requests);
    const l = await until(ns, name, "restartedAt = restartAt", (v) => !v.restart.pending && v.restart.restartedAt !== null, 120_000);
    expect(Date.parse(l.rollout.status?.restartedAt ?? "")).toBe(Date.parse(l.rollout.spec.restartAt ?? "x"));
    expect(l.view.actions.restart.enabled).toBe(true);
  }, 150_000);
});

describe("canary with Istio subset-level routing (istio-subset-split)", () => {
  let ns = "";
  const name = "istio-subset-split";

  it("is Healthy after the first deploy", async () => {
    ns = await newNamespace("ro-capture-subset");
    await applyObjects(kube, readManifests(scenarioPath("argo-rollouts-istio/istio-subset-split.yaml")), { namespace: ns, forceNamespace: true, namespaceLabels: injected });
    const l = await until(ns, name, "Healthy", (v) => v.phase === "Healthy" && !!v.stableHash && v.currentHash === v.stableHash);
    checkpoint("subset-healthy", "istio-subset-split after its first deploy", l);
  }, 150_000);

  it("pauses at step 1 (10 %) after set image", async () => {
    await setImage(ns, name, "istio-subset-split", "nginx:1.20-alpine");
    const l = await until(ns, name, "Paused at step 1 with 10 %", (v, x) => v.phase === "Paused" && v.step?.index === 1 && weightOf(x) === 10);
    checkpoint("subset-paused", "set image nginx:1.20-alpine: 10 % to the canary subset, paused at step 1", l);
  }, 150_000);

  it("is Healthy after promote --full", async () => {
    const paused = await live(ns, name);
    const hash = paused.view.currentHash;
    await act(planPromoteAction(paused.rollout, paused.replicaSets, Date.now(), { full: true }), paused.rollout);
    const l = await until(ns, name, "Healthy on the new version", (v, x) => v.phase === "Healthy" && v.stableHash === hash && weightOf(x) === 0);
    checkpoint("subset-promoted-full", "promote --full from the pause: the new version is stable", l);
  }, 150_000);
});

