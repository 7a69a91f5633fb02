import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { applyObjects } from "../../lab/core/manifests.js";
import { eventually, kubeAs } from "./test-lab.js";
import { readSse, type SseMessage } from "@/lib/live/sse-reader";
import { trafficModelSuite } from "./suites/traffic-model.js";
import { trafficApi } from "./traffic-api-client.js";
import { demoWorld } from "./worlds/demo.js";

const { traffic } = await trafficApi();
const stream = await import("@/app/api/stream/route");
const { cacheStats } = await import("@/lib/k8s/cache/stats");
const { prometheusStats } = await import("@/lib/metrics/stats");
const { meshComputations } = await import("@/lib/mesh/traffic-model");
const { stopClusterCaches } = await import("@/lib/k8s/cache/cluster-cache");
const { resetLiveRuntime } = await import("@/lib/live/runtime");
const { staged, blueGreen } = demoWorld;

// Whatever ran before: the routing the model checks judge is the demo world's (a no-op when it is).
beforeAll(async () => {
  for (const ns of [demoWorld.hostSplit.namespace, staged.namespace, demoWorld.shop.namespace, blueGreen.namespace]) await demoWorld.restore(kubeAs("admin"), ns);
});

afterAll(async () => {
  resetLiveRuntime();
  await stopClusterCaches();
  delete process.env.MESHDECK_AUTH_MODE;
});

trafficModelSuite(demoWorld, traffic);

describe("GET /api/traffic: validations and RBAC", () => {
  it("reports a broken route as a validation, and drops it when fixed", async () => {
    const admin = kubeAs("admin");
    await admin.patch("networking.istio.io/v1", "VirtualService", staged.namespace, staged.vs, [{ op: "replace", path: "/spec/http/0/route/1/destination/subset", value: "meshdeck-missing" }], "json");
    try {
      const found = await eventually("subset-not-found validation", async () => (await traffic(`?namespace=${staged.namespace}`)).validations.find((v) => v.code === "VS_SUBSET_NOT_FOUND"));
      expect(found.severity).toBe("error");
      expect(found.path).toBe("spec.http[0].route[1].destination.subset");
    } finally {
      await demoWorld.restore(admin, staged.namespace);
    }
    await eventually("validation gone", async () => !(await traffic(`?namespace=${staged.namespace}`)).validations.some((v) => v.code === "VS_SUBSET_NOT_FOUND"));
  });

  it("serves a viewer only what RBAC lets them list", async () => {
    const admin = kubeAs("admin");
    const user = "meshdeck-test-blue-green-reader";
    await applyObjects(admin, [
      { apiVersion: "rbac.authorization.k8s.io/v1", kind: "RoleBinding", metadata: { name: "test-blue-green-reader", namespace: blueGreen.namespace }, roleRef: { apiGroup: "rbac.authorization.k8s.io", kind: "ClusterRole", name: "view" }, subjects: [{ apiGroup: "rbac.authorization.k8s.io", kind: "User", name: user }] },
    ]);
    process.env.MESHDECK_AUTH_MODE = "proxy";
    try {
      const view = await traffic("", { "x-forwarded-user": user });
      expect(view.virtualServices.map((v) => `${v.namespace}/${v.name}`)).toEqual([`${blueGreen.namespace}/${blueGreen.vs}`]);
      const everything = JSON.stringify(view);
      for (const ns of demoWorld.namespaces.filter((n) => n !== blueGreen.namespace)) expect(everything).not.toContain(`"${ns}"`);
      expect(view.degraded.map((d) => d.kind)).toContain("namespaces");
    } finally {
      delete process.env.MESHDECK_AUTH_MODE;
    }
  });
});

describe("live push of traffic changes", () => {
  // The change → client latency is a figure of bench/sse-fanout.ts (--topics traffic), not a bound here.
  it("20 SSE clients get a change; their refetches share one model computation and one Prometheus query; no watches added", async () => {
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
    // Subscribed: the hub greets a client once its topics are registered.
    await eventually("20 hellos", async () => clients.every((c) => c.got.some((g) => g.m.event === "hello")), 10_000, 20);
    const t0 = performance.now();
    await kubeAs("admin").patch("networking.istio.io/v1", "VirtualService", blueGreen.namespace, blueGreen.vs, { metadata: { labels: { "meshdeck-test": String(Date.now()) } } });
    for (const c of clients) {
      await eventually("traffic event", async () => c.got.some((g) => g.m.event === "traffic" && g.at > t0 && JSON.parse(g.m.data).namespaces.includes(blueGreen.namespace)), 30_000, 20);
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
