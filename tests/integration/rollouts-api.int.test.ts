import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { NextRequest } from "next/server";
import { applyHealthyRollout, endRolloutsTest } from "./rollouts-lab.js";
import { eventually, kubeAs, labState, uniqueNamespace } from "./test-lab.js";
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
  await applyHealthyRollout(demoNs, "seeds/rollouts-demo.yaml", "rollouts-demo");
  await applyHealthyRollout(subsetNs, "argo-rollouts-istio/istio-subset-split.yaml", "istio-subset-split");
}, 300_000);

afterAll(() => endRolloutsTest([demoNs, subsetNs]));

describe("Rollouts API with the real Argo Rollouts controller (host-level canary, rollouts-demo)", () => {
  const h = harness(demoNs, "rollouts-demo", "rollouts-demo-vsvc", (d) => (d.host.endsWith("-canary") ? "canary" : "stable"));

  it("lists and details the Rollout from the watch cache; promote while Healthy is 409 with the reason", async () => {
    const l = await eventually("listed Healthy", async () => {
      const v = await getList(`?namespace=${demoNs}`);
      return v.items[0]?.phase === "Healthy" ? v : undefined;
    });
    expect(l.items).toHaveLength(1);
    expect(l.items[0]).toMatchObject({ name: "rollouts-demo", strategy: "canary", routing: "istio-host", });
    expect(l.items[0]?.step?.count).toBe(2);
    expect(l.degraded).toBeNull();
    const d = await getDetail(demoNs, "rollouts-demo");
    expect(d.rollout.steps.map((s) => s.kind)).toEqual(["setWeight", "pause"]);
    const vs = d.managed.find((m) => m.kind === "VirtualService");
    expect(vs).toMatchObject({ name: "rollouts-demo-vsvc", locked: true, found: true });
    expect(vs?.lockReason).toMatch(/Argo Rollouts rewrites/);
    expect(d.rollout.revisions[0]?.images).toEqual(["argoproj/rollouts-demo:blue"]);
    expect(d.pods.length).toBeGreaterThan(0);
    expect(d.rollout.actions.promote.enabled).toBe(false);
    const e = await refused(await post(demoNs, "rollouts-demo", "promote"), 409);
    expect(e.message).toMatch(/Healthy/);
    await refused(await post(demoNs, "rollouts-demo", "frobnicate"), 404);
    await refused(await post(demoNs, "rollouts-demo", "undo", { revision: "two" }), 422);
    await refused(await putImage(demoNs, "rollouts-demo", { container: "rollouts-demo" }), 422);
    await refused(await putImage(demoNs, "rollouts-demo", { container: "nope", image: "x:1" }), 422);
    const noCsrf = await action.POST(new Request(`http://meshdeck.test/api/rollouts/${demoNs}/rollouts-demo/abort`, { method: "POST" }), params(demoNs, "rollouts-demo", { action: "abort" }));
    expect(noCsrf.status).toBe(403);
  });

  it("set image yellow → paused at 5 %; the viewer gets 403 and nothing changes; promote → 100 % yellow, stable switches", async () => {
    const before = await h.rollout();
    await ok(await putImage(demoNs, "rollouts-demo", { container: "rollouts-demo", image: "argoproj/rollouts-demo:yellow" }));
    await h.weightsAre(95, 5);
    const paused = await h.until("paused at step 1", (r) => r.status?.phase === "Paused" && r.status.currentStepIndex === 1);
    expect(paused.status?.currentPodHash).not.toBe(before.status?.stableRS);
    const l = await eventually("pending promotion first", async () => {
      const v = await getList();
      return v.items[0]?.key === `${demoNs}/rollouts-demo` && v.items[0].promotionPending ? v : undefined;
    });
    expect(l.items[0]).toMatchObject({ phase: "Paused", setWeight: 5, actualWeight: 5 });

    process.env.MESHDECK_AUTH_MODE = "bearer";
    try {
      const viewer = { authorization: `Bearer ${viewerToken}` };
      const e = await refused(await post(demoNs, "rollouts-demo", "promote", {}, viewer), 403);
      expect(e.verb).toBe("patch");
      expect(e.resource).toBe("rollouts.argoproj.io");
      const e2 = await refused(await putImage(demoNs, "rollouts-demo", { container: "rollouts-demo", image: "argoproj/rollouts-demo:red" }, viewer), 403);
      expect(e2.verb).toBe("update");
      await refused(await post(demoNs, "rollouts-demo", "abort", {}, viewer), 403);
    } finally {
      delete process.env.MESHDECK_AUTH_MODE;
    }
    const still = await h.rollout();
    expect(still.metadata.generation).toBe(paused.metadata.generation);
    expect(still.status?.phase).toBe("Paused");
    expect(still.status?.abort).toBeFalsy();

    const result = await ok(await post(demoNs, "rollouts-demo", "promote"));
    expect(result).toMatchObject({ action: "promote", requests: 1, eventRecorded: true });
    console.log(`[rollouts-api] promote follow-ups (demo): ${result.followUps ?? "-"}`);
    // The audit trail: an Event on the Rollout saying who promoted it.
    const events = await admin.json<{ items: { reason: string; action: string; note: string; reportingController: string; regarding: { kind: string; name: string } }[] }>("GET", `/apis/events.k8s.io/v1/namespaces/${demoNs}/events`);
    const promoted = events.items.filter((e) => e.reason === "MeshdeckRolloutAction" && e.regarding.kind === "Rollout" && e.regarding.name === "rollouts-demo" && e.action === "promote");
    expect(promoted).toHaveLength(1);
    expect(promoted[0]?.note).toMatch(/\(by admin via Meshdeck\)$/);
    expect(promoted[0]?.reportingController).toBe("meshdeck.dev/dashboard");
    const done = await h.until("stable is the yellow hash", (r) => r.status?.stableRS === paused.status?.currentPodHash && r.status?.phase === "Healthy");
    expect(done.spec.template.spec.containers[0]?.image).toBe("argoproj/rollouts-demo:yellow");
    await h.weightsAre(100, 0);
    const d = await eventually("detail shows yellow stable", async () => {
      const v = await getDetail(demoNs, "rollouts-demo");
      return v.rollout.images.stable[0] === "argoproj/rollouts-demo:yellow" ? v : undefined;
    });
    expect(d.rollout.revisions.length).toBeGreaterThanOrEqual(2);
  }, 240_000);

  it("abort → all traffic back to stable (100/0); retry → resumes at 5 %; promote-full → Healthy", async () => {
    await ok(await putImage(demoNs, "rollouts-demo", { container: "rollouts-demo", image: "argoproj/rollouts-demo:red" }));
    await h.until("paused", (r) => r.status?.phase === "Paused");
    await h.weightsAre(95, 5);
    await ok(await post(demoNs, "rollouts-demo", "abort"));
    await h.until("aborted", (r) => !!r.status?.abort && r.status.phase === "Degraded");
    await h.weightsAre(100, 0);
    const d = await eventually("detail: retry enabled, promote disabled", async () => {
      const v = await getDetail(demoNs, "rollouts-demo");
      return v.rollout.aborted ? v : undefined;
    });
    expect(d.rollout.actions.retry.enabled).toBe(true);
    expect(d.rollout.actions.promote.enabled).toBe(false);
    expect((await refused(await post(demoNs, "rollouts-demo", "abort"), 409)).message).toMatch(/aborted/);
    await ok(await post(demoNs, "rollouts-demo", "retry"));
    await h.until("resumed and paused again", (r) => !r.status?.abort && r.status?.phase === "Paused");
    await h.weightsAre(95, 5);
    await ok(await post(demoNs, "rollouts-demo", "promote", { full: true }));
    const done = await h.until("Healthy on red", (r) => r.status?.phase === "Healthy" && r.status.stableRS === r.status.currentPodHash);
    expect(done.spec.template.spec.containers[0]?.image).toBe("argoproj/rollouts-demo:red");
    await h.weightsAre(100, 0);
  }, 300_000);

  it("restart sets restartAt and replaces the pods", async () => {
    await eventually("detail sees Healthy", async () => ((await getDetail(demoNs, "rollouts-demo")).rollout.phase === "Healthy" ? true : undefined));
    const podsBefore = (await admin.list<Pod>("v1", "Pod", demoNs)).items.map((p) => p.metadata.name);
    await ok(await post(demoNs, "rollouts-demo", "restart"));
    const r = await h.rollout();
    expect(r.spec.restartAt).toBeTruthy();
    await eventually("pods replaced", async () => {
      const pods = (await admin.list<Pod>("v1", "Pod", demoNs)).items.filter((p) => !p.metadata.deletionTimestamp);
      return pods.length > 0 && pods.every((p) => !podsBefore.includes(p.metadata.name)) ? pods : undefined;
    }, 120_000);
    await h.until("restartedAt recorded", (x) => !!x.status?.restartedAt, 60_000);
  }, 180_000);

  it("undo rolls the template back to the previous revision (yellow)", async () => {
    await h.until("Healthy", (r) => r.status?.phase === "Healthy");
    await eventually("undo available", async () => ((await getDetail(demoNs, "rollouts-demo")).rollout.actions.undo.enabled ? true : undefined));
    const result = await ok(await post(demoNs, "rollouts-demo", "undo"));
    expect(result.requests).toBe(1);
    const r = await h.rollout();
    expect(r.spec.template.spec.containers[0]?.image).toBe("argoproj/rollouts-demo:yellow");
    await h.until("rolling to yellow", (x) => x.status?.phase === "Paused" || x.status?.phase === "Progressing" || x.status?.phase === "Healthy");
  }, 120_000);
});

