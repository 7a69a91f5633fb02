import { describe, expect, it } from "vitest";
import type { KubeObject } from "../../lab/core/kube-client.js";
import { applyObjects, parseManifests } from "../../lab/core/manifests.js";
import { planPromoteAction } from "../../lib/rollouts/actions/index.js";
import { act, checkpoint, deleteNamespacesAfterAll, kube, live, newNamespace, until, setImage } from "./rollouts-capture-support.js";
import { labState } from "./test-lab.js";

/**
 * Rollouts without traffic routing driven through their phases against the
 * real Argo Rollouts controller (fixtures: lib/rollouts/fixtures; the Istio
 * canaries recorded from the walkthroughs are checked by the acceptance suite).
 */
deleteNamespacesAfterAll();

/** A canary Rollout of nginx pods without traffic routing; `analysis` is its background analysis (YAML flow), if any. */
const canaryRollout = (name: string, replicas: number, steps: string, analysis = "") => `
apiVersion: argoproj.io/v1alpha1
kind: Rollout
metadata: {name: ${name}}
spec:
  replicas: ${replicas}
  revisionHistoryLimit: 3
  selector: {matchLabels: {app: ${name}}}
  strategy:
    canary:
      steps: ${steps}${analysis ? `\n      analysis: ${analysis}` : ""}
  template:
    metadata: {labels: {app: ${name}}}
    spec:
      containers:
      - name: app
        image: nginx:1.19-alpine
        resources: {requests: {memory: 16Mi, cpu: 5m}}
`;

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
  return parseManifests(
    [
      template("always-pass", "vector(1)", "count: 3"),
      template("always-fail", "vector(0)", "count: 2\n    failureLimit: 0"),
      canaryRollout("timed", 4, `[{setWeight: 25}, {pause: {duration: 1h}}, {analysis: {templates: [{templateName: always-pass}]}}, {setWeight: 75}, {pause: {duration: 2}}]`),
      canaryRollout("failing", 2, `[{setWeight: 50}, {analysis: {templates: [{templateName: always-fail}]}}, {pause: {}}]`),
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

/** A canary with an experiment step, and one whose background analysis fails one measurement at a time. */
function experimentAndFailingObjects(prometheusUrl: string): KubeObject[] {
  return parseManifests(
    `
apiVersion: argoproj.io/v1alpha1
kind: AnalysisTemplate
metadata: {name: fail-slowly}
spec:
  metrics:
  - name: up
    # After the canary's pods are up: the rollout then waits at its pause while the run fails.
    initialDelay: 5s
    interval: 5s
    count: 6
    failureLimit: 2
    successCondition: result[0] >= 1
    failureCondition: result[0] < 1
    provider:
      prometheus: {address: "${prometheusUrl}", query: "vector(0)"}
---
${canaryRollout("experiment", 2, "[{setWeight: 50}, {experiment: {templates: [{name: preview, specRef: canary, replicas: 1}]}}, {pause: {}}]")}
---
${canaryRollout("background", 2, "[{setWeight: 50}, {pause: {}}]", "{templates: [{templateName: fail-slowly}]}")}
`,
    "experiment-and-failing",
  );
}

describe("canary without traffic routing: an experiment step, a background analysis failing", () => {
  let ns = "";

  it("runs the experiment's template beside the canary", async () => {
    ns = await newNamespace("ro-capture-exp");
    await applyObjects(kube, experimentAndFailingObjects(labState().prometheus?.url ?? ""), { namespace: ns, forceNamespace: true });
    await until(ns, "experiment", "Healthy", (v) => v.phase === "Healthy" && !!v.stableHash);
    await until(ns, "background", "Healthy", (v) => v.phase === "Healthy" && !!v.stableHash);
    await setImage(ns, "experiment", "app", "nginx:1.20-alpine");
    // The template's ReplicaSet is read beside the Experiment's status: wait for both, not just the ready count.
    const l = await until(ns, "experiment", "the experiment Running with its pod ready and its ReplicaSet listed", (v) => v.step?.index === 1 && v.experiments[0]?.phase === "Running" && v.experiments[0].templates[0]?.ready === 1 && !!v.experiments[0].templates[0].replicaSet, 120_000);
    expect(l.view.experiments[0]?.templates[0]?.replicaSet).toBe(`${l.view.experiments[0]?.name}-preview`);
    checkpoint("experiment-running", "set image: 50 % of the pods on the canary, then the experiment step runs template preview (1 pod of the canary's template)", l);
  }, 180_000);

  it("shows the background analysis failing before the controller gives up", async () => {
    await setImage(ns, "background", "app", "nginx:1.20-alpine");
    // failureLimit 2: after the first failed measurement the run stays Running for two more intervals (5 s each).
    const l = await until(ns, "background", "paused, a failed measurement, the run still Running", (v) => v.phase === "Paused" && v.analysisRuns.some((a) => a.phase === "Running" && a.metrics[0]?.failed === 1), 120_000);
    expect(l.view.aborted).toBe(false);
    checkpoint("analysis-failing", "set image: paused at step 1 while the background analysis fails its first measurement (failureLimit 2: the run is still Running)", l);
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
