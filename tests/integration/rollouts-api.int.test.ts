import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { NextRequest } from "next/server";
import { applyHealthyRollout, endRolloutsTest } from "./rollouts-lab.js";
import { eventually, kubeAs, labState, uniqueNamespace } from "./test-lab.js";
import { demoWorld } from "./worlds/demo.js";
import { rolloutActionResultSchema, rolloutDetailSchema, rolloutListSchema, type RolloutDetail, type RolloutList } from "@/lib/api/rollouts";
import { apiErrorBodySchema } from "@/lib/errors/api-error";

// The Rollouts API against the real Argo Rollouts controller: every write goes
// through the route handlers, every effect is checked on the cluster itself.

const lab = labState();
process.env.MESHDECK_KUBECONFIG = lab.kubeconfigs.admin;
process.env.MESHDECK_PROMETHEUS_URL = lab.prometheus?.url ?? "";
const list = await import("@/app/api/rollouts/route");
const detail = await import("@/app/api/rollouts/[namespace]/[name]/route");
const action = await import("@/app/api/rollouts/[namespace]/[name]/[action]/route");
const image = await import("@/app/api/rollouts/[namespace]/[name]/image/route");
const traffic = await import("@/app/api/rollouts/[namespace]/[name]/traffic/route");

const viewerToken = /token: (\S+)/.exec((await import("node:fs")).readFileSync(lab.kubeconfigs.viewer, "utf8"))?.[1] ?? "";
const CSRF = { "x-meshdeck-csrf": "1", "content-type": "application/json" };
const RO = ["argoproj.io/v1alpha1", "Rollout"] as const;
const admin = kubeAs("admin");
const { canary, subsetCanary } = demoWorld;
const NAME = canary.rollout;
const C = canary.container;

interface Ro {
  metadata: { generation: number };
  spec: { restartAt?: string; template: { spec: { containers: { image: string }[] } } };
  status?: { phase?: string; stableRS?: string; currentPodHash?: string; currentStepIndex?: number; abort?: boolean; restartedAt?: string };
}
interface Vs {
  spec: { http: { name?: string; route: { destination: { host: string; subset?: string }; weight?: number }[] }[] };
}
interface Pod {
  metadata: { name: string; labels: Record<string, string>; creationTimestamp: string; deletionTimestamp?: string };
}

const params = (namespace: string, name: string, extra: Record<string, string> = {}) => ({ params: Promise.resolve({ namespace, name, ...extra }) });

async function getList(query = ""): Promise<RolloutList> {
  const res = await list.GET(new NextRequest(`http://meshdeck.test/api/rollouts${query}`));
  expect(res.status, await res.clone().text()).toBe(200);
  return rolloutListSchema.parse(await res.json());
}

async function getDetail(ns: string, name: string): Promise<RolloutDetail> {
  const res = await detail.GET(new Request(`http://meshdeck.test/api/rollouts/${ns}/${name}`), params(ns, name));
  expect(res.status, await res.clone().text()).toBe(200);
  return rolloutDetailSchema.parse(await res.json());
}

async function post(ns: string, name: string, verb: string, body: unknown = {}, headers: Record<string, string> = {}): Promise<Response> {
  return action.POST(new Request(`http://meshdeck.test/api/rollouts/${ns}/${name}/${verb}`, { method: "POST", headers: { ...CSRF, ...headers }, body: JSON.stringify(body) }), params(ns, name, { action: verb }));
}

async function putImage(ns: string, name: string, body: unknown, headers: Record<string, string> = {}): Promise<Response> {
  return image.PUT(new Request(`http://meshdeck.test/api/rollouts/${ns}/${name}/image`, { method: "PUT", headers: { ...CSRF, ...headers }, body: JSON.stringify(body) }), params(ns, name));
}

async function ok(res: Response) {
  expect(res.status, await res.clone().text()).toBe(200);
  return rolloutActionResultSchema.parse(await res.json());
}

async function refused(res: Response, status: number) {
  expect(res.status, await res.clone().text()).toBe(status);
  return apiErrorBodySchema.parse(await res.json()).error;
}

function harness(ns: string, name: string, vsName: string, keyOf: (d: { host: string; subset?: string }) => string) {
  const rollout = () => admin.get<Ro>(RO[0], RO[1], ns, name);
  const weights = async () => {
    const vs = await admin.get<Vs>("networking.istio.io/v1", "VirtualService", ns, vsName);
    return Object.fromEntries((vs.spec.http[0]?.route ?? []).map((r) => [keyOf(r.destination), r.weight ?? 0]));
  };
  const until = async (what: string, fn: (r: Ro) => boolean, timeout = 90_000) => {
    let last: Ro | undefined;
    try {
      return await eventually(what, async () => {
        last = await rollout();
        return fn(last) ? last : undefined;
      }, timeout);
    } catch (e) {
      throw new Error(`${String(e)}; last status: ${JSON.stringify(last?.status)}`);
    }
  };
  const weightsAre = (stable: number, canary: number) =>
    eventually(`weights ${stable}/${canary}`, async () => {
      const w = await weights();
      return w.stable === stable && w.canary === canary ? w : undefined;
    }, 90_000);
  return { rollout, weights, until, weightsAre };
}