describe("Rollouts API, subset-level split (istio-subset-split)", () => {
  const h = harness(subsetNs, "istio-subset-split", "istio-subset-split-vsvc", (d) => d.subset ?? "?");

  it("set image → 90/10 and paused; abort → 100/0; retry → 90/10; promote → 100 % new, DR subsets on the new hash", async () => {
    await ok(await putImage(subsetNs, "istio-subset-split", { container: "istio-subset-split", image: "nginx:1.20-alpine" }));
    const paused = await h.until("paused", (r) => r.status?.phase === "Paused");
    await h.weightsAre(90, 10);
    const d = await eventually("detail: DR managed with hashes", async () => {
      const v = await getDetail(subsetNs, "istio-subset-split");
      const dr = v.managed.find((m) => m.kind === "DestinationRule");
      return dr?.subsets.find((s) => s.name === "canary")?.labels["rollouts-pod-template-hash"] === paused.status?.currentPodHash ? v : undefined;
    });
    expect(d.rollout.trafficRouting?.kind).toBe("istio-subset");
    expect(d.managed.find((m) => m.kind === "DestinationRule")?.locked).toBe(true);
    await ok(await post(subsetNs, "istio-subset-split", "abort"));
    await h.weightsAre(100, 0);
    await ok(await post(subsetNs, "istio-subset-split", "retry"));
    await h.weightsAre(90, 10);
    await h.until("paused again", (r) => r.status?.phase === "Paused" && !r.status.abort);
    const promoted = await ok(await post(subsetNs, "istio-subset-split", "promote"));
    console.log(`[rollouts-api] promote follow-ups (subset): ${promoted.followUps ?? "-"}`);
    // The controller finishes the promotion in seconds on an idle machine; allow for a loaded CI box.
    const done = await h.until("Healthy on the new hash", (r) => r.status?.phase === "Healthy" && r.status.stableRS === paused.status?.currentPodHash, 180_000);
    expect(done.spec.template.spec.containers[0]?.image).toBe("nginx:1.20-alpine");
    await h.weightsAre(100, 0);
  }, 420_000);

  it("serves the live traffic endpoint from Prometheus (one query, typed degrade)", async () => {
    const res = await traffic.GET(new Request(`http://meshdeck.test/api/rollouts/${demoNs}/rollouts-demo/traffic?window=1m`), params(demoNs, "rollouts-demo"));
    expect(res.status, await res.clone().text()).toBe(200);
    const body = (await res.json()) as { state: string; splitBy: string; versions: { key: string; role: string }[]; query: string | null };
    expect(body.splitBy).toBe("service");
    expect(body.versions.map((v) => v.role)).toEqual(["stable", "canary"]);
    expect(["ok", "error"]).toContain(body.state);
    const bad = await traffic.GET(new Request(`http://meshdeck.test/api/rollouts/${demoNs}/rollouts-demo/traffic?window=7y`), params(demoNs, "rollouts-demo"));
    expect(bad.status).toBe(400);
  });
});
