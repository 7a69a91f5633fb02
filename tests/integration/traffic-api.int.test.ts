import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { NextRequest } from "next/server";
import { adminKube } from "../../lab/core/control.js";
import { applyObjects } from "../../lab/core/manifests.js";
import { applyScenarioFiles, baseScenario, scenarioNamespaces } from "../../lab/core/scenarios.js";
import { waitWorkloadsReady } from "../../lab/core/workloads.js";
import { eventually, kubeAs, labState } from "./test-lab.js";
import { readSse, type SseMessage } from "@/lib/live/sse-reader";
import { trafficViewSchema, type TrafficView } from "@/lib/api/traffic";

const lab = labState();
process.env.MESHDECK_KUBECONFIG = lab.kubeconfigs.admin;
process.env.MESHDECK_PROMETHEUS_URL = lab.prometheus?.url ?? "";
const { GET } = await import("@/app/api/traffic/route");
const stream = await import("@/app/api/stream/route");
const { cacheStats } = await import("@/lib/k8s/cache/stats");
const { prometheusStats } = await import("@/lib/metrics/stats");
const { meshComputations } = await import("@/lib/mesh/traffic-model");
const { stopClusterCaches } = await import("@/lib/k8s/cache/cluster-cache");
const { resetLiveRuntime } = await import("@/lib/live/runtime");

async function traffic(query = "", headers: Record<string, string> = {}): Promise<TrafficView> {
  const res = await GET(new NextRequest(`http://meshdeck.test/api/traffic${query}`, { headers }));
  expect(res.status, await res.clone().text()).toBe(200);
  return trafficViewSchema.parse(await res.json());
}

const vs = (view: TrafficView, ns: string, name: string) => {
  const found = view.virtualServices.find((v) => v.namespace === ns && v.name === name);
  if (!found) throw new Error(`no VirtualService ${ns}/${name}`);
  return found;
};

beforeAll(async () => {
  await applyScenarioFiles(adminKube(lab), baseScenario);
  await waitWorkloadsReady(adminKube(lab), scenarioNamespaces);
}, 120_000);

afterAll(async () => {
  resetLiveRuntime();
  await stopClusterCaches();
  delete process.env.MESHDECK_AUTH_MODE;
});

