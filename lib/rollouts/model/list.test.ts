import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { FIXTURE_NAMES, fixtureNow, loadFixture } from "../fixtures/load";
import type { AnalysisRunWire, ReplicaSetWire, RolloutWire } from "../wire";
import { buildRolloutViews, filterRollouts, rolloutCounts, rolloutRank, sortRollouts } from "./list";
import type { RolloutView } from "./schema";

const fixtures = FIXTURE_NAMES.map(loadFixture);
const NOW = fixtureNow(fixtures[0]!);

/** The fixtures copied into `copies` namespaces each, with uids and pause times varied. */
function snapshot(copies: number): { rollouts: RolloutWire[]; replicaSets: ReplicaSetWire[]; analysisRuns: AnalysisRunWire[] } {
  const rollouts: RolloutWire[] = [];
  const replicaSets: ReplicaSetWire[] = [];
  const analysisRuns: AnalysisRunWire[] = [];
  for (let i = 0; i < copies; i++) {
    fixtures.forEach((f, j) => {
      const ns = `ns-${i}`;
      const uid = `${ns}-${j}`;
      const name = `${f.rollout.metadata.name}-${j}`;
      const own = <T extends ReplicaSetWire | AnalysisRunWire>(o: T): T => ({ ...o, metadata: { ...o.metadata, namespace: ns, ownerReferences: [{ apiVersion: "argoproj.io/v1alpha1", kind: "Rollout", name, uid, controller: true }] } });
      const status = f.rollout.status ? { ...f.rollout.status, pauseConditions: f.rollout.status.pauseConditions?.map((c) => ({ ...c, startTime: new Date(NOW - ((i * 7 + j) % 50) * 60_000).toISOString() })) } : f.rollout.status;
      rollouts.push({ ...f.rollout, metadata: { ...f.rollout.metadata, namespace: ns, name, uid }, status });
      replicaSets.push(...f.replicaSets.map(own));
      analysisRuns.push(...f.analysisRuns.map(own));
    });
  }
  return { rollouts, replicaSets, analysisRuns };
}

describe("buildRolloutViews", () => {
  it("gives each Rollout exactly its own ReplicaSets and AnalysisRuns", () => {
    const views = buildRolloutViews(snapshot(2), NOW);
    expect(views).toHaveLength(2 * fixtures.length);
    for (const v of views) {
      const f = fixtures[Number(v.name.split("-").at(-1))]!;
      expect(v.revisions).toHaveLength(f.replicaSets.length);
      expect(v.analysisRuns).toHaveLength(f.analysisRuns.length);
    }
  });

  it("orders pending promotions first (longest waiting first), then Degraded, Progressing, Paused, Healthy", () => {
    const views = buildRolloutViews(snapshot(3), NOW);
    const ranks = views.map(rolloutRank);
    expect(ranks).toEqual([...ranks].sort((a, b) => a - b));
    const pending = views.filter((v) => v.promotionPending).map((v) => Date.parse(v.pause?.since ?? ""));
    expect(pending).toEqual([...pending].sort((a, b) => a - b));
    expect(views[0]?.promotionPending).toBe(true);
    expect(views.at(-1)?.phase).toBe("Healthy");
  });

  it("builds 1,000 Rollouts (3,000 ReplicaSets) fast", () => {
    // CPU time, not wall time: the machine running the tests may be busy.
    const cpuMs = (fn: () => void) => {
      const t = process.cpuUsage();
      fn();
      const d = process.cpuUsage(t);
      return (d.user + d.system) / 1000;
    };
    const snap = snapshot(Math.ceil(1000 / fixtures.length));
    let views: RolloutView[] = [];
    const build = cpuMs(() => (views = buildRolloutViews(snap, NOW)));
    expect(views.length).toBeGreaterThanOrEqual(1000);
    expect(build).toBeLessThan(1500);
    const filter = cpuMs(() => {
      filterRollouts(views, { text: "yellow" });
      filterRollouts(views, { text: "demo yellow", namespaces: ["ns-1", "ns-2"] });
    });
    expect(filter).toBeLessThan(300);
  });
});

describe("filterRollouts", () => {
  const views = buildRolloutViews(snapshot(2), NOW);

  it("by namespace, phase, pending promotion and text in name or image", () => {
    expect(filterRollouts(views, { namespaces: ["ns-1"] }).every((v) => v.namespace === "ns-1")).toBe(true);
    const degraded = filterRollouts(views, { phases: ["Degraded"] });
    // The aborted fixtures (canary, analysis-failed, scaling), in each of the 2 copies.
    expect(degraded.map((v) => v.phase)).toEqual(Array(6).fill("Degraded"));
    expect(new Set(degraded.map((v) => v.name.replace(/-\d+$/, "")))).toEqual(new Set(views.filter((v) => v.phase === "Degraded").map((v) => v.name.replace(/-\d+$/, ""))));
    expect(filterRollouts(views, { promotionPending: true }).length).toBe(rolloutCounts(views).promotionPending);
    expect(filterRollouts(views, { text: "BLUEGREEN" }).every((v) => v.name.startsWith("bluegreen"))).toBe(true);
    // An image of any revision matches: rollouts-demo ran green only in the aborted/retried/undone fixtures.
    expect(new Set(filterRollouts(views, { text: "rollouts-demo:green" }).map((v) => v.name.replace(/-\d+$/, "")))).toEqual(new Set(["rollouts-demo"]));
    expect(filterRollouts(views, { text: "ns-0 subset 1.20" }).every((v) => v.namespace === "ns-0" && v.name.startsWith("istio-subset-split"))).toBe(true);
    expect(filterRollouts(views, {})).toHaveLength(views.length);
  });

  it("counts phases", () => {
    const c = rolloutCounts(views);
    expect(c.Healthy + c.Paused + c.Degraded + c.Progressing).toBe(views.length);
  });
});

describe("sortRollouts", () => {
  const phases = ["Healthy", "Progressing", "Paused", "Degraded"] as const;
  const arb = fc.array(
    fc.record({ phase: fc.constantFrom(...phases), pending: fc.boolean(), since: fc.option(fc.integer({ min: 0, max: 1e6 })), ns: fc.constantFrom("a", "b"), name: fc.string({ maxLength: 3 }) }),
    { maxLength: 40 },
  );
  it("is a stable permutation with ranks ascending", () => {
    fc.assert(
      fc.property(arb, (items) => {
        const views = items.map((x) => ({ phase: x.phase, promotionPending: x.pending, pause: x.since === null ? null : { since: new Date(x.since * 1000).toISOString() }, namespace: x.ns, name: x.name }) as unknown as RolloutView);
        const sorted = sortRollouts(views);
        if (sorted.length !== views.length || !views.every((v) => sorted.includes(v))) return false;
        for (let i = 1; i < sorted.length; i++) if (rolloutRank(sorted[i - 1]!) > rolloutRank(sorted[i]!)) return false;
        return true;
      }),
    );
  });
});
