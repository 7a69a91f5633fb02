/**
 * Traffic simulator benchmark, without a cluster: synthetic meshes of 100 /
 * 1,000 / 3,000 workloads are fed straight into the store, then we measure
 *   - routing-table compile time,
 *   - simulator CPU per second of simulated traffic,
 *   - routing throughput (requests routed per CPU second),
 *   - /metrics size, series count and render time.
 *
 *   node --import tsx bench/traffic-sim.ts [--sizes 100,1000,3000] [--seconds 20]
 */
import { parseArgs } from "node:util";
import { loadManifests } from "../lab/traffic/model/manifests";
import { TrafficRuntime } from "../lab/traffic/runtime";
import { generateSyntheticMesh, syntheticTrafficConfig } from "../lab/traffic/synthetic";
import { materialize } from "../lab/traffic/testing/fake-cluster";
import { labWorkloads } from "../lab/traffic/testing/lab-workloads";

interface Result {
  readonly workloads: number;
  readonly services: number;
  readonly edges: number;
  readonly entryRps: number;
  readonly compileMs: number;
  readonly cpuMsPerSimSecond: number;
  readonly routedPerSimSecond: number;
  readonly routedPerCpuSecond: number;
  readonly series: number;
  readonly scrapeBytes: number;
  readonly renderMs: number;
}

function cpuMs(): number {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
}

function bench(workloads: number, seconds: number): Result {
  const mesh = generateSyntheticMesh({ workloads, namespaces: Math.max(1, Math.round(workloads / 100)), seed: 1 });
  const config = { ...syntheticTrafficConfig(mesh), seed: 1 };
  const runtime = new TrafficRuntime(config);
  loadManifests(runtime.store, materialize([...labWorkloads(), ...mesh.objects]));
  const compileStart = performance.now();
  runtime.rebuildNow();
  const compileMs = performance.now() - compileStart;
  const sim = runtime.simulator;

  // Warm up (JIT, lazily compiled per-pod call lists, series creation), then measure.
  for (let t = 0; t < 5 / 0.25; t++) sim.advance(0.25);
  const routedBefore = sim.stats().routedRequests;
  const cpuBefore = cpuMs();
  for (let t = 0; t < seconds / 0.25; t++) sim.advance(0.25);
  const cpu = cpuMs() - cpuBefore;
  const routed = sim.stats().routedRequests - routedBefore;

  // Scrapes as the server does them: render, write out, release the chunks for reuse.
  let scrape = runtime.scrape();
  scrape.release();
  const renders: number[] = [];
  for (let i = 0; i < 5; i++) {
    const t0 = performance.now();
    scrape = runtime.scrape();
    renders.push(performance.now() - t0);
    scrape.release();
  }
  renders.sort((a, b) => a - b);
  return {
    workloads,
    services: mesh.services,
    edges: mesh.edges,
    entryRps: mesh.entryRps,
    compileMs,
    cpuMsPerSimSecond: cpu / seconds,
    routedPerSimSecond: routed / seconds,
    routedPerCpuSecond: routed / (cpu / 1000),
    series: scrape.series,
    scrapeBytes: scrape.bytes,
    renderMs: renders[Math.floor(renders.length / 2)] ?? 0,
  };
}

function fmt(n: number, digits = 1): string {
  return n >= 100 ? Math.round(n).toLocaleString("en-US") : n.toFixed(digits);
}

function main(): void {
  const { values } = parseArgs({ options: { sizes: { type: "string", default: "100,1000,3000" }, seconds: { type: "string", default: "20" } } });
  const sizes = values.sizes.split(",").map(Number);
  const seconds = Number(values.seconds);
  const results: Result[] = [];
  for (const size of sizes) {
    const r = bench(size, seconds);
    results.push(r);
    console.log(
      [
        `workloads ${r.workloads} (${r.services} services, ${r.edges} call edges, ${r.entryRps} entry rps)`,
        `  table compile            ${fmt(r.compileMs)} ms`,
        `  simulator CPU            ${fmt(r.cpuMsPerSimSecond)} ms per simulated second (${fmt(r.cpuMsPerSimSecond / 10)} % of one core)`,
        `  requests routed          ${fmt(r.routedPerSimSecond)} per simulated second`,
        `  routing throughput       ${fmt(r.routedPerCpuSecond)} requests per CPU second`,
        `  /metrics                 ${fmt(r.series)} series, ${fmt(r.scrapeBytes / 1e6, 2)} MB, render ${fmt(r.renderMs)} ms (median of 5)`,
      ].join("\n"),
    );
  }
  const first = results[0];
  if (first && results.length > 1) {
    console.log("\nratios vs the smallest size:");
    for (const r of results.slice(1)) {
      console.log(
        `  ×${fmt(r.workloads / first.workloads)} workloads: CPU ×${fmt(r.cpuMsPerSimSecond / first.cpuMsPerSimSecond)}, routed ×${fmt(r.routedPerSimSecond / first.routedPerSimSecond)}, series ×${fmt(r.series / first.series)}, scrape bytes ×${fmt(r.scrapeBytes / first.scrapeBytes)}, render ×${fmt(r.renderMs / first.renderMs)}`,
      );
    }
  }
}

main();
