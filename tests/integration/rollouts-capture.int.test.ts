import fs from "node:fs";
import { afterAll, describe, expect, it } from "vitest";
import { KubeError, type KubeObject, type LabKube } from "../../lab/core/kube-client.js";
import { applyObjects, parseManifests, readManifests } from "../../lab/core/manifests.js";
import { scenarioPath } from "../../lab/core/scenarios.js";
import { planAbort, planPromoteAction, planRestart, planRetry, planSetImage, planUndo, type RolloutActionPlan, type RolloutRequest } from "../../lib/rollouts/actions/index.js";
import { isConfirmedAction } from "../../lib/rollouts/actions/action-outcome.js";
import { confirmAction } from "../../lib/rollouts/actions/confirm.js";
import { FIXTURE_EPOCH, normalise, summarizeObjects, uidMap, type FixtureSummary, type RolloutFixture } from "../../lib/rollouts/fixtures/capture.js";
import { fixtureExists, fixtureNow, fixturePath, loadFixture, type FixtureName } from "../../lib/rollouts/fixtures/load.js";
import { buildRolloutView } from "../../lib/rollouts/model/build.js";
import type { RolloutView } from "../../lib/rollouts/model/schema.js";
import { parseAnalysisRun, parseReplicaSet, parseRollout, type AnalysisRunWire, type ReplicaSetWire, type RolloutWire } from "../../lib/rollouts/wire.js";
import { eventually, kubeAs, labState, uniqueNamespace } from "./test-lab.js";

/**
 * Drives Rollouts through their phases against the real Argo Rollouts
 * controller, with the planners' own requests. With MESHDECK_CAPTURE_FIXTURES=1
 * it writes each phase's objects to lib/rollouts/fixtures/<name>.json;
 * otherwise it checks that the live objects still produce the same view
 * (phase, step, weights, revisions, actions) as the fixtures.
 */
const capture = process.env.MESHDECK_CAPTURE_FIXTURES === "1";
const RO = "argoproj.io/v1alpha1";
const kube = kubeAs("admin");
const namespaces: string[] = [];

interface Live {
  rollout: RolloutWire;
  replicaSets: ReplicaSetWire[];
  analysisRuns: AnalysisRunWire[];
  view: RolloutView;
}

async function live(ns: string, name: string): Promise<Live> {
  const rollout = parseRollout(await kube.get(RO, "Rollout", ns, name));
  const replicaSets = (await kube.list("apps/v1", "ReplicaSet", ns)).items.map(parseReplicaSet);
  const analysisRuns = (await kube.list(RO, "AnalysisRun", ns)).items.map(parseAnalysisRun);
  const mine = { rollout, replicaSets, analysisRuns };
  return { ...mine, view: buildRolloutView(mine, Date.now()) };
}

/** Sends a plan's requests as the Argo CLI does: a 404 on one with `onNotFound` sends those instead of it and the rest. */
async function send(k: LabKube, requests: readonly RolloutRequest[]): Promise<void> {
  for (const r of requests) {
    try {
      if (r.verb === "update") await k.json("PUT", await k.pathFor(r.target.apiVersion, r.target.kind, r.target.namespace, r.target.name), r.body);
      else await k.patch(r.target.apiVersion, r.target.kind, r.target.namespace, r.target.name, r.body, r.patchType, r.subresource ?? "");
    } catch (e) {
      if (r.verb === "patch" && r.onNotFound && e instanceof KubeError && e.status === 404) return send(k, r.onNotFound);
      throw e;
    }
  }
}

/**
 * Sends a status action's plan and, as the dashboard does, waits until the
 * controller acted on it (re-sending a promote a stale controller write undid,
 * nudging a controller that missed the change): lib/rollouts/actions/confirm.
 */
async function act(plan: RolloutActionPlan, before: RolloutWire): Promise<void> {
  await send(kube, plan.requests);
  if (!isConfirmedAction(plan.action) || plan.requests.length === 0) return;
  const { followUps } = await confirmAction(
    {
      read: async () => parseRollout(await kube.get(RO, "Rollout", plan.namespace, plan.name)),
      send: (requests) => send(kube, requests),
      isConflict: (e) => e instanceof KubeError && e.status === 409,
      sleep: (ms) => new Promise((r) => setTimeout(r, ms)),
      now: () => Date.now(),
    },
    plan.action,
    before,
  );
  if (followUps > 0) console.log(`[capture] ${plan.action} ${plan.namespace}/${plan.name}: ${followUps} follow-up(s)`);
}

/** Waits until the view of the rollout satisfies `ok`, and the controller's own status.phase agrees with the computed one. */
async function until(ns: string, name: string, what: string, ok: (v: RolloutView, l: Live) => boolean, timeoutMs = 90_000): Promise<Live> {
  return eventually(
    `${ns}/${name}: ${what}`,
    async () => {
      const l = await live(ns, name);
      return ok(l.view, l) ? l : undefined;
    },
    timeoutMs,
    300,
  );
}

