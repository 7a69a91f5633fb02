/**
 * Bench (a): the graph builder on synthetic Prometheus results of 100 / 1,000
 * / 3,000 workloads (generated here: apps with 1–3 versions called in tiers
 * from an ingress gateway, a few 5xx, UH and NR series, p95 per edge), for
 * each graph type; plus diff size and time between two refreshes.
 *
 *   node --import tsx bench/graph-builder.ts [--sizes 100,1000,3000] [--runs 7]
 *
 * Wall-clock and CPU time per build (median of the runs); CPU time is the
 * figure to trust on a loaded machine.
 */
import os from "node:os";
import { parseArgs } from "node:util";
import { buildGraph } from "../lib/graph/build-graph";
import { applyDiff, diffGraphs } from "../lib/graph/diff";
import { syntheticPromResults } from "../lib/graph/testing/synthetic";
import { GRAPH_TYPES, type Graph } from "../lib/graph/types";

const { values } = parseArgs({ options: { sizes: { type: "string", default: "100,1000,3000" }, runs: { type: "string", default: "7" } } });
const sizes = (values.sizes ?? "").split(",").map(Number);
const runs = Number(values.runs);

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? 0;
const cpuNow = () => {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
};

function time<T>(fn: () => T): { result: T; wall: number; cpu: number } {
  const walls: number[] = [];
  const cpus: number[] = [];
  let result = fn(); // warm-up
  for (let i = 0; i < runs; i++) {
    const c = cpuNow();
    const t = performance.now();
    result = fn();
    walls.push(performance.now() - t);
    cpus.push(cpuNow() - c);
  }
  return { result, wall: median(walls), cpu: median(cpus) };
}

console.log(`graph builder bench — ${runs} runs each (median); ${os.cpus().length} cores, load average ${os.loadavg().map((l) => l.toFixed(1)).join(" / ")}`);
console.log("workloads  samples  type          nodes  edges   wall ms   cpu ms   µs cpu/sample");
const per: Record<number, number> = {};
for (const w of sizes) {
  const input = syntheticPromResults({ workloads: w, seed: 1 });
  const samples = input.requests.data.result.length + input.latency.data.result.length;
  for (const type of GRAPH_TYPES) {
    const { result: g, wall, cpu } = time(() => buildGraph(input, { type, namespaces: input.namespaces }));
    if (type === "versionedApp") per[w] = cpu;
    console.log(
      `${String(w).padStart(9)}  ${String(samples).padStart(7)}  ${type.padEnd(12)}  ${String(g.nodes.length).padStart(5)}  ${String(g.edges.length).padStart(5)}  ${wall.toFixed(1).padStart(8)}  ${cpu.toFixed(1).padStart(7)}  ${((cpu * 1000) / samples).toFixed(1).padStart(14)}`,
    );
  }
  // Two refreshes 15 s apart: rates drift by 0.5 %, a handful of series appear.
  const a = buildGraph(input, { type: "versionedApp" });
  const b = buildGraph(syntheticPromResults({ workloads: w, seed: 1, rateScale: 1.005, timestamp: 1.7e9 + 15 }), { type: "versionedApp" });
  const d = time(() => diffGraphs(a, b));
  const ap = time(() => applyDiff(a, d.result));
  const full = JSON.stringify(b).length;
  const diffBytes = JSON.stringify(d.result).length;
  console.log(
    `           diff of two refreshes: ${d.result.edges.changed.length}/${b.edges.length} edges changed, ${(diffBytes / 1024).toFixed(0)} KiB vs ${(full / 1024).toFixed(0)} KiB snapshot (${((diffBytes / full) * 100).toFixed(0)} %); diff ${d.cpu.toFixed(1)} ms, apply ${ap.cpu.toFixed(1)} ms CPU`,
  );
  void (ap.result as Graph);
}
const [small, , large] = sizes;
if (small !== undefined && large !== undefined && per[small] && per[large]) {
  console.log(`scaling (versionedApp, CPU): ${large} / ${small} workloads = ${(large / small).toFixed(0)}× the input, ${((per[large] ?? 0) / (per[small] ?? 1)).toFixed(1)}× the time`);
}
