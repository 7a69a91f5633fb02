/**
 * GET /api/graph (whole mesh, versioned-app graph, 1m window) for synthetic
 * meshes of 100, 1,000 and 3,000 workloads applied as real objects to a lab,
 * with the simulated data plane sending their traffic through the real
 * Prometheus: p50/p95 end to end (route handler: authorization, both graph
 * queries, config join, build, JSON) and the raw Prometheus time of the same
 * two queries (HTTP + JSON parse, in parallel, as the server runs them), and
 * their ratio. Every round is uncached (fresh snapshot, Prometheus client
 * cache cleared); raw and end-to-end runs alternate.
 *
 *   node --conditions=react-server --import tsx bench/graph-api.ts [--name graph] [--base-port 24400] [--sizes 100,1000,3000] [--rounds 15]
 *
 * Per size it also prints whether Prometheus keeps up with the simulator's
 * /metrics at the lab's 5 s scrape interval (scrape duration, samples per
 * scrape, the 99th percentile of the actual interval, missed scrapes) and the
 * CPU and RSS of the simulator and Prometheus processes over 30 s.
 *
 * Reuses (or starts) the lab; replaces its traffic model with the synthetic
 * one and restores lab/traffic/config/default.yaml at the end. The synthetic
 * namespaces (syn-*) are left in the lab (remove them with lab:down).
 */
import fs from "node:fs";
import path from "node:path";
import { parseArgs } from "node:util";
import { stringify } from "yaml";
import { applyMany } from "../lab/core/bulk";
import { adminKube, labUp } from "../lab/core/control";
import type { KubeObject } from "../lab/core/kube-client";
import { waitWorkloadsReady } from "../lab/core/workloads";
import { generateSyntheticMesh } from "../lab/traffic/synthetic";
import { graphQueries } from "../lib/graph/queries";

const { values } = parseArgs({
  options: {
    name: { type: "string", default: "graph" },
    "base-port": { type: "string", default: "24400" },
    sizes: { type: "string", default: "100,1000,3000" },
    rounds: { type: "string", default: "15" },
  },
});
const sizes = values.sizes.split(",").map(Number);
const rounds = Number(values.rounds);
process.env.MESHDECK_GRAPH_REFRESH_MS = "1000";

const pct = (xs: number[], p: number) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor((p / 100) * xs.length))] ?? NaN;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const rss = () => Math.round(process.memoryUsage().rss / 1048576);

async function rawQuery(base: string, query: string): Promise<number> {
  const res = await fetch(`${base}/api/v1/query`, { method: "POST", body: new URLSearchParams({ query }) });
  const body = (await res.json()) as { status: string; data?: { result: unknown[] }; error?: string };
  if (body.status !== "success") throw new Error(`query failed: ${body.error ?? res.status}`);
  return body.data?.result.length ?? 0;
}

async function scalar(base: string, query: string): Promise<number> {
  const res = await fetch(`${base}/api/v1/query`, { method: "POST", body: new URLSearchParams({ query }) });
  const body = (await res.json()) as { status: string; data?: { result: { value: [number, string] }[] } };
  return Number(body.data?.result[0]?.value[1] ?? NaN);
}

/** CPU seconds (user + system) and RSS of a process, from /proc. */
function procStat(pid: number): { cpuS: number; rssMiB: number } {
  const stat = fs.readFileSync(`/proc/${pid}/stat`, "utf8");
  const f = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
  const ticks = Number(f[11]) + Number(f[12]);
  const rssPages = Number(f[21]);
  return { cpuS: ticks / 100, rssMiB: (rssPages * 4096) / 1048576 };
}

/** Does Prometheus keep up with the simulator's scrape at this size? */
async function scrapeHealth(prom: string, pids: Readonly<Record<string, number | undefined>>): Promise<string> {
  const job = 'job="istio-mesh-simulated"';
  const before = Object.fromEntries(Object.entries(pids).flatMap(([k, pid]) => (pid ? [[k, procStat(pid)]] : [])));
  await sleep(30_000);
  const cpu = Object.entries(before)
    .map(([k, b]) => {
      const a = procStat(pids[k] ?? 0);
      return `${k} ${(((a.cpuS - b.cpuS) / 30) * 100).toFixed(0)} % of a core, RSS ${a.rssMiB.toFixed(0)} MiB`;
    })
    .join("; ");
  const [avg, max, samples, p99, up, scrapes] = await Promise.all([
    scalar(prom, `avg_over_time(scrape_duration_seconds{${job}}[1m])`),
    scalar(prom, `max_over_time(scrape_duration_seconds{${job}}[1m])`),
    scalar(prom, `scrape_samples_scraped{${job}}`),
    // The gap between the last two scrapes (Prometheus does not scrape itself in the lab).
    scalar(prom, `max_over_time((timestamp(up{${job}}) - timestamp(up{${job}} offset 5s))[1m:1s])`),
    scalar(prom, `min_over_time(up{${job}}[1m])`),
    scalar(prom, `count_over_time(up{${job}}[1m])`),
  ]);
  return `scrape of the simulator: ${(avg * 1000).toFixed(0)} ms avg, ${(max * 1000).toFixed(0)} ms max over 1m, ${Math.round(samples).toLocaleString("en-US")} samples, ${scrapes} scrapes in 1m (12 expected), up ${up === 1 ? "throughout" : "NOT throughout"}, longest gap between scrapes ${p99.toFixed(1)} s; ${cpu}`;
}

