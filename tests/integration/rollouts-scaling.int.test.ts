import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { KubeObject } from "../../lab/core/kube-client.js";
import { checkpoint, live } from "./rollouts-capture-support.js";
import { applyHealthyRollout, endRolloutsTest, rolloutAction, rolloutDetailOf } from "./rollouts-lab.js";
import { eventually, kubeAs, labState, uniqueNamespace } from "./test-lab.js";
import type { RolloutDetail } from "@/lib/api/rollouts";

// Revisions and scaling as GET /api/rollouts/{ns}/{name} shows them, against
// what the real Argo Rollouts controller does: a workloadRef Rollout through an
// update, setCanaryScale and dynamicStableScale steps (Meshdeck's computed
// replica counts and the ReplicaSets' counts on the API server), and an abort
// with abortScaleDownDelaySeconds (the canary's scale-down deadline).

const lab = labState();
process.env.MESHDECK_KUBECONFIG = lab.kubeconfigs.admin;

const RO = ["argoproj.io/v1alpha1", "Rollout"] as const;
const admin = kubeAs("admin");
const ns = uniqueNamespace("ro-scaling");

interface Rs {
  metadata: { name: string; labels?: Record<string, string>; annotations?: Record<string, string>; ownerReferences?: { kind: string; name: string }[] };
  spec: { replicas?: number };
  status?: { readyReplicas?: number };
}
interface Ro {
  status?: { phase?: string; stableRS?: string; currentPodHash?: string; currentStepIndex?: number; pauseConditions?: unknown[]; abort?: boolean };
}
interface Pod {
  metadata: { name: string; deletionTimestamp?: string; ownerReferences?: { kind: string; name: string }[] };
}

const rollout = (name: string) => admin.get<Ro>(RO[0], RO[1], ns, name);

/** The Rollout's ReplicaSets on the API server, by pod-template hash. */
async function replicaSetsOf(name: string): Promise<Map<string, Rs>> {
  const { items } = await admin.list<Rs>("apps/v1", "ReplicaSet", ns);
  const own = items.filter((rs) => rs.metadata.ownerReferences?.some((o) => o.kind === "Rollout" && o.name === name));
  return new Map(own.map((rs) => [rs.metadata.labels?.["rollouts-pod-template-hash"] ?? "", rs]));
}

async function pausedAt(name: string, step: number): Promise<void> {
  await eventually(`${name} paused at step ${step}`, async () => {
    const r = await rollout(name);
    return r.status?.currentStepIndex === step && (r.status.pauseConditions?.length ?? 0) > 0;
  }, 120_000);
}

/** Meshdeck's view once its revisions show `hash` with `replicas` desired (the cache has caught up). */
async function detailWhen(name: string, what: string, ok: (d: RolloutDetail) => boolean): Promise<RolloutDetail> {
  return eventually(`${name}: ${what}`, async () => {
    const d = await rolloutDetailOf(ns, name);
    return ok(d) ? d : undefined;
  }, 60_000);
}

/** `<app>-stable` and `<app>-canary`, selecting the Rollout's pods (Argo adds the hash). */
function services(app: string): KubeObject[] {
  return ["stable", "canary"].map((role) => ({ apiVersion: "v1", kind: "Service", metadata: { name: `${app}-${role}` }, spec: { selector: { app }, ports: [{ name: "http", port: 80, targetPort: 8080 }] } }));
}

function virtualService(name: string, stable: string, canary: string): KubeObject {
  return {
    apiVersion: "networking.istio.io/v1",
    kind: "VirtualService",
    metadata: { name },
    spec: { hosts: [stable], http: [{ name: "primary", route: [{ destination: { host: stable }, weight: 100 }, { destination: { host: canary }, weight: 0 }] }] },
  };
}

function routedRollout(name: string, replicas: number, canary: Record<string, unknown>): KubeObject {
  return {
    apiVersion: RO[0],
    kind: RO[1],
    metadata: { name },
    spec: {
      replicas,
      selector: { matchLabels: { app: name } },
      template: { metadata: { labels: { app: name } }, spec: { containers: [{ name: "web", image: "web:1" }] } },
      strategy: {
        canary: {
          stableService: `${name}-stable`,
          canaryService: `${name}-canary`,
          trafficRouting: { istio: { virtualService: { name, routes: ["primary"] } } },
          ...canary,
        },
      },
    },
  };
}

const setImage = (name: string, image: string) => admin.patch(RO[0], RO[1], ns, name, { spec: { template: { spec: { containers: [{ name: "web", image }] } } } });

afterAll(() => endRolloutsTest([ns]));

