import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { applyObjects } from "../../lab/core/manifests.js";
import { KubeError } from "../../lab/core/kube-client.js";
import { confirmAction } from "../../lib/rollouts/actions/confirm.js";
import { planPromote, type RolloutForPromote } from "../../lib/rollouts/promote.js";
import { parseRollout } from "../../lib/rollouts/wire.js";
import { eventually, kubeAs, uniqueNamespace } from "./test-lab.js";
import { demoWorld } from "./worlds/demo.js";

interface Rollout extends RolloutForPromote {
  spec: RolloutForPromote["spec"] & { template: { spec: { containers: { image: string }[] } } };
  status?: RolloutForPromote["status"] & { phase?: string; stableRS?: string; currentPodHash?: string };
}
interface Vs {
  spec: { http: { name?: string; route: { destination: { host: string }; weight?: number }[] }[] };
}
interface Svc {
  spec: { selector: Record<string, string> };
}
interface Pod {
  metadata: { labels: Record<string, string> };
  spec: { containers: { name: string; image: string }[] };
  status: { conditions?: { type: string; status: string }[] };
}

const RO = ["argoproj.io/v1alpha1", "Rollout"] as const;
const { rollout: name, container, vs: vsName, route, services, images, firstWeight } = demoWorld.canary;

/** The demo world's host-level canary against the real Argo Rollouts controller, in a namespace of its own. */
describe(`${name} with the real Argo Rollouts controller`, () => {
  const ns = uniqueNamespace("rollouts-demo");
  const kube = kubeAs("admin");
  const rollout = () => kube.get<Rollout>(RO[0], RO[1], ns, name);
  const weights = async () => {
    const vs = await kube.get<Vs>("networking.istio.io/v1", "VirtualService", ns, vsName);
    const primary = vs.spec.http.find((h) => h.name === route);
    return Object.fromEntries((primary?.route ?? []).map((r) => [r.destination.host, r.weight ?? 0]));
  };

  beforeAll(async () => {
    await applyObjects(kube, demoWorld.canary.manifest(), { namespace: ns, forceNamespace: true, namespaceLabels: { "istio-injection": "enabled" } });
    await eventually(`${name} Healthy`, async () => {
      const r = await rollout();
      return r.status?.phase === "Healthy" && !!r.status.stableRS;
    }, 90_000);
  }, 120_000);

  afterAll(async () => {
    await kube.delete("v1", "Namespace", undefined, ns);
  });

  it(`sets the canary to ${firstWeight} % and pauses after the image changes`, async () => {
    const before = await rollout();
    await kube.patch(RO[0], RO[1], ns, name, [{ op: "replace", path: "/spec/template/spec/containers/0/image", value: images.next }], "json");
    await eventually(`route ${route} at ${100 - firstWeight}/${firstWeight}`, async () => {
      const w = await weights();
      return w[services.stable] === 100 - firstWeight && w[services.canary] === firstWeight;
    }, 60_000);
    const paused = await eventually("rollout paused at step 1", async () => {
      const r = await rollout();
      return r.status?.phase === "Paused" && (r.status.pauseConditions?.length ?? 0) > 0 ? r : undefined;
    }, 60_000);
    expect(paused.status?.currentStepIndex).toBe(1);
    expect(paused.status?.currentPodHash).not.toBe(before.status?.stableRS);
  }, 150_000);

  /** Sends what `kubectl argo rollouts promote` sends, then confirms with the controller as the dashboard does. */
  async function promoteAsTheCli(r: Rollout): Promise<string> {
    expect(planPromote(r).statusPatch).toEqual({ status: { pauseConditions: null } });
    // A stale controller status write can undo the promote, or the controller can
    // miss its watch event (lib/rollouts/actions/confirm): both are followed up, bounded.
    const plan = planPromote(r);
    try {
      await kube.patch(RO[0], RO[1], ns, name, plan.statusPatch, "merge", "status");
    } catch (e) {
      if (!(e instanceof KubeError && e.status === 404)) throw e;
      await kube.patch(RO[0], RO[1], ns, name, plan.unifiedPatch, "merge");
    }
    if (plan.specPatch) await kube.patch(RO[0], RO[1], ns, name, plan.specPatch, "merge");
    const { outcome } = await confirmAction(
      {
        read: async () => parseRollout(await rollout()),
        send: async (requests) => {
          for (const q of requests) if (q.verb === "patch") await kube.patch(q.target.apiVersion, q.target.kind, q.target.namespace, q.target.name, q.body, q.patchType, q.subresource ?? "");
        },
        isConflict: (e) => e instanceof KubeError && e.status === 409,
        sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
        now: () => Date.now(),
      },
      "promote",
      parseRollout(r),
      { totalMs: 30_000 },
    );
    return outcome;
  }

  it("completes after the patch `kubectl argo rollouts promote` sends, once per indefinite pause", async () => {
    const r = await rollout();
    const pauses = demoWorld.canary.steps.filter((k) => k === "pause").length;
    let current = r;
    for (let i = 0; i < pauses && current.status?.phase === "Paused"; i++) {
      const step = current.status.currentStepIndex ?? 0;
      expect(await promoteAsTheCli(current)).toBe("taken");
      current = await eventually("past the pause", async () => {
        const now = await rollout();
        return now.status?.phase === "Healthy" || (now.status?.phase === "Paused" && (now.status.currentStepIndex ?? 0) > step) ? now : undefined;
      }, 120_000);
    }
    const newHash = r.status?.currentPodHash;
    const done = await eventually("stableRS is the new pod hash", async () => {
      const now = await rollout();
      return now.status?.stableRS === newHash && now.status?.phase === "Healthy" ? now : undefined;
    }, 120_000);
    expect(done.spec.template.spec.containers[0]?.image).toBe(images.next);
    await eventually(`route ${route} back at 100/0`, async () => {
      const w = await weights();
      return w[services.stable] === 100 && w[services.canary] === 0;
    }, 60_000);
    const stable = await kube.get<Svc>("v1", "Service", ns, services.stable);
    expect(stable.spec.selector["rollouts-pod-template-hash"]).toBe(newHash);
    const pods = await eventually("only new pods selected by stable", async () => {
      const list = (await kube.list<Pod>("v1", "Pod", ns)).items.filter((p) => p.metadata.labels["rollouts-pod-template-hash"] === newHash);
      return list.length > 0 && list.every((p) => p.status.conditions?.some((c) => c.type === "Ready" && c.status === "True")) ? list : undefined;
    });
    for (const p of pods) expect(p.spec.containers.find((c) => c.name === container)?.image).toBe(images.next);
  }, 180_000);
});
