/**
 * GET /api/traffic and SSE fan-out with ~1,000 VirtualServices from the
 * synthetic mesh, applied as real objects to a lab: p50/p95 latency, server
 * RSS, and Kubernetes API / Prometheus call counts with 1 and 50 clients.
 *
 *   node --conditions=react-server --import tsx bench/traffic-api.ts [--virtualservices 1000] [--requests 40]
 *
 * Starts its own lab ("benchapi", base port 22400) and stops it at the end.
 */
import { parseArgs } from "node:util";
import { adminKube, labDown, labUp } from "../lab/core/control";
import { applyMany } from "../lab/core/bulk";
import type { KubeObject } from "../lab/core/kube-client";
import { generateSyntheticMesh } from "../lab/traffic/synthetic";

const { values } = parseArgs({ options: { virtualservices: { type: "string", default: "1000" }, requests: { type: "string", default: "40" } } });
const wantVs = Number(values.virtualservices);
const requests = Number(values.requests);

const pct = (xs: number[], p: number) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor((p / 100) * xs.length))] ?? NaN;
const rss = () => Math.round(process.memoryUsage().rss / 1048576);

async function main(): Promise<void> {
  const state = await labUp({ name: "benchapi", basePort: 22400, parentPid: process.pid, ttlSeconds: 3600, withTraffic: true, withPrometheus: true }, console.log);
  const kube = adminKube(state);
  // canaryEvery 1: every service runs a canary with a weighted VirtualService.
  const mesh = generateSyntheticMesh({ workloads: wantVs * 2, namespaces: Math.max(1, Math.round(wantVs / 100)), canaryEvery: 1, seed: 7 });
  const objects = mesh.objects as KubeObject[];
  const vsCount = objects.filter((o) => o.kind === "VirtualService").length;
  const t0 = Date.now();
  await applyMany(kube, objects, 16);
  console.log(`applied ${objects.length} objects (${vsCount} VirtualServices) in ${((Date.now() - t0) / 1000).toFixed(0)} s`);

  process.env.MESHDECK_KUBECONFIG = state.kubeconfigs.admin;
  process.env.MESHDECK_PROMETHEUS_URL = state.prometheus?.url ?? "";
  const { GET } = await import("../app/api/traffic/route");
  const { NextRequest } = await import("next/server");
  const { cacheStats } = await import("../lib/k8s/cache/stats");
  const { prometheusStats } = await import("../lib/metrics/stats");
  const { meshComputations } = await import("../lib/mesh/traffic-model");
  const { getClusterCache } = await import("../lib/k8s/cache/cluster-cache");
  await getClusterCache().ready();
  const call = async () => {
    const s = performance.now();
    const res = await GET(new NextRequest("http://bench/api/traffic?window=1m"));
    const body = await res.text();
    if (res.status !== 200) throw new Error(`HTTP ${res.status}: ${body.slice(0, 200)}`);
    return { ms: performance.now() - s, bytes: body.length, vs: (JSON.parse(body) as { virtualServices: unknown[] }).virtualServices.length };
  };
  const first = await call();
  console.log(`first response: ${first.ms.toFixed(0)} ms (cold model), ${(first.bytes / 1024).toFixed(0)} KiB, ${first.vs} VirtualServices`);
  const rows: string[] = [];
  for (const clients of [1, 50]) {
    const before = { cache: cacheStats(), prom: prometheusStats(), models: meshComputations() };
    const times: number[] = [];
    const perClient = Math.max(1, Math.round(requests / (clients === 1 ? 1 : 5)));
    await Promise.all(
      Array.from({ length: clients }, async () => {
        for (let i = 0; i < perClient; i++) times.push((await call()).ms);
      }),
    );
    // One config change mid-way forces a recomputation that all clients share.
    const after = { cache: cacheStats(), prom: prometheusStats(), models: meshComputations() };
    const row = `${String(clients).padStart(3)} client(s): ${times.length} requests, p50 ${pct(times, 50).toFixed(0)} ms, p95 ${pct(times, 95).toFixed(0)} ms; Kubernetes lists +${after.cache.lists - before.cache.lists}, watches +${after.cache.watchesOpened - before.cache.watchesOpened}; Prometheus requests +${after.prom.requests - before.prom.requests}; model computations +${after.models - before.models}; RSS ${rss()} MiB`;
    console.log(row);
    rows.push(row);
  }
  console.log("\nsummary:");
  for (const r of rows) console.log(r);
  await labDown("benchapi");
}

main().then(
  () => process.exit(0),
  (e: unknown) => {
    console.error(e);
    process.exit(1);
  },
);
