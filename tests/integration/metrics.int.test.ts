import fc from "fast-check";
import net from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { applyObjects } from "../../lab/core/manifests.js";
import { waitWorkloadsReady } from "../../lab/core/workloads.js";
import { eventually, kubeAs, labState, uniqueNamespace } from "./test-lab.js";
import { demoWorld } from "./worlds/demo.js";
import { probe, probeLoop, promQuery, within } from "./traffic-helpers.js";
import { serviceMetricsSchema, type ServiceMetrics, type VersionTraffic } from "@/lib/api/metrics";
import { apiErrorBodySchema } from "@/lib/errors/api-error";
import { AppError } from "@/lib/errors/app-error";

/**
 * The metrics route and the Prometheus client against the lab's real
 * Prometheus, scraping the simulated data plane (the demo world's shop:
 * reviews split between two versions, traffic flowing continuously).
 */
const lab = labState();
const promUrl = lab.prometheus?.url;
if (!promUrl) throw new Error("the test lab runs no Prometheus");
// Before the route's modules first touch lib/k8s or the Prometheus client.
process.env.MESHDECK_KUBECONFIG = lab.kubeconfigs.admin;
process.env.MESHDECK_PROMETHEUS_URL = promUrl;
const { GET } = await import("@/app/api/services/[namespace]/[name]/metrics/route");
const { getPrometheus, PrometheusClient } = await import("@/lib/metrics/client");
const { prometheusStats, resetPrometheusStats } = await import("@/lib/metrics/stats");
const { observedShares } = await import("@/lib/metrics/destination-shares");
const { getServicePodMetrics } = await import("@/lib/k8s/pod-metrics");
const { promString } = await import("@/lib/metrics/promql/escape");

const admin = () => kubeAs("admin");
const { namespace: N, reviews } = demoWorld.shop;
const R = reviews.service;
/** The two versions of the shop's base reviews split and their configured shares. */
const [[VA, SA], [VB, SB]] = Object.entries(reviews.split) as [[string, number], [string, number]];
const pct = (x: number) => Math.round(x * 100);
const [HA, HB] = demoWorld.hostSplit.services;
const HN = demoWorld.hostSplit.namespace;

async function call(namespace: string, name: string, query = ""): Promise<Response> {
  return GET(new Request(`http://meshdeck.test/api/services/${namespace}/${name}/metrics${query ? `?${query}` : ""}`), {
    params: Promise.resolve({ namespace, name }),
  });
}

async function view(namespace: string, name: string, query = ""): Promise<ServiceMetrics> {
  const res = await call(namespace, name, query);
  expect(res.status).toBe(200);
  return serviceMetricsSchema.parse(await res.json());
}

function client() {
  const access = getPrometheus();
  if (access.state !== "Configured") throw new Error("Prometheus not configured");
  return access.client;
}

const num = (v: unknown): number => (typeof v === "number" ? v : NaN);

async function closedPort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  const port = (server.address() as net.AddressInfo).port;
  await new Promise<void>((r) => server.close(() => r()));
  return port;
}

