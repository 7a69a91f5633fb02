import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { applyObjects } from "../../lab/core/manifests.js";
import { readState } from "../../lab/core/state.js";
import { confirmationCounts } from "./confirmation-metrics.js";
import { eventually, kubeAs, labState, testLab, uniqueNamespace } from "./test-lab.js";
import { demoWorld } from "./worlds/demo.js";
import { rolloutActionResultSchema } from "@/lib/api/rollouts";
import { followUpLabel } from "@/lib/rollouts/actions/confirmation-tally";

// A promote through the dashboard must complete even when the Argo controller
// loses it. The two ways it does (a status write computed before the promote
// landing after it; a write-back into its informer hiding the promote's watch
// event) depend on timing; here the lab's real controller is frozen (SIGSTOP)
// while the test plays the stale status write itself, so the outcome is
// deterministic: the dashboard must notice the pause condition coming back and
// send the promote again, and the rollout must finish once the controller runs.

const lab = labState();
process.env.MESHDECK_KUBECONFIG = lab.kubeconfigs.admin;
process.env.MESHDECK_PROMETHEUS_URL = "";
const action = await import("@/app/api/rollouts/[namespace]/[name]/[action]/route");
const { stopClusterCaches } = await import("@/lib/k8s/cache/cluster-cache");
const { resetLiveRuntime } = await import("@/lib/live/runtime");

const RO = ["argoproj.io/v1alpha1", "Rollout"] as const;
const admin = kubeAs("admin");
const ns = uniqueNamespace("promote-race");
const { rollout: NAME, images } = demoWorld.canary;

interface Ro {
  metadata: { resourceVersion: string };
  spec: { template: { spec: { containers: { image: string }[] } } };
  status?: { phase?: string; stableRS?: string; currentPodHash?: string; currentStepIndex?: number; controllerPause?: boolean; pauseConditions?: { reason: string; startTime: string }[] | null };
}

const rollout = () => admin.get<Ro>(RO[0], RO[1], ns, NAME);
const paused = (r: Ro) => (r.status?.pauseConditions?.length ?? 0) > 0;

function controllerPid(): number {
  const pid = readState(testLab.name)?.components["rollouts-controller"]?.pid;
  if (!pid) throw new Error("no pid for the rollouts controller");
  return pid;
}

function promote(): Promise<Response> {
  const req = new Request(`http://meshdeck.test/api/rollouts/${ns}/${NAME}/promote`, { method: "POST", headers: { "x-meshdeck-csrf": "1", "content-type": "application/json" }, body: "{}" });
  return action.POST(req, { params: Promise.resolve({ namespace: ns, name: NAME, action: "promote" }) });
}

beforeAll(async () => {
  await applyObjects(admin, demoWorld.canary.manifest(), { namespace: ns, forceNamespace: true, namespaceLabels: { "istio-injection": "enabled" } });
  await eventually(`${NAME} Healthy`, async () => {
    const r = await rollout();
    return r.status?.phase === "Healthy" && !!r.status.stableRS;
  }, 120_000);
}, 180_000);

afterAll(async () => {
  resetLiveRuntime();
  await stopClusterCaches();
  await admin.delete("v1", "Namespace", undefined, ns).catch(() => undefined);
});

describe("promote through the dashboard while the controller loses it", () => {
  it("re-sends the promote when a stale controller status write puts the pause condition back", async () => {
    await admin.patch(RO[0], RO[1], ns, NAME, [{ op: "replace", path: "/spec/template/spec/containers/0/image", value: images.next }], "json");
    const before = await eventually("paused at step 1", async () => {
      const r = await rollout();
      return r.status?.phase === "Paused" && r.status.currentStepIndex === 1 && paused(r) ? r : undefined;
    }, 120_000);
    const stale = before.status?.pauseConditions ?? [];
    const counted = await confirmationCounts();
    const pid = controllerPid();
    process.kill(pid, "SIGSTOP");
    let resumed = false;
    const resume = () => {
      if (resumed) return;
      resumed = true;
      process.kill(pid, "SIGCONT");
    };
    try {
      const pending = promote();
      // The promote cleared the pause condition; now the "controller" writes the status it computed before it.
      await eventually("the promote cleared the pause condition", async () => !paused(await rollout()), 10_000, 50);
      await admin.patch(RO[0], RO[1], ns, NAME, { status: { pauseConditions: stale.map((c) => ({ ...c, startTime: new Date().toISOString().replace(/\.\d+Z$/, "Z") })), controllerPause: true } }, "merge", "status");
      // The dashboard sees it come back at the same step and sends the promote again.
      await eventually("the promote sent again", async () => !paused(await rollout()), 10_000, 50);
      resume();
      const res = await pending;
      expect(res.status, await res.clone().text()).toBe(200);
      const result = rolloutActionResultSchema.parse(await res.json());
      expect(result).toMatchObject({ action: "promote", requests: 1 });
      expect(result.followUps).toBeGreaterThanOrEqual(1);
      // The dashboard's own metrics count it with its follow-ups, not as a confirmation that needed none.
      const labels = { action: "promote", outcome: result.confirmation ?? "pending", follow_ups: followUpLabel(result.followUps ?? 0) } as const;
      const now = await confirmationCounts();
      expect(now(labels)).toBe(counted(labels) + 1);
      expect(now({ action: "promote", outcome: "taken", follow_ups: "0" })).toBe(counted({ action: "promote", outcome: "taken", follow_ups: "0" }));
    } finally {
      resume();
    }
    // Past the pause: Healthy on the new hash, or (more steps to go) paused at a later step of the same update.
    const done = await eventually("past the first pause", async () => {
      const r = await rollout();
      const healthy = r.status?.phase === "Healthy" && r.status.stableRS === before.status?.currentPodHash;
      const later = r.status?.phase === "Paused" && (r.status.currentStepIndex ?? 0) > 1 && r.status.currentPodHash === before.status?.currentPodHash;
      return healthy || later ? r : undefined;
    }, 120_000);
    expect(done.spec.template.spec.containers[0]?.image).toBe(images.next);
  }, 300_000);
});
