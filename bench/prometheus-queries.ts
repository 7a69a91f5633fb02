/**
 * Cost of the service metrics view against a lab's real Prometheus: per query
 * (raw HTTP), per view (route logic, uncached and cached) for each window, the
 * route as served (GET /api/services/{ns}/{name}/metrics?window=5m, pod-metrics
 * discovery included) against its six raw queries in parallel, and the number
 * of Prometheus requests for 1…N concurrent viewers (single-flight: it must
 * not grow with N).
 *
 *   node --conditions=react-server --import tsx bench/prometheus-queries.ts [--name metrics] [--base-port 56400] [--rounds 20] [--viewers 1,10,100]
 *
 * Starts (or reuses) the lab with traffic and Prometheus; a lab it started
 * stops when this process exits. (--conditions=react-server makes
 * "server-only" importable outside Next.)
 */
import { parseArgs } from "node:util";
import { labUp } from "../lab/core/control";
import type { LabState } from "../lab/core/state";
import { METRICS_WINDOWS } from "../lib/api/metrics";
import { PrometheusClient } from "../lib/metrics/client";
import { errorRateByVersion, latencyQuantilesByVersion, requestRateByVersion } from "../lib/metrics/promql/service-queries";
import { rangeFor } from "../lib/metrics/promql/window";
import { getPrometheus } from "../lib/metrics/client";
import { getServiceMetrics } from "../lib/metrics/service-metrics";
import { prometheusStats, resetPrometheusStats } from "../lib/metrics/stats";

const { values } = parseArgs({
  options: {
    name: { type: "string", default: "metrics" },
    "base-port": { type: "string", default: "56400" },
    rounds: { type: "string", default: "20" },
    viewers: { type: "string", default: "1,10,100" },
    namespace: { type: "string", default: "bookinfo" },
    service: { type: "string", default: "reviews" },
  },
});
const rounds = Number(values.rounds);
const viewerCounts = values.viewers.split(",").map(Number);
const service = { namespace: values.namespace, name: values.service };

function pct(xs: number[], p: number): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))] ?? NaN;
}
const ms = (x: number) => `${x.toFixed(1)} ms`;

async function rawQuery(base: string, path: string, params: Record<string, string>): Promise<number> {
  const t0 = performance.now();
  const res = await fetch(`${base}/api/v1/${path}`, { method: "POST", body: new URLSearchParams(params) });
  const body = (await res.json()) as { status: string; error?: string };
  if (body.status !== "success") throw new Error(`query failed: ${body.error ?? res.status}`);
  return performance.now() - t0;
}

/** The metrics route's total time for a 5m view, uncached and cached, against its six queries sent to Prometheus in parallel. */
async function routeAgainstRaw(state: LabState, base: string, scrape: number): Promise<void> {
  process.env.MESHDECK_KUBECONFIG = state.kubeconfigs.admin;
  process.env.MESHDECK_PROMETHEUS_URL = base;
  const { GET } = await import("../app/api/services/[namespace]/[name]/metrics/route");
  const call = async () => {
    const t0 = performance.now();
    const res = await GET(new Request(`http://bench/api/services/${service.namespace}/${service.name}/metrics?window=5m`), { params: Promise.resolve(service) });
    if (res.status !== 200) throw new Error(`metrics route: HTTP ${res.status}`);
    await res.arrayBuffer();
    return performance.now() - t0;
  };
  const access = getPrometheus();
  if (access.state !== "Configured") throw new Error(access.message);
  const raw: number[] = [];
  const uncached: number[] = [];
  const cached: number[] = [];
  for (let i = 0; i < rounds; i++) {
    const r = rangeFor("5m", new Date(), scrape);
    const o = { service, rateWindow: r.rateWindow };
    const rp = { start: String(r.start), end: String(r.end), step: String(r.step) };
    const t0 = performance.now();
    await Promise.all([
      ...[requestRateByVersion(o), errorRateByVersion(o), latencyQuantilesByVersion(o)].map((query) => rawQuery(base, "query_range", { query, ...rp })),
      ...[requestRateByVersion(o), errorRateByVersion(o), latencyQuantilesByVersion(o)].map((query) => rawQuery(base, "query", { query })),
    ]);
    raw.push(performance.now() - t0);
    access.client.clearCache();
    uncached.push(await call());
    cached.push(await call());
  }
  console.log(
    `\nGET /api/services/${service.namespace}/${service.name}/metrics?window=5m, ${rounds} rounds: uncached p50 ${ms(pct(uncached, 50))} / p95 ${ms(pct(uncached, 95))}, ` +
      `cached p50 ${ms(pct(cached, 50))}; its 6 raw queries in parallel p50 ${ms(pct(raw, 50))} (route / raw ${(pct(uncached, 50) / pct(raw, 50)).toFixed(2)})`,
  );
}