beforeAll(async () => {
  // Whatever ran before (in any order): put the routing these checks judge
  // back to the demo world's (a no-op when it is), then wait until the last
  // minute in Prometheus is that split, the longest range the assertions
  // below look at.
  for (const ns of [N, HN]) await demoWorld.restore(admin(), ns);
  await waitWorkloadsReady(admin(), [N]);
  await eventually(
    `${R} at ${pct(SA)}/${pct(SB)} ${VA}/${VB} over the last minute in Prometheus`,
    async () => {
      const v = await promQuery(`sum by (destination_version) (rate(istio_requests_total{reporter="destination",destination_service_namespace="${N}",destination_service_name="${R}"}[1m]))`);
      const rate = (version: string) => v.find((x) => x.metric.destination_version === version)?.value ?? 0;
      const other = v.filter((x) => ![VA, VB].includes(x.metric.destination_version ?? "")).reduce((a, x) => a + x.value, 0);
      const a = rate(VA);
      const b = rate(VB);
      if (!(a > 0 && b > 0 && other < 0.02 * (a + b) && Math.abs(a / (a + b) - SA) <= 0.05)) return false;
      // …and two minutes of samples (a fresh lab), so the 5m range has enough 15 s points.
      const history = await promQuery(`max(count_over_time(istio_requests_total{reporter="destination",destination_service_namespace="${N}",destination_service_name="${R}",destination_version="${VB}"}[2m]))`);
      return (history[0]?.value ?? 0) >= 20;
    },
    180_000,
    2000,
  );
  await eventually(
    "the host-level split at 50/50 over the last minute in Prometheus",
    async () => {
      const v = await promQuery(`sum by (destination_service_name) (rate(istio_requests_total{reporter="destination",destination_service_namespace="${HN}",destination_service_name=~"${HA}|${HB}"}[1m]))`);
      const a = v.find((x) => x.metric.destination_service_name === HA)?.value ?? 0;
      const b = v.find((x) => x.metric.destination_service_name === HB)?.value ?? 0;
      return a > 0 && b > 0 && Math.abs(a / (a + b) - 0.5) <= 0.07;
    },
    180_000,
    2000,
  );
}, 420_000);