async function postTraffic(trafficUrl: string, config: unknown): Promise<void> {
  const res = await fetch(`${trafficUrl}/config`, { method: "POST", headers: { "content-type": "application/yaml" }, body: stringify(config) });
  if (!res.ok) throw new Error(`POST /config: ${res.status} ${await res.text()}`);
}

async function main(): Promise<void> {
  const state = await labUp({ name: values.name, basePort: Number(values["base-port"]), parentPid: process.pid, ttlSeconds: 3 * 3600, withTraffic: true, withPrometheus: true }, (m) => console.log(`[lab] ${m}`));
  const prom = state.prometheus?.url;
  const traffic = state.traffic?.url ? new URL(state.traffic.url).origin : undefined;
  if (!prom || !traffic) throw new Error("the lab runs no Prometheus / traffic simulator");
  const kube = adminKube(state);
  process.env.MESHDECK_KUBECONFIG = state.kubeconfigs.admin;
  process.env.MESHDECK_PROMETHEUS_URL = prom;
  const { GET } = await import("../app/api/graph/route");
  const { NextRequest } = await import("next/server");
  const { getPrometheus } = await import("../lib/metrics/client");
  const { graphSnapshotStats } = await import("../lib/mesh/graph-snapshot");
  const { getClusterCache } = await import("../lib/k8s/cache/cluster-cache");
  const access = getPrometheus();
  if (access.state !== "Configured") throw new Error("no Prometheus");
  const queries = graphQueries({ namespaces: [], window: "1m" });
  const summary: string[] = [];

  try {
    for (const workloads of sizes) {
      const mesh = generateSyntheticMesh({ workloads, namespaces: Math.max(1, Math.round(workloads / 100)), seed: 7 });
      const t0 = Date.now();
      await applyMany(kube, mesh.objects as KubeObject[], 16);
      const nsNames = (mesh.objects as KubeObject[]).filter((o) => o.kind === "Namespace").map((o) => o.metadata.name);
      await waitWorkloadsReady(kube, nsNames, 600_000);
      await postTraffic(traffic, mesh.traffic);
      console.log(`\n${workloads} workloads: applied ${mesh.objects.length} objects, ready in ${((Date.now() - t0) / 1000).toFixed(0)} s; ${mesh.edges} call edges, ${mesh.entryRps} entry rps`);
      await getClusterCache().ready();
      // Until the series count settles: the 1m window holds the new mesh's traffic.
      let last = -1;
      for (let i = 0; i < 40; i++) {
        await sleep(5_000);
        const n = await rawQuery(prom, queries.requests);
        if (n === last && n > 0 && i >= 13) break;
        last = n;
      }
      const health = await scrapeHealth(prom, { simulator: state.components?.traffic?.pid, prometheus: state.components?.prometheus?.pid });
      console.log(health);
      // The first request after the mesh changed also builds the mesh model (once per cache revision): reported, not counted.
      access.client.clearCache();
      const c0 = performance.now();
      const cold = await GET(new NextRequest("http://bench/api/graph?type=versionedApp&window=1m"));
      await cold.text();
      const coldMs = performance.now() - c0;
      await sleep(1_100);
      const raw: number[] = [];
      const e2e: number[] = [];
      let info = "";
      for (let r = 0; r < rounds; r++) {
        const s = performance.now();
        const [series, latencySeries] = await Promise.all([rawQuery(prom, queries.requests), rawQuery(prom, queries.latency)]);
        raw.push(performance.now() - s);
        await sleep(1_100);
        access.client.clearCache();
        const s2 = performance.now();
        const res = await GET(new NextRequest("http://bench/api/graph?type=versionedApp&window=1m"));
        const body = await res.text();
        e2e.push(performance.now() - s2);
        if (res.status !== 200) throw new Error(`HTTP ${res.status}: ${body.slice(0, 300)}`);
        const g = (JSON.parse(body) as { graph: { nodes: unknown[]; edges: unknown[] } }).graph;
        const st = graphSnapshotStats();
        info = `${series} request series, ${latencySeries} latency series → ${g.nodes.length} nodes, ${g.edges.length} edges, ${(body.length / 1024).toFixed(0)} KiB; server split: Prometheus ${st.lastPromMs.toFixed(0)} ms, join+build ${st.lastBuildMs.toFixed(0)} ms`;
        await sleep(1_100);
      }
      const p95raw = pct(raw, 95);
      const p95e2e = pct(e2e, 95);
      const row = `${String(workloads).padStart(5)} workloads: raw Prometheus p50 ${pct(raw, 50).toFixed(0)} ms p95 ${p95raw.toFixed(0)} ms | GET /api/graph p50 ${pct(e2e, 50).toFixed(0)} ms p95 ${p95e2e.toFixed(0)} ms | ratio p95 ${(p95e2e / p95raw).toFixed(2)} (overhead ${(((p95e2e - p95raw) / p95raw) * 100).toFixed(0)} %) | ${info} | first (cold model) ${coldMs.toFixed(0)} ms | RSS ${rss()} MiB`;
      console.log(row);
      summary.push(row, `        ${health}`);
    }
  } finally {
    const def = fs.readFileSync(path.join(import.meta.dirname, "../lab/traffic/config/default.yaml"), "utf8");
    await fetch(`${traffic}/config`, { method: "POST", headers: { "content-type": "application/yaml" }, body: def }).catch(() => undefined);
  }
  console.log("\nsummary (goal: 1,000 workloads p95 ≤ 300 ms, overhead ≤ 30 %):");
  for (const r of summary) console.log(r);
}

main().then(
  () => process.exit(0),
  (e: unknown) => {
    console.error(e);
    process.exit(1);
  },
);
