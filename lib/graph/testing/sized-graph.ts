/**
 * Synthetic graphs of an exact size for benchmarks and the preview page.
 */
import { buildGraph } from "../build-graph";
import type { Graph, GraphType } from "../types";
import { syntheticPromResults } from "./synthetic";

/** A workload graph with exactly `nodes` nodes (or fewer when the mesh is smaller) and at most `maxEdges` edges. */
export function syntheticGraph(opts: { nodes: number; maxEdges?: number; seed?: number; type?: GraphType; rateScale?: number; timestamp?: number }): Graph {
  const type = opts.type ?? "workload";
  // Workload graphs have ~1.6 nodes per workload (services injected).
  let workloads = Math.max(2, Math.round(opts.nodes / 1.55));
  let g = buildGraph(syntheticPromResults({ workloads, seed: opts.seed ?? 1, rateScale: opts.rateScale ?? 1, timestamp: opts.timestamp ?? 1.7e9 }), { type });
  while (g.nodes.length < opts.nodes && workloads < opts.nodes * 2) {
    workloads = Math.ceil(workloads * 1.1);
    g = buildGraph(syntheticPromResults({ workloads, seed: opts.seed ?? 1, rateScale: opts.rateScale ?? 1, timestamp: opts.timestamp ?? 1.7e9 }), { type });
  }
  const keep = new Set(g.nodes.slice(0, opts.nodes).map((n) => n.id));
  const edges = g.edges.filter((e) => keep.has(e.source) && keep.has(e.target)).slice(0, opts.maxEdges ?? Infinity);
  return { ...g, nodes: g.nodes.filter((n) => keep.has(n.id)), edges };
}

/** The same graph one refresh later, with `count` new workloads behind existing services (a rollout's new versions). */
export function withNewVersions(g: Graph, count: number): Graph {
  const services = g.nodes.filter((n) => n.kind === "service").slice(0, count);
  const nodes = [...g.nodes];
  const edges = [...g.edges];
  for (const s of services) {
    const id = `wl:${s.namespace}/${s.name}-canary`;
    nodes.push({ id, kind: "workload", name: `${s.name}-canary`, namespace: s.namespace, app: s.name, version: "canary", rpsIn: 1, rpsOut: 0, errorPct: 0, health: "healthy" });
    edges.push({ id: `${s.id}->${id}`, source: s.id, target: id, protocols: ["http"], rps: 1, errorPct: 0, clientErrorPct: 0, sharePct: 10, codes: { "200": 1 }, health: "healthy" });
  }
  const byId = <T extends { id: string }>(a: T, b: T) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
  return { ...g, timestamp: g.timestamp + 15, nodes: nodes.sort(byId), edges: edges.sort(byId) };
}
