import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { confirmationCounts } from "./confirmation-metrics.js";
import { applyHealthyRollout, endRolloutsTest } from "./rollouts-lab.js";
import { eventually, kubeAs, labState, uniqueNamespace } from "./test-lab.js";
import { demoWorld } from "./worlds/demo.js";
import { rolloutActionResultSchema } from "@/lib/api/rollouts";

// How often a promote's confirmation needs a follow-up write, against the real
// Argo Rollouts controller: in the normal path (the controller running, nobody
// else writing) it needs none; the answer says so and the dashboard's own
// metrics count one confirmation with 0 follow-ups. (The path that needs one is
// rollouts-promote-race.int.test.ts.)

const lab = labState();
process.env.MESHDECK_KUBECONFIG = lab.kubeconfigs.admin;
process.env.MESHDECK_PROMETHEUS_URL = "";
const action = await import("@/app/api/rollouts/[namespace]/[name]/[action]/route");

const admin = kubeAs("admin");
const ns = uniqueNamespace("ro-confirm");
const { canary } = demoWorld;
const NAME = canary.rollout;

interface Ro {
  status?: { phase?: string; currentStepIndex?: number; currentPodHash?: string; pauseConditions?: unknown[] | null };
}
const rollout = () => admin.get<Ro>("argoproj.io/v1alpha1", "Rollout", ns, NAME);
const promote = () =>
  action.POST(new Request(`http://meshdeck.test/api/rollouts/${ns}/${NAME}/promote`, { method: "POST", headers: { "x-meshdeck-csrf": "1", "content-type": "application/json" }, body: "{}" }), {
    params: Promise.resolve({ namespace: ns, name: NAME, action: "promote" }),
  });

beforeAll(() => applyHealthyRollout(ns, canary.manifest(), NAME), 300_000);
afterAll(() => endRolloutsTest([ns]));

describe("promote confirmation: follow-ups", () => {
  it("a paused canary promoted in the normal path needs no follow-up, and the self-metric counts it", async () => {
    await admin.patch("argoproj.io/v1alpha1", "Rollout", ns, NAME, [{ op: "replace", path: "/spec/template/spec/containers/0/image", value: canary.images.next }], "json");
    const paused = await eventually("paused at step 1", async () => {
      const r = await rollout();
      return r.status?.phase === "Paused" && r.status.currentStepIndex === 1 && (r.status.pauseConditions?.length ?? 0) > 0 ? r : undefined;
    }, 120_000);
    const normal = { action: "promote", outcome: "taken", follow_ups: "0" } as const;
    const before = await confirmationCounts();

    const res = await promote();
    expect(res.status, await res.clone().text()).toBe(200);
    const result = rolloutActionResultSchema.parse(await res.json());
    expect(result).toMatchObject({ action: "promote", requests: 1, followUps: 0, confirmation: "taken" });
    expect((await confirmationCounts())(normal)).toBe(before(normal) + 1);

    // The controller took it: past step 1 of the same update.
    await eventually("past the first pause", async () => {
      const r = await rollout();
      return r.status?.currentPodHash === paused.status?.currentPodHash && (r.status?.phase === "Healthy" || (r.status?.currentStepIndex ?? 0) > 1);
    }, 120_000);
  }, 300_000);
});