describe("GET /api/traffic on the lab's walkthroughs", () => {
  it("shows each split with its destinations resolved to services, subsets and ready pods with sidecars", async () => {
    const view = await eventually("the walkthroughs in the model", async () => {
      const v = await traffic();
      return v.virtualServices.some((x) => x.name === "foobar") && v.virtualServices.some((x) => x.name === "reviews") ? v : undefined;
    });
    const helm = vs(view, "default", "exciting-lemur-sample-gateway").http[0];
    expect(helm?.destinations.map((d) => [d.host.service?.name, d.share])).toEqual([
      ["foolish-penguin-sample", 0.5],
      ["peeking-rabbit-sample", 0.5],
    ]);
    const rio = vs(view, "default-265db573", "foobar").http[0];
    expect(rio?.destinations.map((d) => [d.subset?.name, d.share, d.backends?.ready, d.backends?.withSidecar])).toEqual([
      ["latest", 0.7, 3, 3],
      ["v2", 0.3, 1, 1],
    ]);
    const reviews = vs(view, "bookinfo", "reviews").http[0];
    expect(reviews?.destinations.map((d) => [d.subset?.name, d.share, d.backends?.workloads.map((w) => w.name)])).toEqual([
      ["v1", 0.8, ["reviews-v1"]],
      ["v2", 0.2, ["reviews-v2"]],
    ]);
    const bg = vs(view, "sample-ns", "nginx");
    expect(bg.http[0]?.testRoute).toBe(true);
    expect(bg.http[0]?.destinations[0]?.subset?.name).toBe("green");
    const argo = vs(view, "argo-apl", "rollouts-demo-vsvc");
    expect(argo.owner.kind).toBe("argo-rollouts");
    expect(argo.owner.weightsLocked).toBe(true);
    expect(vs(view, "default", "exciting-lemur-sample-gateway").owner.weightsLocked).toBe(false);
    // Other tests leave objects of their own behind; the walkthroughs must be clean.
    expect(view.validations.filter((v) => v.severity === "error" && scenarioNamespaces.includes(v.object.namespace))).toEqual([]);
    expect(view.namespaces.find((n) => n.name === "bookinfo")).toMatchObject({ injection: "enabled", podsWithoutSidecar: 0 });
  });

  it("reports a broken route as a validation, and drops it when fixed", async () => {
    const admin = kubeAs("admin");
    await admin.patch("networking.istio.io/v1", "VirtualService", "default-265db573", "foobar", [{ op: "replace", path: "/spec/http/0/route/1/destination/subset", value: "v3" }], "json");
    try {
      const found = await eventually("subset-not-found validation", async () => (await traffic("?namespace=default-265db573")).validations.find((v) => v.code === "VS_SUBSET_NOT_FOUND"));
      expect(found.severity).toBe("error");
      expect(found.path).toBe("spec.http[0].route[1].destination.subset");
    } finally {
      await applyScenarioFiles(adminKube(lab), baseScenario.filter((s) => s.namespace === "default-265db573"));
    }
    await eventually("validation gone", async () => !(await traffic("?namespace=default-265db573")).validations.some((v) => v.code === "VS_SUBSET_NOT_FOUND"));
  });

  it("puts the observed split next to the configured one, within tolerance once traffic flows", async () => {
    const view = await eventually(
      "observed splits with enough traffic",
      async () => {
        const v = await traffic("?window=1m");
        if (v.observed.status !== "ok") return undefined;
        const get = (ns: string, name: string) => v.observed.status === "ok" ? v.observed.routes.find((r) => r.object.namespace === ns && r.object.name === name) : undefined;
        const helm = get("default", "exciting-lemur-sample-gateway");
        const rio = get("default-265db573", "foobar");
        const reviews = get("bookinfo", "reviews");
        // Earlier tests may have moved weights: wait for windows that saw only the current config.
        const settled = [helm, rio, reviews].every((r) => r?.drift.enoughTraffic && !r.drift.drifting);
        return settled && helm && rio && reviews ? { helm, rio, reviews } : undefined;
      },
      150_000,
      2000,
    );
    for (const route of [view.helm, view.rio, view.reviews]) {
      expect(route.drift.drifting, JSON.stringify(route.drift)).toBe(false);
      for (const d of route.drift.destinations) expect(Math.abs((d.observedShare ?? 0) - d.configuredShare)).toBeLessThan(0.15);
    }
    expect(view.reviews.drift.lagSeconds).toBeGreaterThanOrEqual(60);
  }, 180_000);

  it("serves a viewer only what RBAC lets them list", async () => {
    const admin = kubeAs("admin");
    const user = "meshdeck-test-sample-ns-reader";
    await applyObjects(admin, [
      { apiVersion: "rbac.authorization.k8s.io/v1", kind: "RoleBinding", metadata: { name: "test-sample-ns-reader", namespace: "sample-ns" }, roleRef: { apiGroup: "rbac.authorization.k8s.io", kind: "ClusterRole", name: "view" }, subjects: [{ apiGroup: "rbac.authorization.k8s.io", kind: "User", name: user }] },
    ]);
    process.env.MESHDECK_AUTH_MODE = "proxy";
    try {
      const view = await traffic("", { "x-forwarded-user": user });
      expect(view.virtualServices.map((v) => `${v.namespace}/${v.name}`)).toEqual(["sample-ns/nginx"]);
      const everything = JSON.stringify(view);
      for (const ns of ["bookinfo", "argo-apl", "default-265db573"]) expect(everything).not.toContain(`"${ns}"`);
      expect(view.degraded.map((d) => d.kind)).toContain("namespaces");
    } finally {
      delete process.env.MESHDECK_AUTH_MODE;
    }
  });
});

describe("live push of traffic changes", () => {
  it("20 SSE clients get a change within 1 s; their refetches share one model computation and one Prometheus query; no watches added", async () => {
    await traffic();
    const before = { cache: cacheStats(), prom: prometheusStats(), models: meshComputations() };
    const clients = await Promise.all(
      Array.from({ length: 20 }, async () => {
        const abort = new AbortController();
        const res = await stream.GET(new Request("http://meshdeck.test/api/stream?topics=traffic", { signal: abort.signal }));
        const got: { m: SseMessage; at: number }[] = [];
        const done = res.body ? readSse(res.body, (m) => got.push({ m, at: performance.now() }), abort.signal).catch(() => undefined) : Promise.resolve();
        return { abort, got, done };
      }),
    );
    await new Promise((r) => setTimeout(r, 500));
    const t0 = performance.now();
    await kubeAs("admin").patch("networking.istio.io/v1", "VirtualService", "sample-ns", "nginx", { metadata: { labels: { "meshdeck-test": String(Date.now()) } } });
    for (const c of clients) {
      const ev = await eventually("traffic event", async () => c.got.find((g) => g.m.event === "traffic" && g.at > t0 && JSON.parse(g.m.data).namespaces.includes("sample-ns")), 5_000, 20);
      expect(ev.at - t0).toBeLessThan(1000);
    }
    // Every browser refetches on the event, at once, as the UI does.
    const views = await Promise.all(clients.map(() => traffic("?window=1m")));
    expect(new Set(views.map((v) => v.revision)).size).toBe(1);
    const after = { cache: cacheStats(), prom: prometheusStats(), models: meshComputations() };
    expect(after.cache.watchesOpened).toBe(before.cache.watchesOpened);
    expect(after.cache.lists).toBe(before.cache.lists);
    expect(after.models - before.models).toBeLessThanOrEqual(1);
    expect(after.prom.byKind.instant - before.prom.byKind.instant).toBeLessThanOrEqual(1);
    for (const c of clients) c.abort.abort();
    await Promise.all(clients.map((c) => c.done));
  });
});