describe("workloadRef: a Deployment as the template source, through an update", () => {
  const NAME = "wl";
  const deployment = (image: string): KubeObject => ({
    apiVersion: "apps/v1",
    kind: "Deployment",
    metadata: { name: "wl-source" },
    spec: { replicas: 1, selector: { matchLabels: { app: NAME } }, template: { metadata: { labels: { app: NAME } }, spec: { containers: [{ name: "web", image }] } } },
  });
  const ro: KubeObject = {
    apiVersion: RO[0],
    kind: RO[1],
    metadata: { name: NAME },
    spec: {
      replicas: 2,
      selector: { matchLabels: { app: NAME } },
      workloadRef: { apiVersion: "apps/v1", kind: "Deployment", name: "wl-source", scaleDown: "onsuccess" },
      strategy: { canary: { maxSurge: 1, maxUnavailable: 0, steps: [{ setWeight: 50 }, { pause: {} }] } },
    },
  };

  beforeAll(async () => {
    await applyHealthyRollout(ns, [deployment("web:1"), ro], NAME);
  }, 180_000);

  it("shows the Deployment, its scale-down mode and its template; Argo scales it down on success", async () => {
    await eventually("wl-source scaled to 0", async () => (await admin.get<{ spec: { replicas: number } }>("apps/v1", "Deployment", ns, "wl-source")).spec.replicas === 0, 120_000);
    const d = await detailWhen(NAME, "workload scaled down", (x) => x.rollout.scaling.workloadRef?.replicas === 0);
    expect(d.rollout.scaling.workloadRef).toEqual({ apiVersion: "apps/v1", kind: "Deployment", name: "wl-source", scaleDown: "onsuccess", found: true, replicas: 0, ready: 0, images: ["web:1"] });
    expect(d.rollout.containers).toEqual([{ name: "web", image: "web:1", init: false }]);
    expect(d.rollout.scaling).toMatchObject({ maxSurge: { configured: 1, replicas: 1, defaulted: false }, maxUnavailable: { configured: 0, replicas: 0, defaulted: false } });
    const stable = d.rollout.revisions.find((r) => r.roles.includes("stable"));
    expect(stable?.images).toEqual(["web:1"]);
    // The pods as they run: the app's container and the sidecar the namespace injects.
    expect(stable?.pods.map((p) => [p.ready, p.images[0], p.images.length])).toEqual([
      [true, "web:1", 2],
      [true, "web:1", 2],
    ]);
  });

  it("an update of the Deployment's template is a new canary revision, with its pods, then promoted", async () => {
    await admin.patch("apps/v1", "Deployment", ns, "wl-source", { spec: { template: { spec: { containers: [{ name: "web", image: "web:2" }] } } } });
    await pausedAt(NAME, 1);
    const onServer = await replicaSetsOf(NAME);
    const r = await rollout(NAME);
    const canaryRS = onServer.get(r.status?.currentPodHash ?? "");
    const d = await detailWhen(NAME, "canary revision ready", (x) => x.rollout.revisions.some((v) => v.roles.includes("canary") && v.pods.filter((p) => p.ready).length === (canaryRS?.spec.replicas ?? -1)));
    const canary = d.rollout.revisions.find((v) => v.roles.includes("canary"));
    expect(canary?.name).toBe(canaryRS?.metadata.name);
    expect(canary?.images).toEqual(["web:2"]);
    expect(d.rollout.containers.map((c) => c.image)).toEqual(["web:2"]);
    // Basic canary at 50 % of 2 with maxSurge 1: Argo's approximation, as the controller scaled it.
    expect(d.rollout.scaling.desired).toEqual({ canary: canaryRS?.spec.replicas, stable: onServer.get(r.status?.stableRS ?? "")?.spec.replicas });
    const { items: pods } = await admin.list<Pod>("v1", "Pod", ns);
    expect(canary?.pods.map((p) => p.name).sort()).toEqual(pods.filter((p) => !p.metadata.deletionTimestamp && p.metadata.ownerReferences?.some((o) => o.name === canaryRS?.metadata.name)).map((p) => p.metadata.name).sort());

    await rolloutAction(ns, NAME, "promote");
    await eventually("wl Healthy on web:2", async () => {
      const x = await rollout(NAME);
      return x.status?.phase === "Healthy" && x.status.stableRS === x.status.currentPodHash && x.status.stableRS === r.status?.currentPodHash;
    }, 120_000);
    const after = await detailWhen(NAME, "stable is web:2", (x) => x.rollout.revisions[0]?.roles.includes("stable") === true);
    expect(after.rollout.revisions.map((v) => [v.images, v.roles])).toEqual([
      [["web:2"], ["stable"]],
      [["web:1"], ["older"]],
    ]);
  });
});

