import fs from "node:fs";
import { afterAll, expect } from "vitest";
import { sendAndConfirm, sendRolloutRequests } from "../../lab/core/rollout-requests.js";
import { planSetImage, type RolloutActionPlan } from "../../lib/rollouts/actions/index.js";
import { FIXTURE_EPOCH, normalise, summarizeObjects, uidMap, type FixtureSummary, type RolloutFixture } from "../../lib/rollouts/fixtures/capture.js";
import { fixtureExists, fixtureNow, fixturePath, loadFixture, type FixtureName } from "../../lib/rollouts/fixtures/load.js";
import { buildRolloutView } from "../../lib/rollouts/model/build.js";
import type { RolloutView } from "../../lib/rollouts/model/schema.js";
import { experimentWire, parseAnalysisRun, parseReplicaSet, parseRollout, type AnalysisRunWire, type ExperimentWire, type ReplicaSetWire, type RolloutWire } from "../../lib/rollouts/wire.js";
import { eventually, kubeAs, uniqueNamespace } from "./test-lab.js";

/**
 * Support for the capture tests, which drive Rollouts through their phases
 * against the real Argo Rollouts controller, with the planners' own requests. With MESHDECK_CAPTURE_FIXTURES=1
 * it writes each phase's objects to lib/rollouts/fixtures/<name>.json;
 * otherwise it checks that the live objects still produce the same view
 * (phase, step, weights, revisions, actions) as the fixtures.
 */
const capture = process.env.MESHDECK_CAPTURE_FIXTURES === "1";
const RO = "argoproj.io/v1alpha1";
export const kube = kubeAs("admin");
const namespaces: string[] = [];

export interface Live {
  rollout: RolloutWire;
  replicaSets: ReplicaSetWire[];
  analysisRuns: AnalysisRunWire[];
  experiments: ExperimentWire[];
  experimentReplicaSets: ReplicaSetWire[];
  view: RolloutView;
}

type Owned = { metadata: { ownerReferences?: readonly { kind: string; uid?: string | undefined }[] | undefined } };
const ownedBy = (kind: string, uids: ReadonlySet<string | undefined>) => (o: Owned) => (o.metadata.ownerReferences ?? []).some((r) => r.kind === kind && uids.has(r.uid));

export async function live(ns: string, name: string): Promise<Live> {
  const rollout = parseRollout(await kube.get(RO, "Rollout", ns, name));
  const all = (await kube.list("apps/v1", "ReplicaSet", ns)).items.map(parseReplicaSet);
  const analysisRuns = (await kube.list(RO, "AnalysisRun", ns)).items.map(parseAnalysisRun);
  const experiments = (await kube.list(RO, "Experiment", ns)).items.map((e) => experimentWire.parse(e)).filter(ownedBy("Rollout", new Set([rollout.metadata.uid])));
  const experimentReplicaSets = all.filter(ownedBy("Experiment", new Set(experiments.map((e) => e.metadata.uid))));
  const mine = { rollout, replicaSets: all.filter((rs) => !experimentReplicaSets.includes(rs)), analysisRuns, experiments, experimentReplicaSets };
  return { ...mine, view: buildRolloutView(mine, Date.now()) };
}

/** Sends a plan's requests as the Argo CLI does (lab/core/rollout-requests). */
export const send = sendRolloutRequests;

/** Sends a plan and confirms a status action with the controller (lab/core/rollout-requests). */
export async function act(plan: RolloutActionPlan, before: RolloutWire): Promise<void> {
  const followUps = await sendAndConfirm(kube, plan, before);
  if (followUps > 0) console.log(`[capture] ${plan.action} ${plan.namespace}/${plan.name}: ${followUps} follow-up(s)`);
}

/** Waits until the view of the rollout satisfies `ok`, and the controller's own status.phase agrees with the computed one. */
export async function until(ns: string, name: string, what: string, ok: (v: RolloutView, l: Live) => boolean, timeoutMs = 90_000): Promise<Live> {
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

export async function setImage(ns: string, name: string, container: string, image: string): Promise<void> {
  const l = await live(ns, name);
  await send(kube, planSetImage(l.rollout, container, image).requests);
}

/** Writes the fixture (capture mode) or compares the live summary with the fixture's. */
export function checkpoint(name: FixtureName, description: string, l: Live): void {
  const capturedAt = Date.now();
  const liveSummary = summarizeObjects(l, capturedAt);
  // The controller's phase and ours agree on a settled object.
  expect(l.view.phase).toBe(l.rollout.status?.phase);
  if (capture) {
    const ns = l.rollout.metadata.namespace ?? "default";
    const objects = [
      { ...l.rollout, kind: "Rollout" },
      ...[...l.replicaSets, ...l.experimentReplicaSets].map((r) => ({ ...r, kind: "ReplicaSet" })),
      ...l.analysisRuns.map((a) => ({ ...a, kind: "AnalysisRun" })),
      ...l.experiments.map((e) => ({ ...e, kind: "Experiment" })),
    ];
    const ctx = { namespace: ns, capturedAt, uids: uidMap(objects) };
    const owned = <T extends { metadata: { ownerReferences?: readonly { uid?: string | undefined }[] | undefined } }>(o: T) => (o.metadata.ownerReferences ?? []).some((r) => r.uid === l.rollout.metadata.uid);
    const fixture: RolloutFixture = {
      name,
      description,
      capturedAt: FIXTURE_EPOCH,
      rollout: normalise(l.rollout, ctx),
      replicaSets: l.replicaSets.filter(owned).map((r) => normalise(r, ctx)),
      analysisRuns: l.analysisRuns.filter(owned).map((a) => normalise(a, ctx)),
      experiments: l.experiments.map((e) => normalise(e, ctx)),
      experimentReplicaSets: l.experimentReplicaSets.map((r) => normalise(r, ctx)),
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

/** A fresh namespace, deleted after the calling file (see deleteNamespacesAfterAll). */
export async function newNamespace(prefix: string): Promise<string> {
  const ns = uniqueNamespace(prefix);
  namespaces.push(ns);
  return ns;
}

/** Deletes the namespaces newNamespace made, once the calling file's tests are done. */
export function deleteNamespacesAfterAll(): void {
  afterAll(async () => {
    for (const ns of namespaces) await kube.delete("v1", "Namespace", undefined, ns).catch(() => undefined);
  });
}

export const injected = { "istio-injection": "enabled" };
export const weightOf = (l: Live) => l.rollout.status?.canary?.weights?.canary?.weight ?? -1;