describe(`GET /api/services/{namespace}/{name}/metrics — ${N}/${R} ${pct(SA)}/${pct(SB)}`, () => {
  it("returns per-version rate, zero errors, p50/p95/p99 and the configured share", async () => {
    const m = await view(N, R, "window=5m");
    expect(m.meta).toMatchObject({ window: "5m", step: 15, rateWindow: 20, scrapeInterval: 5, lagSeconds: 25, reporter: "destination", source: "prometheus" });
    expect(m.requests.status).toBe("ok");
    expect(m.latency.status).toBe("ok");
    if (m.requests.status !== "ok" || m.latency.status !== "ok") return;
    const by = Object.fromEntries(m.requests.data.versions.map((v) => [v.version, v])) as Record<string, VersionTraffic>;
    // Earlier tests may have routed reviews to another version within the 5 m range: judge the split's two.
    expect(Object.keys(by)).toEqual(expect.arrayContaining([VA, VB]));
    const [a, b] = [by[VA], by[VB]];
    const share1 = num(a?.current.share);
    const share2 = num(b?.current.share);
    console.log(
      `${R}: ${VA} ${num(a?.current.requestRate).toFixed(2)} rps (share ${share1.toFixed(3)}), ${VB} ${num(b?.current.requestRate).toFixed(2)} rps (share ${share2.toFixed(3)}); ` +
        `error rates ${String(a?.current.errorRate)} / ${String(b?.current.errorRate)}`,
    );
    within(share1 / (share1 + share2), SA, 0.1);
    within(share2 / (share1 + share2), SB, 0.1);
    for (const v of [a, b]) {
      expect(v?.current.errorRate).toBe(0);
      expect(v?.requestRate.length).toBeGreaterThan(5);
      expect(v?.requestRate.length).toBeLessThanOrEqual(21);
      for (const [t] of v?.requestRate ?? []) {
        expect(t % 15).toBe(0);
        expect(t).toBeGreaterThanOrEqual(m.meta.start);
        expect(t).toBeLessThanOrEqual(m.meta.end);
      }
      expect(v?.errorRate.every(([, x]) => x === 0 || x === null)).toBe(true);
    }
    // The last minute of the series agrees (earlier points may predate the base config).
    const recent = (v: VersionTraffic | undefined) => (v?.requestRate ?? []).filter(([t]) => t >= m.meta.end - 60).reduce((sum, [, x]) => sum + num(x), 0);
    within(recent(a) / (recent(a) + recent(b)), SA, 0.12);

    const lat = Object.fromEntries(m.latency.data.versions.map((v) => [v.version, v]));
    for (const version of [VA, VB]) {
      const l = lat[version];
      const p50 = num(l?.current.p50);
      const p95 = num(l?.current.p95);
      const p99 = num(l?.current.p99);
      console.log(`${R} ${version} latency: p50 ${p50.toFixed(1)} ms, p95 ${p95.toFixed(1)} ms, p99 ${p99.toFixed(1)} ms`);
      expect(p95).toBeGreaterThan(0);
      expect(p50).toBeLessThanOrEqual(p95);
      expect(p95).toBeLessThanOrEqual(p99);
      expect(l?.p95.length).toBeGreaterThan(5);
    }
    expect(m.requests.data.total.errorRate).toBe(0);
  });

  it("agrees with an independent hand-written PromQL query", async () => {
    const m = await view(N, R);
    if (m.requests.status !== "ok") throw new Error("requests panel failed");
    const [direct] = await promQuery(`sum(rate(istio_requests_total{reporter="destination",destination_service_namespace="${N}",destination_service_name="${R}"}[20s]))`);
    within(num(m.requests.data.total.requestRate), direct?.value ?? 0, (direct?.value ?? 0) * 0.25);
  });

  it("reports pod CPU/memory honestly as not served (the lab has no metrics.k8s.io)", async () => {
    const apis = await admin().json<{ groups: { name: string }[] }>("GET", "/apis");
    expect(apis.groups.map((g) => g.name)).not.toContain("metrics.k8s.io");
    expect(await getServicePodMetrics(N, R)).toEqual({ available: false, reason: "metrics.k8s.io is not served by this cluster" });
    const m = await view(N, R);
    expect(m.pods).toEqual({ status: "ok", data: { available: false, reason: "metrics.k8s.io is not served by this cluster" } });
  });

  it("observed shares for a route's destinations: reviews per version, the host-level split per Service", async () => {
    const c = client();
    const byVersion = await observedShares(c, { destinations: [{ service: R, namespace: N }], by: "version", rateWindow: 60 });
    expect(byVersion.map((r) => r.version)).toEqual(expect.arrayContaining([VA, VB]));
    const a = num(byVersion.find((r) => r.version === VA)?.share);
    const b = num(byVersion.find((r) => r.version === VB)?.share);
    within(a / (a + b), SA, 0.1);
    const canary = await observedShares(c, {
      destinations: [
        { service: HA, namespace: HN },
        { service: HB, namespace: HN },
      ],
      by: "service",
      rateWindow: 60,
    });
    console.log(`host-level split observed shares: ${canary.map((r) => `${r.service} ${num(r.share).toFixed(3)}`).join(", ")}`);
    expect(canary.map((r) => r.service)).toEqual([HA, HB]);
    within(num(canary[0]?.share), 0.5, 0.15);
  });

  it("sends the same number of Prometheus queries for 1 or 25 concurrent viewers", async () => {
    const c = client();
    await c.scrapeInterval();
    c.clearCache();
    resetPrometheusStats();
    await view(N, R, "window=1h");
    const one = prometheusStats().requests;
    c.clearCache();
    resetPrometheusStats();
    const views = await Promise.all(Array.from({ length: 25 }, () => view(N, R, "window=1h")));
    const many = prometheusStats();
    console.log(`Prometheus requests: 1 viewer → ${one}, 25 concurrent viewers → ${many.requests} (coalesced ${many.coalesced}, cached ${many.cacheHits})`);
    expect(one).toBe(6);
    expect(many.requests).toBe(6);
    expect(views.every((v) => v.requests.status === "ok")).toBe(true);
  });
});