const demoNs = uniqueNamespace("rapi-demo");
const subsetNs = uniqueNamespace("rapi-subset");

beforeAll(async () => {
  await applyHealthyRollout(demoNs, canary.manifest(), NAME);
  await applyHealthyRollout(subsetNs, subsetCanary.manifest(), subsetCanary.rollout);
}, 300_000);

afterAll(() => endRolloutsTest([demoNs, subsetNs]));

describe(`Rollouts API with the real Argo Rollouts controller (host-level canary, ${NAME})`, () => {
  const h = harness(demoNs, NAME, canary.vs, (d) => (d.host.endsWith("-canary") ? "canary" : "stable"));

  it("lists and details the Rollout from the watch cache; promote while Healthy is 409 with the reason", async () => {
    const l = await eventually("listed Healthy", async () => {
      const v = await getList(`?namespace=${demoNs}`);
      return v.items[0]?.phase === "Healthy" ? v : undefined;
    });
    expect(l.items).toHaveLength(1);
    expect(l.items[0]).toMatchObject({ name: NAME, strategy: "canary", routing: "istio-host" });
    expect(l.items[0]?.step?.count).toBe(canary.steps.length);
    expect(l.degraded).toBeNull();
    const d = await getDetail(demoNs, NAME);
    expect(d.rollout.steps.map((s) => s.kind)).toEqual(canary.steps);
    const vs = d.managed.find((m) => m.kind === "VirtualService");
    expect(vs).toMatchObject({ name: canary.vs, locked: true, found: true });
    expect(vs?.lockReason).toMatch(/Argo Rollouts rewrites/);
    expect(d.rollout.revisions[0]?.images).toEqual([canary.images.first]);
    expect(d.pods.length).toBeGreaterThan(0);
    expect(d.rollout.actions.promote.enabled).toBe(false);
    const e = await refused(await post(demoNs, NAME, "promote"), 409);
    expect(e.message).toMatch(/Healthy/);
    await refused(await post(demoNs, NAME, "frobnicate"), 404);
    await refused(await post(demoNs, NAME, "undo", { revision: "two" }), 422);
    await refused(await putImage(demoNs, NAME, { container: C }), 422);
    await refused(await putImage(demoNs, NAME, { container: "nope", image: "x:1" }), 422);
    const noCsrf = await action.POST(new Request(`http://meshdeck.test/api/rollouts/${demoNs}/${NAME}/abort`, { method: "POST" }), params(demoNs, NAME, { action: "abort" }));
    expect(noCsrf.status).toBe(403);
  });

  it(`set image → paused at ${canary.firstWeight} %; the viewer gets 403 and nothing changes; promote past each pause → 100 % new, stable switches`, async () => {
    const before = await h.rollout();
    await ok(await putImage(demoNs, NAME, { container: C, image: canary.images.next }));
    await h.weightsAre(100 - canary.firstWeight, canary.firstWeight);
    const paused = await h.until("paused at step 1", (r) => r.status?.phase === "Paused" && r.status.currentStepIndex === 1);
    expect(paused.status?.currentPodHash).not.toBe(before.status?.stableRS);
    const l = await eventually("pending promotion first", async () => {
      const v = await getList();
      return v.items.find((i) => i.key === `${demoNs}/${NAME}`)?.promotionPending ? v : undefined;
    });
    expect(l.items.find((i) => i.key === `${demoNs}/${NAME}`)).toMatchObject({ phase: "Paused", setWeight: canary.firstWeight, actualWeight: canary.firstWeight });

    process.env.MESHDECK_AUTH_MODE = "bearer";
    try {
      const viewer = { authorization: `Bearer ${viewerToken}` };
      const e = await refused(await post(demoNs, NAME, "promote", {}, viewer), 403);
      expect(e.verb).toBe("patch");
      expect(e.resource).toBe("rollouts.argoproj.io");
      const e2 = await refused(await putImage(demoNs, NAME, { container: C, image: canary.images.third }, viewer), 403);
      expect(e2.verb).toBe("update");
      await refused(await post(demoNs, NAME, "abort", {}, viewer), 403);
    } finally {
      delete process.env.MESHDECK_AUTH_MODE;
    }
    const still = await h.rollout();
    expect(still.metadata.generation).toBe(paused.metadata.generation);
    expect(still.status?.phase).toBe("Paused");
    expect(still.status?.abort).toBeFalsy();

    // One promote per indefinite pause left, each taking the Rollout past it.
    const pauses = canary.steps.filter((k) => k === "pause").length;
    for (let i = 0; i < pauses; i++) {
      const at = (await h.rollout()).status?.currentStepIndex ?? 0;
      const result = await ok(await post(demoNs, NAME, "promote"));
      expect(result).toMatchObject({ action: "promote", requests: 1, eventRecorded: true });
      console.log(`[rollouts-api] promote follow-ups (host-level): ${result.followUps ?? "-"}`);
      await h.until("past the pause", (r) => r.status?.phase === "Healthy" || (r.status?.phase === "Paused" && (r.status.currentStepIndex ?? 0) > at));
    }
    // The audit trail: an Event on the Rollout saying who promoted it.
    const events = await admin.json<{ items: { reason: string; action: string; note: string; reportingController: string; regarding: { kind: string; name: string } }[] }>("GET", `/apis/events.k8s.io/v1/namespaces/${demoNs}/events`);
    const promoted = events.items.filter((e) => e.reason === "MeshdeckRolloutAction" && e.regarding.kind === "Rollout" && e.regarding.name === NAME && e.action === "promote");
    expect(promoted).toHaveLength(pauses);
    expect(promoted[0]?.note).toMatch(/\(by admin via Meshdeck\)$/);
    expect(promoted[0]?.reportingController).toBe("meshdeck.dev/dashboard");
    const done = await h.until("stable is the new hash", (r) => r.status?.stableRS === paused.status?.currentPodHash && r.status?.phase === "Healthy");
    expect(done.spec.template.spec.containers[0]?.image).toBe(canary.images.next);
    await h.weightsAre(100, 0);
    const d = await eventually("detail shows the new image stable", async () => {
      const v = await getDetail(demoNs, NAME);
      return v.rollout.images.stable[0] === canary.images.next ? v : undefined;
    });
    expect(d.rollout.revisions.length).toBeGreaterThanOrEqual(2);
  }, 240_000);

  it(`abort → all traffic back to stable (100/0); retry → resumes at ${canary.firstWeight} %; promote-full → Healthy`, async () => {
    await ok(await putImage(demoNs, NAME, { container: C, image: canary.images.third }));
    await h.until("paused", (r) => r.status?.phase === "Paused");
    await h.weightsAre(100 - canary.firstWeight, canary.firstWeight);
    await ok(await post(demoNs, NAME, "abort"));
    await h.until("aborted", (r) => !!r.status?.abort && r.status.phase === "Degraded");
    await h.weightsAre(100, 0);
    const d = await eventually("detail: retry enabled, promote disabled", async () => {
      const v = await getDetail(demoNs, NAME);
      return v.rollout.aborted ? v : undefined;
    });
    expect(d.rollout.actions.retry.enabled).toBe(true);
    expect(d.rollout.actions.promote.enabled).toBe(false);
    expect((await refused(await post(demoNs, NAME, "abort"), 409)).message).toMatch(/aborted/);
    await ok(await post(demoNs, NAME, "retry"));
    await h.until("resumed and paused again", (r) => !r.status?.abort && r.status?.phase === "Paused");
    await h.weightsAre(100 - canary.firstWeight, canary.firstWeight);
    await ok(await post(demoNs, NAME, "promote", { full: true }));
    const done = await h.until("Healthy on the third image", (r) => r.status?.phase === "Healthy" && r.status.stableRS === r.status.currentPodHash);
    expect(done.spec.template.spec.containers[0]?.image).toBe(canary.images.third);
    await h.weightsAre(100, 0);
  }, 300_000);

  it("restart sets restartAt and replaces the pods", async () => {
    await eventually("detail sees Healthy", async () => ((await getDetail(demoNs, NAME)).rollout.phase === "Healthy" ? true : undefined));
    // The Rollout's pods (of every ReplicaSet: an older one may still hold pods during its scale-down delay).
    const current = async () => (await admin.list<Pod>("v1", "Pod", demoNs)).items.filter((p) => !p.metadata.deletionTimestamp);
    const podsBefore = (await current()).map((p) => p.metadata.name);
    expect(podsBefore.length).toBeGreaterThan(0);
    await ok(await post(demoNs, NAME, "restart"));
    const r = await h.rollout();
    expect(r.spec.restartAt).toBeTruthy();
    // Argo restarts the pods older than restartAt (one at a time) and records restartedAt once all are current.
    await h.until("restartedAt recorded", (x) => !!x.status?.restartedAt && x.status.restartedAt >= (r.spec.restartAt ?? ""), 120_000);
    const after = (await current()).map((p) => p.metadata.name);
    expect(after.length).toBeGreaterThan(0);
    expect(podsBefore.some((name) => !after.includes(name)), `pods before ${podsBefore.join(", ")}, after ${after.join(", ")}`).toBe(true);
  }, 180_000);

  it("undo rolls the template back to the previous revision", async () => {
    await h.until("Healthy", (r) => r.status?.phase === "Healthy");
    await eventually("undo available", async () => ((await getDetail(demoNs, NAME)).rollout.actions.undo.enabled ? true : undefined));
    const result = await ok(await post(demoNs, NAME, "undo"));
    expect(result.requests).toBe(1);
    const r = await h.rollout();
    expect(r.spec.template.spec.containers[0]?.image).toBe(canary.images.next);
    await h.until("rolling back", (x) => x.status?.phase === "Paused" || x.status?.phase === "Progressing" || x.status?.phase === "Healthy");
  }, 120_000);
});

