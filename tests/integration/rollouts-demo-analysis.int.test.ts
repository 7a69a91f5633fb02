import { afterAll, describe, expect, it } from "vitest";
import { NextRequest } from "next/server";
import { readMotion } from "../../lab/core/demo-motion.js";
import { retryIfDue } from "../../lab/core/demo-retry.js";
import { endRolloutsTest, rolloutDetailOf } from "./rollouts-lab.js";
import { eventually, kubeAs, labState } from "./test-lab.js";
import { demoAnalysisCanary as A } from "./worlds/demo.js";
import { rolloutListSchema, type RolloutDetail } from "@/lib/api/rollouts";
import { wallAlerts } from "@/lib/wall/alerts";

// The demo world's analysis canary (lab/demo/world/argo-analysis.yaml) as
// the demo motion leaves it: its new version answers 50 % 500s, its background
// analysis — the Argo Rollouts controller querying the lab's Prometheus —
// fails, and the controller aborts the update by itself. Seen through
// Meshdeck's API; then retried as `npm run demo` does, the cycle repeats, and
// the world is left as it was found: aborted.

const lab = labState();
process.env.MESHDECK_KUBECONFIG = lab.kubeconfigs.admin;
const admin = kubeAs("admin");
const KEY = `${A.namespace}/${A.rollout}`;

interface AnalysisRunObject {
  spec: { metrics: { provider: { prometheus?: { address?: string } } }[] };
}

const backgroundRuns = (d: RolloutDetail) => d.rollout.analysisRuns.filter((r) => r.type === "Background");

/** The detail once the controller aborted the canary after a Failed background run other than those in `before`. */
async function abortedByAnalysis(before: ReadonlySet<string> = new Set()): Promise<RolloutDetail> {
  let last: unknown = null;
  try {
    return await eventually(`${KEY} aborted by a failed analysis`, async () => {
      const d = await rolloutDetailOf(A.namespace, A.rollout);
      last = { phase: d.rollout.phase, aborted: d.rollout.aborted, runs: backgroundRuns(d).map((r) => [r.name, r.phase]) };
      const failed = backgroundRuns(d).some((r) => r.phase === "Failed" && !before.has(r.name));
      return d.rollout.aborted && d.rollout.phase === "Degraded" && failed ? d : undefined;
    }, 180_000, 1_000);
  } catch (e) {
    throw new Error(`${String(e)}; last seen ${JSON.stringify(last)}`);
  }
}

async function rolloutList() {
  const list = await import("@/app/api/rollouts/route");
  const res = await list.GET(new NextRequest(`http://meshdeck.test/api/rollouts?namespace=${A.namespace}`, { headers: { host: "localhost" } }));
  expect(res.status, await res.clone().text()).toBe(200);
  return rolloutListSchema.parse(await res.json());
}

afterAll(() => endRolloutsTest([]));

describe("the demo world's analysis canary with the real Argo Rollouts controller and the lab's Prometheus", () => {
  it("is aborted by the controller after its background analysis failed; Meshdeck shows the run and the wall raises its alerts", async () => {
    const d = await abortedByAnalysis();
    expect(d.rollout.images.canary).toEqual([A.image]);
    expect(d.rollout.message).toMatch(/aborted.*analysis/i);
    const run = backgroundRuns(d).find((r) => r.phase === "Failed");
    const metric = run?.metrics[0];
    expect(metric).toMatchObject({ name: A.metric, provider: "prometheus", phase: "Failed", failureCondition: "len(result) > 0 && result[0] < 0.95" });
    expect(run?.message).toMatch(/failed \(\d+\) > failureLimit \(1\)/);
    expect(metric?.failed).toBeGreaterThanOrEqual(2);
    expect(metric?.query).toContain(`destination_service_namespace="${A.namespace}",destination_service_name="${A.services.canary}"`);
    // The controller measured real rates: about half of the canary's answers succeed.
    const values = metric?.measurements.filter((m) => m.phase === "Failed").map((m) => m.numericValue) ?? [];
    expect(values.length).toBeGreaterThanOrEqual(2);
    for (const v of values) {
      expect(v).toBeGreaterThan(0.2);
      expect(v).toBeLessThan(0.8);
    }
    // The address was filled in with this lab's Prometheus when the world was applied.
    const object = await admin.get<AnalysisRunObject>("argoproj.io/v1alpha1", "AnalysisRun", A.namespace, run?.name ?? "");
    expect(object.spec.metrics[0]?.provider.prometheus?.address).toBe(lab.prometheus?.url);
    // The controller took the canary's traffic back.
    expect(d.rollout.weights?.canary.weight).toBe(0);
    const list = await rolloutList();
    const alerts = wallAlerts({ rollouts: list.items, details: new Map([[KEY, d.rollout]]), errors: new Map(), threshold: 0.1, scope: new Set([A.namespace]) });
    expect(alerts.map((a) => a.id)).toEqual([`${KEY}#aborted`, `${KEY}#analysis`]);
    expect(alerts[1]?.title).toBe(`Canary ${KEY}: analysis failed`);
    expect(alerts[1]?.detail).toContain(A.metric);
  });

  it("retried as `npm run demo` does, runs its analysis again and is aborted again", async () => {
    const before = await rolloutDetailOf(A.namespace, A.rollout);
    const seen = new Set(backgroundRuns(before).map((r) => r.name));
    const motion = readMotion().rollouts.find((r) => r.namespace === A.namespace && r.name === A.rollout);
    const after = motion?.retryAfterSeconds;
    expect(after, "lab/demo/motion.yaml retries the analysis canary").toBeGreaterThan(0);
    // An abort first seen `after` seconds ago is due: the demo's loop would retry it now.
    const now = Date.now();
    const aborts = new Map([[KEY, now - (after ?? 0) * 1000]]);
    expect(await retryIfDue(admin, { ...motion!, retryAfterSeconds: after ?? 0 }, aborts, now)).toBe(true);
    // A new background run failed and the controller aborted the update again.
    const d = await abortedByAnalysis(seen);
    expect(backgroundRuns(d).filter((r) => r.phase === "Failed").length).toBeGreaterThanOrEqual(2);
  });
});