describe("setCanaryScale and dynamicStableScale: the counts Argo computes, as the controller scales", () => {
  const NAME = "dyn";
  const steps = [{ setCanaryScale: { replicas: 1 } }, { setWeight: 25 }, { pause: {} }, { setCanaryScale: { matchTrafficWeight: true } }, { setWeight: 75 }, { pause: {} }];

  beforeAll(async () => {
    await applyHealthyRollout(ns, [...services(NAME), virtualService(NAME, `${NAME}-stable`, `${NAME}-canary`), routedRollout(NAME, 4, { dynamicStableScale: true, steps })], NAME);
  }, 180_000);

  /** Meshdeck's desired counts and revisions against the ReplicaSets on the API server once they settle at `expected`. */
  async function countsAt(expected: { canary: number; stable: number }): Promise<void> {
    const r = await rollout(NAME);
    await eventually(`ReplicaSets at ${JSON.stringify(expected)}`, async () => {
      const rs = await replicaSetsOf(NAME);
      return rs.get(r.status?.currentPodHash ?? "")?.spec.replicas === expected.canary && rs.get(r.status?.stableRS ?? "")?.spec.replicas === expected.stable;
    }, 120_000);
    const onServer = await replicaSetsOf(NAME);
    const d = await detailWhen(NAME, "revisions at the server's counts", (x) => x.rollout.revisions.every((v) => onServer.get(v.podTemplateHash ?? "")?.spec.replicas === v.desired));
    expect(d.rollout.scaling.desired).toEqual(expected);
    expect(d.rollout.scaling.dynamicStableScale).toBe(true);
  }

  it("at setCanaryScale replicas 1 and weight 25: one canary, the stable kept at 4", async () => {
    await setImage(NAME, "web:2");
    await pausedAt(NAME, 2);
    await countsAt({ canary: 1, stable: 4 });
    const d = await rolloutDetailOf(ns, NAME);
    expect(d.rollout.scaling.canaryScale).toEqual({ replicas: 1, weight: null });
    expect(d.rollout.steps.slice(0, 4).map((s) => [s.kind, s.state, s.canaryScale])).toEqual([
      ["setCanaryScale", "done", { replicas: 1, weight: null, matchTrafficWeight: false }],
      ["setWeight", "done", null],
      ["pause", "current", null],
      ["setCanaryScale", "pending", { replicas: null, weight: null, matchTrafficWeight: true }],
    ]);
    checkpoint("scaling-canary-scale", "setCanaryScale replicas 1, setWeight 25, paused: one canary pod while the stable keeps 4 (dynamicStableScale)", await live(ns, NAME));
  });

  it("after matchTrafficWeight and weight 75: the canary follows the weight, the stable scales down with its traffic", async () => {
    await rolloutAction(ns, NAME, "promote");
    await pausedAt(NAME, 5);
    await countsAt({ canary: 3, stable: 1 });
    const d = await rolloutDetailOf(ns, NAME);
    expect(d.rollout.scaling.canaryScale).toBeNull();
    const stable = d.rollout.revisions.find((v) => v.roles.includes("stable"));
    await eventually("stable pods down to 1", async () => (await rolloutDetailOf(ns, NAME)).rollout.revisions.find((v) => v.roles.includes("stable"))?.pods.filter((p) => !p.terminating).length === 1, 60_000);
    expect(stable?.desired).toBe(1);
    checkpoint("scaling-dynamic", "setCanaryScale matchTrafficWeight, setWeight 75, paused: the canary at 3 of 4, the stable scaled down to 1 (dynamicStableScale)", await live(ns, NAME));
  });
});

describe("abort with abortScaleDownDelaySeconds: the canary's scale-down deadline", () => {
  const NAME = "abrt";

  beforeAll(async () => {
    const canary = { abortScaleDownDelaySeconds: 600, steps: [{ setWeight: 50 }, { pause: {} }] };
    await applyHealthyRollout(ns, [...services(NAME), virtualService(NAME, `${NAME}-stable`, `${NAME}-canary`), routedRollout(NAME, 2, canary)], NAME);
  }, 180_000);

  it("shows the delay before, and the deadline Argo sets on the canary after the abort", async () => {
    await setImage(NAME, "web:2");
    await pausedAt(NAME, 1);
    const before = await rolloutDetailOf(ns, NAME);
    expect(before.rollout.scaling).toMatchObject({ abortScaleDownDelaySeconds: 600, abortScaleDownDelayDefaulted: false, abortScaleDownAt: null });
    const hash = (await rollout(NAME)).status?.currentPodHash ?? "";

    await rolloutAction(ns, NAME, "abort");
    const deadline = await eventually("scale-down-deadline on the canary", async () => (await replicaSetsOf(NAME)).get(hash)?.metadata.annotations?.["scale-down-deadline"], 120_000);
    const d = await detailWhen(NAME, "deadline shown", (x) => x.rollout.scaling.abortScaleDownAt !== null);
    expect(d.rollout.aborted).toBe(true);
    expect(d.rollout.scaling.abortScaleDownAt).toBe(deadline);
    const canary = d.rollout.revisions.find((v) => v.podTemplateHash === hash);
    expect(canary?.scaleDownDeadline).toBe(deadline);
    expect(canary?.roles).toEqual(["canary"]);
    // Argo sets it abortScaleDownDelaySeconds from the moment it scales the stable back (at or after the abort).
    expect(Date.parse(deadline) - Date.parse(d.rollout.abortedAt ?? "")).toBeGreaterThanOrEqual(600_000);
    checkpoint("scaling-aborted", "abort with abortScaleDownDelaySeconds 600: the canary ReplicaSet keeps its pods until its scale-down deadline", await live(ns, NAME));
  });
});