async function setImage(ns: string, name: string, container: string, image: string): Promise<void> {
  const l = await live(ns, name);
  await send(kube, planSetImage(l.rollout, container, image).requests);
}

/** Writes the fixture (capture mode) or compares the live summary with the fixture's. */
function checkpoint(name: FixtureName, description: string, l: Live): void {
  const capturedAt = Date.now();
  const liveSummary = summarizeObjects(l, capturedAt);
  // The controller's phase and ours agree on a settled object.
  expect(l.view.phase).toBe(l.rollout.status?.phase);
  if (capture) {
    const ns = l.rollout.metadata.namespace ?? "default";
    const objects = [{ ...l.rollout, kind: "Rollout" }, ...l.replicaSets.map((r) => ({ ...r, kind: "ReplicaSet" })), ...l.analysisRuns.map((a) => ({ ...a, kind: "AnalysisRun" }))];
    const ctx = { namespace: ns, capturedAt, uids: uidMap(objects) };
    const owned = <T extends { metadata: { ownerReferences?: readonly { uid?: string | undefined }[] | undefined } }>(o: T) => (o.metadata.ownerReferences ?? []).some((r) => r.uid === l.rollout.metadata.uid);
    const fixture: RolloutFixture = {
      name,
      description,
      capturedAt: FIXTURE_EPOCH,
      rollout: normalise(l.rollout, ctx),
      replicaSets: l.replicaSets.filter(owned).map((r) => normalise(r, ctx)),
      analysisRuns: l.analysisRuns.filter(owned).map((a) => normalise(a, ctx)),
      expected: liveSummary,
    };
    // Normalising keeps the meaning: the fixture summarises as the live objects do.
    expect(summarizeObjects(fixture, fixtureNow(fixture))).toEqual(liveSummary);
    fs.writeFileSync(fixturePath(name), `${JSON.stringify(fixture, null, 2)}\n`);
    return;
  }
  expect(fixtureExists(name), `fixture ${name} is missing: run with MESHDECK_CAPTURE_FIXTURES=1`).toBe(true);
  const fixture = loadFixture(name);
  const fromFixture: FixtureSummary = summarizeObjects(fixture, fixtureNow(fixture));
  expect(fromFixture).toEqual(fixture.expected);
  expect(liveSummary).toEqual(fromFixture);
}

async function newNamespace(prefix: string): Promise<string> {
  const ns = uniqueNamespace(prefix);
  namespaces.push(ns);
  return ns;
}

afterAll(async () => {
  for (const ns of namespaces) await kube.delete("v1", "Namespace", undefined, ns).catch(() => undefined);
});

const injected = { "istio-injection": "enabled" };
const weightOf = (l: Live) => l.rollout.status?.canary?.weights?.canary?.weight ?? -1;

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

function analysisObjects(prometheusUrl: string): KubeObject[] {
  const template = (name: string, query: string, extra: string) => `
apiVersion: argoproj.io/v1alpha1
kind: AnalysisTemplate
metadata: {name: ${name}}
spec:
  metrics:
  - name: up
    interval: 1s
    ${extra}
    successCondition: result[0] >= 1
    provider:
      prometheus: {address: "${prometheusUrl}", query: "${query}"}
`;
  const rollout = (name: string, replicas: number, steps: string) => `
apiVersion: argoproj.io/v1alpha1
kind: Rollout
metadata: {name: ${name}}
spec:
  replicas: ${replicas}
  revisionHistoryLimit: 3
  selector: {matchLabels: {app: ${name}}}
  strategy:
    canary:
      steps: ${steps}
  template:
    metadata: {labels: {app: ${name}}}
    spec:
      containers:
      - name: app
        image: nginx:1.19-alpine
        resources: {requests: {memory: 16Mi, cpu: 5m}}
`;
  return parseManifests(
    [
      template("always-pass", "vector(1)", "count: 3"),
      template("always-fail", "vector(0)", "count: 2\n    failureLimit: 0"),
      rollout("timed", 4, `[{setWeight: 25}, {pause: {duration: 1h}}, {analysis: {templates: [{templateName: always-pass}]}}, {setWeight: 75}, {pause: {duration: 2}}]`),
      rollout("failing", 2, `[{setWeight: 50}, {analysis: {templates: [{templateName: always-fail}]}}, {pause: {}}]`),
    ].join("\n---\n"),
    "analysis-objects",
  );
}