describe("a version answering 50 % errors", () => {
  const ns = uniqueNamespace("metrics-err");
  afterAll(() => admin().delete("v1", "Namespace", undefined, ns));

  it("shows an error rate of ~50 %", async () => {
    await applyObjects(
      admin(),
      [
        {
          apiVersion: "apps/v1",
          kind: "Deployment",
          metadata: { name: "shop-v1", namespace: ns },
          spec: {
            replicas: 1,
            selector: { matchLabels: { app: "shop", version: "v1" } },
            template: {
              metadata: { labels: { app: "shop", version: "v1" }, annotations: { "meshdeck.dev/error-rate": "0.5" } },
              spec: { containers: [{ name: "shop", image: "nginx" }] },
            },
          },
        },
        { apiVersion: "v1", kind: "Service", metadata: { name: "shop", namespace: ns }, spec: { selector: { app: "shop" }, ports: [{ name: "http", port: 80 }] } },
      ],
      { namespace: ns, namespaceLabels: { "istio-injection": "enabled" } },
    );
    const target = { from: "lab-clients/traffic-client", host: `shop.${ns}`, port: 80 };
    await eventually("shop routable", async () => (await probe({ ...target, n: 20 })).destinations.some((d) => d.workload === "shop-v1"), 30_000, 500);
    // Keep traffic flowing so that rate() over the 20 s window always has data.
    const loop = probeLoop(target, 50);
    try {
      const burst = await probe({ ...target, n: 2000 });
      const probeErrors = Object.entries(burst.codes).filter(([c]) => c.startsWith("5")).reduce((a, [, n]) => a + n, 0) / burst.n;
      const m = await eventually(
        "error rate in the route",
        async () => {
          const v = await view(ns, "shop", "window=5m");
          if (v.requests.status !== "ok") return undefined;
          const shop = v.requests.data.versions.find((x) => x.version === "v1");
          return typeof shop?.current.errorRate === "number" && num(shop.current.requestRate) > 10 ? v : undefined;
        },
        45_000,
        1000,
      );
      if (m.requests.status !== "ok") throw new Error("unreachable");
      const shop = m.requests.data.versions[0];
      console.log(`shop v1: probe 5xx ${(probeErrors * 100).toFixed(1)} %, route error rate ${(num(shop?.current.errorRate) * 100).toFixed(1)} % at ${num(shop?.current.requestRate).toFixed(1)} rps`);
      within(probeErrors, 0.5, 0.05);
      within(num(shop?.current.errorRate), 0.5, 0.1);
      expect(m.requests.data.versions.map((v) => v.version)).toEqual(["v1"]);
      // The range series (aligned to the 15 s step) shows it too once a step boundary has passed.
      await eventually(
        "error rate in the range series",
        async () => {
          const v = await view(ns, "shop", "window=5m");
          const series = v.requests.status === "ok" ? (v.requests.data.versions[0]?.errorRate ?? []) : [];
          return series.some(([, x]) => typeof x === "number" && Math.abs(x - 0.5) < 0.15);
        },
        45_000,
        2000,
      );
    } finally {
      await loop.stop();
    }
  }, 120_000);
});

describe("a destination without a sidecar", () => {
  const ns = uniqueNamespace("metrics-plain");
  afterAll(() => admin().delete("v1", "Namespace", undefined, ns));

  it("falls back to reporter=source in auto mode", async () => {
    await applyObjects(
      admin(),
      [
        {
          apiVersion: "apps/v1",
          kind: "Deployment",
          metadata: { name: "legacy-v1", namespace: ns },
          spec: {
            replicas: 1,
            selector: { matchLabels: { app: "legacy", version: "v1" } },
            template: { metadata: { labels: { app: "legacy", version: "v1" } }, spec: { containers: [{ name: "legacy", image: "nginx" }] } },
          },
        },
        { apiVersion: "v1", kind: "Service", metadata: { name: "legacy", namespace: ns }, spec: { selector: { app: "legacy" }, ports: [{ name: "http", port: 80 }] } },
      ],
      { namespace: ns },
    );
    const target = { from: "lab-clients/traffic-client", host: `legacy.${ns}`, port: 80 };
    await eventually("legacy reachable", async () => (await probe({ ...target, n: 20 })).codes["200"] === 20, 30_000, 500);
    const loop = probeLoop(target, 20);
    try {
      const m = await eventually(
        "source-reported traffic",
        async () => {
          const v = await view(ns, "legacy");
          return v.requests.status === "ok" && v.requests.data.versions.length > 0 ? v : undefined;
        },
        45_000,
        1000,
      );
      expect(m.meta.reporter).toBe("source");
      if (m.requests.status !== "ok") throw new Error("unreachable");
      // Without a destination sidecar the source proxy knows the service but not the workload's version.
      console.log(`legacy (no sidecar) via reporter=source: versions ${m.requests.data.versions.map((v) => `${v.version} ${num(v.current.requestRate).toFixed(1)} rps`).join(", ")}`);
      expect(num(m.requests.data.total.requestRate)).toBeGreaterThan(0);
      const strict = await view(ns, "legacy", "reporter=destination");
      expect(strict.meta.reporter).toBe("destination");
      expect(strict.requests).toMatchObject({ status: "ok", data: { versions: [] } });
    } finally {
      await loop.stop();
    }
  }, 120_000);
});