describe(`Rollouts API, subset-level split (${subsetCanary.rollout})`, () => {
  const h = harness(subsetNs, subsetCanary.rollout, subsetCanary.vs, (d) => d.subset ?? "?");

  it(`set image → ${100 - subsetCanary.firstWeight}/${subsetCanary.firstWeight} and paused; abort → 100/0; retry → paused again; promote past each pause → 100 % new`, async () => {
    await ok(await putImage(subsetNs, subsetCanary.rollout, { container: subsetCanary.container, image: subsetCanary.images.next }));
    const paused = await h.until("paused", (r) => r.status?.phase === "Paused");
    await h.weightsAre(100 - subsetCanary.firstWeight, subsetCanary.firstWeight);
    const d = await eventually("detail: DR managed with hashes", async () => {
      const v = await getDetail(subsetNs, subsetCanary.rollout);
      const dr = v.managed.find((m) => m.kind === "DestinationRule");
      return dr?.subsets.find((s) => s.name === "canary")?.labels["rollouts-pod-template-hash"] === paused.status?.currentPodHash ? v : undefined;
    });
    expect(d.rollout.trafficRouting?.kind).toBe("istio-subset");
    expect(d.managed.find((m) => m.kind === "DestinationRule")?.locked).toBe(true);
    await ok(await post(subsetNs, subsetCanary.rollout, "abort"));
    await h.weightsAre(100, 0);
    await ok(await post(subsetNs, subsetCanary.rollout, "retry"));
    await h.weightsAre(100 - subsetCanary.firstWeight, subsetCanary.firstWeight);
    await h.until("paused again", (r) => r.status?.phase === "Paused" && !r.status.abort);
    // One promote per indefinite pause left, each taking the Rollout past it.
    for (let i = 0; i < subsetCanary.steps.filter((k) => k === "pause").length; i++) {
      const at = (await h.rollout()).status?.currentStepIndex ?? 0;
      const promoted = await ok(await post(subsetNs, subsetCanary.rollout, "promote"));
      console.log(`[rollouts-api] promote follow-ups (subset): ${promoted.followUps ?? "-"}`);
      await h.until("past the pause", (r) => r.status?.phase === "Healthy" || (r.status?.phase === "Paused" && (r.status.currentStepIndex ?? 0) > at), 180_000);
    }
    // The controller finishes the promotion in seconds on an idle machine; allow for a loaded CI box.
    const done = await h.until("Healthy on the new hash", (r) => r.status?.phase === "Healthy" && r.status.stableRS === paused.status?.currentPodHash, 180_000);
    expect(done.spec.template.spec.containers[0]?.image).toBe(subsetCanary.images.next);
    await h.weightsAre(100, 0);
  }, 420_000);

  it("serves the live traffic endpoint from Prometheus (one query, typed degrade)", async () => {
    const res = await traffic.GET(new Request(`http://meshdeck.test/api/rollouts/${demoNs}/${NAME}/traffic?window=1m`), params(demoNs, NAME));
    expect(res.status, await res.clone().text()).toBe(200);
    const body = (await res.json()) as { state: string; splitBy: string; versions: { key: string; role: string }[]; query: string | null };
    expect(body.splitBy).toBe("service");
    expect(body.versions.map((v) => v.role)).toEqual(["stable", "canary"]);
    expect(["ok", "error"]).toContain(body.state);
    const bad = await traffic.GET(new Request(`http://meshdeck.test/api/rollouts/${demoNs}/${NAME}/traffic?window=7y`), params(demoNs, NAME));
    expect(bad.status).toBe(400);
  });
});