describe("canary without traffic routing: a timed pause and analysis steps", () => {
  let ns = "";
  const prometheus = () => labState().prometheus?.url;

  it("counts a timed pause down", async () => {
    const url = prometheus();
    expect(url, "the test lab runs Prometheus").toBeTruthy();
    ns = await newNamespace("ro-capture-timed");
    await applyObjects(kube, analysisObjects(url ?? ""), { namespace: ns, forceNamespace: true });
    await until(ns, "timed", "Healthy", (v) => v.phase === "Healthy" && !!v.stableHash);
    await until(ns, "failing", "Healthy", (v) => v.phase === "Healthy" && !!v.stableHash);
    await setImage(ns, "timed", "app", "nginx:1.20-alpine");
    const l = await until(ns, "timed", "Paused at the 1 h pause", (v) => v.phase === "Paused" && v.step?.index === 1 && v.currentStep?.pause?.remainingSeconds !== null);
    const remaining = l.view.currentStep?.pause?.remainingSeconds ?? 0;
    expect(remaining).toBeGreaterThan(3500);
    expect(remaining).toBeLessThanOrEqual(3600);
    checkpoint("timed-pause", "set image: 25 % of the pods on the canary, then paused at a 1 h timed pause (step 1)", l);
  }, 150_000);

  it("runs a passing analysis after promote and completes", async () => {
    const paused = await live(ns, "timed");
    await act(planPromoteAction(paused.rollout, paused.replicaSets, Date.now()), paused.rollout);
    const l = await until(ns, "timed", "Healthy after the analysis", (v) => v.phase === "Healthy" && v.currentHash === v.stableHash && v.analysisRuns.some((a) => a.phase === "Successful"), 120_000);
    const run = l.view.analysisRuns.find((a) => a.phase === "Successful");
    expect(run?.metrics[0]?.measurements.map((m) => m.numericValue)).toEqual([1, 1, 1]);
    checkpoint("analysis-passed", "promote from the timed pause: the analysis step (3 Prometheus measurements) passes, the rollout completes", l);
  }, 150_000);

  it("aborts by itself when the analysis fails", async () => {
    await setImage(ns, "failing", "app", "nginx:1.20-alpine");
    const l = await until(ns, "failing", "Degraded by the failed analysis", (v) => v.phase === "Degraded" && v.aborted && v.actualWeight === 0 && v.analysisRuns.some((a) => a.phase === "Failed"), 120_000);
    checkpoint("analysis-failed", "set image: the analysis step's metric fails (failureLimit 0), Argo aborts the update", l);
  }, 150_000);
});

const blueGreen = `
apiVersion: argoproj.io/v1alpha1
kind: Rollout
metadata: {name: bluegreen}
spec:
  replicas: 1
  revisionHistoryLimit: 3
  selector: {matchLabels: {app: bluegreen}}
  strategy:
    blueGreen: {activeService: bluegreen-active, previewService: bluegreen-preview, autoPromotionEnabled: false}
  template:
    metadata: {labels: {app: bluegreen}}
    spec:
      containers:
      - name: app
        image: nginx:1.19-alpine
        resources: {requests: {memory: 16Mi, cpu: 5m}}
---
apiVersion: v1
kind: Service
metadata: {name: bluegreen-active}
spec: {selector: {app: bluegreen}, ports: [{name: http, port: 80, targetPort: 80}]}
---
apiVersion: v1
kind: Service
metadata: {name: bluegreen-preview}
spec: {selector: {app: bluegreen}, ports: [{name: http, port: 80, targetPort: 80}]}
`;

describe("blue-green with manual promotion", () => {
  let ns = "";
  const name = "bluegreen";

  it("is Healthy after the first deploy", async () => {
    ns = await newNamespace("ro-capture-bg");
    await applyObjects(kube, parseManifests(blueGreen, "bluegreen"), { namespace: ns, forceNamespace: true });
    const l = await until(ns, name, "Healthy", (v) => v.phase === "Healthy" && !!v.stableHash && v.blueGreen?.activeSelector === v.stableHash);
    checkpoint("bluegreen-healthy", "blue-green after its first deploy: revision 1 active", l);
  }, 150_000);

  it("waits for promotion with the new version on preview", async () => {
    await setImage(ns, name, "app", "nginx:1.20-alpine");
    const l = await until(ns, name, "Paused (BlueGreenPause)", (v) => v.phase === "Paused" && v.pause?.reason === "BlueGreenPause" && v.blueGreen?.previewSelector === v.currentHash);
    expect(l.view.promotionPending).toBe(true);
    checkpoint("bluegreen-paused", "set image: revision 2 on the preview Service, paused before promotion (autoPromotionEnabled: false)", l);
  }, 150_000);

  it("switches the active Service after promote", async () => {
    const paused = await live(ns, name);
    const hash = paused.view.currentHash;
    await act(planPromoteAction(paused.rollout, paused.replicaSets, Date.now()), paused.rollout);
    const l = await until(ns, name, "Healthy on revision 2", (v) => v.phase === "Healthy" && v.stableHash === hash && v.blueGreen?.activeSelector === hash);
    checkpoint("bluegreen-promoted", "promote: the active Service selects revision 2, which is now stable", l);
  }, 150_000);
});