describe("failure modes", () => {
  const saved = process.env.MESHDECK_PROMETHEUS_URL;
  afterAll(() => {
    process.env.MESHDECK_PROMETHEUS_URL = saved;
  });

  it("Prometheus unreachable → typed Unavailable in the Prometheus panels only", async () => {
    const port = await closedPort();
    const direct = new PrometheusClient({ url: `http://127.0.0.1:${port}` });
    const error = await direct.instant("up").then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(AppError);
    expect((error as AppError).code).toBe("Unavailable");
    expect((error as AppError).status).toBe(503);

    process.env.MESHDECK_PROMETHEUS_URL = `http://127.0.0.1:${port}`;
    const m = await view(N, R);
    const expected = { code: "Unavailable", message: `Prometheus is unavailable at http://127.0.0.1:${port}: connection refused (ECONNREFUSED)` };
    expect(m.requests).toEqual({ status: "error", error: expected });
    expect(m.latency).toEqual({ status: "error", error: expected });
    expect(m.pods.status).toBe("ok");
  });

  it("no Prometheus configured → NotConfigured, not an error", async () => {
    delete process.env.MESHDECK_PROMETHEUS_URL;
    const m = await view(N, R);
    expect(m.requests).toEqual({ status: "NotConfigured", message: "No Prometheus configured (set MESHDECK_PROMETHEUS_URL)" });
    expect(m.latency.status).toBe("NotConfigured");
    process.env.MESHDECK_PROMETHEUS_URL = saved;
  });

  it.each([
    [N, R, "window=2m"],
    [N, R, "window=5m&window=1h"],
    [N, R, "reporter=ztunnel"],
    [N, R, "bogus=1"],
    [N.toUpperCase(), R, ""],
    [N, `${R}"}`, ""],
  ])("rejects %s/%s?%s with a typed 400", async (ns, name, qs) => {
    const res = await call(ns, name, qs);
    expect(res.status).toBe(400);
    const body = apiErrorBodySchema.parse(await res.json());
    expect(body.error.code).toBe("BadRequest");
    expect(body.error.issues?.length).toBeGreaterThan(0);
  });
});

describe("PromQL string escaping against the real parser", () => {
  it("any label value survives the round trip through Prometheus", async () => {
    const c = new PrometheusClient({ url: promUrl, cacheTtlMs: 0 });
    const samples = fc.sample(fc.string({ unit: "grapheme", minLength: 1, maxLength: 24 }), 60);
    samples.push('x"} or vector(1) or up{a="', "back\\slash", "new\nline", "tab\there", "\u0001\u007f", "ünïcödé ✓ 𝄞", "$1 ${x}");
    for (const s of samples) {
      // Every value parses as a matcher (no injection: the selector matches nothing and the query succeeds).
      const [count] = await c.instant(`count(up{job=${promString(s)}}) or vector(0)`);
      expect(count?.value, JSON.stringify(s)).toBe(0);
      // label_replace expands $1 / ${name} in its replacement, so only `$`-free values read back verbatim.
      if (s.includes("$")) continue;
      const [r] = await c.instant(`label_replace(vector(1), "x", ${promString(s)}, "", "")`);
      expect(r?.metric.x, JSON.stringify(s)).toBe(s);
    }
  });
});