async function main(): Promise<void> {
  const state = await labUp(
    { name: values.name, basePort: Number(values["base-port"]), parentPid: process.pid, ttlSeconds: 3600, withTraffic: true, withPrometheus: true },
    (m) => console.log(`[lab] ${m}`),
  );
  const base = state.prometheus?.url;
  if (!base) throw new Error("the lab runs no Prometheus");
  const client = new PrometheusClient({ url: base });
  const scrape = await client.scrapeInterval();
  const deps = { prometheus: () => ({ state: "Configured" as const, client }), podMetrics: () => Promise.resolve({ available: false as const, reason: "not measured" }) };
  console.log(`Prometheus ${base}, scrape interval ${scrape} s, service ${service.namespace}/${service.name}, ${rounds} rounds\n`);

  console.log("window  step  rate[]  points | raw query p50 (rate / error / latency, range)   | view uncached p50 / p95 | cached p50");
  for (const window of METRICS_WINDOWS) {
    const r = rangeFor(window, new Date(), scrape);
    const o = { service, rateWindow: r.rateWindow };
    const rp = { start: String(r.start), end: String(r.end), step: String(r.step) };
    const raw: Record<string, number[]> = { rate: [], error: [], latency: [] };
    const uncached: number[] = [];
    const cached: number[] = [];
    for (let i = 0; i < rounds; i++) {
      raw.rate?.push(await rawQuery(base, "query_range", { query: requestRateByVersion(o), ...rp }));
      raw.error?.push(await rawQuery(base, "query_range", { query: errorRateByVersion(o), ...rp }));
      raw.latency?.push(await rawQuery(base, "query_range", { query: latencyQuantilesByVersion(o), ...rp }));
      client.clearCache();
      let t0 = performance.now();
      await getServiceMetrics({ ...service, window, reporter: "destination" }, deps);
      uncached.push(performance.now() - t0);
      t0 = performance.now();
      await getServiceMetrics({ ...service, window, reporter: "destination" }, deps);
      cached.push(performance.now() - t0);
    }
    console.log(
      `${window.padEnd(6)} ${String(r.step).padStart(5)} ${String(r.rateWindow).padStart(6)} ${String(r.points).padStart(7)} | ` +
        `${ms(pct(raw.rate ?? [], 50)).padStart(9)} / ${ms(pct(raw.error ?? [], 50)).padStart(9)} / ${ms(pct(raw.latency ?? [], 50)).padStart(9)}           | ` +
        `${ms(pct(uncached, 50)).padStart(9)} / ${ms(pct(uncached, 95)).padStart(9)} | ${ms(pct(cached, 50))}`,
    );
  }

  await routeAgainstRaw(state, base, scrape);

  console.log("\nconcurrent viewers of one view (5m) → Prometheus requests sent");
  for (const n of viewerCounts) {
    client.clearCache();
    resetPrometheusStats();
    const t0 = performance.now();
    await Promise.all(Array.from({ length: n }, () => getServiceMetrics({ ...service, window: "5m", reporter: "destination" }, deps)));
    const s = prometheusStats();
    console.log(`  ${String(n).padStart(4)} viewers: ${s.requests} requests (coalesced ${s.coalesced}, cached ${s.cacheHits}) in ${ms(performance.now() - t0)}`);
  }
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
