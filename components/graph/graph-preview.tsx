"use client";
/**
 * The dev preview behind app/(dev)/graph-preview: pick a data set and graph
 * type, find / hide, simulate refreshes (applied as diffs), watch the stats.
 */
import { useMemo, useState } from "react";
import { buildGraph } from "@/lib/graph/build-graph";
import { applyDiff, diffGraphs } from "@/lib/graph/diff";
import { parseFilter } from "@/lib/graph/filter-parse";
import { findElements, hideElements } from "@/lib/graph/filters";
import { bookinfoFixture, edgeCasesFixture, labFixture, type Fixture } from "@/lib/graph/testing/fixtures";
import { syntheticPromResults } from "@/lib/graph/testing/synthetic";
import { GRAPH_TYPES, type Graph, type GraphType } from "@/lib/graph/types";
import { MeshGraph, type GraphSelection, type GraphStats } from "./mesh-graph";

const DATA: Readonly<Record<string, () => Fixture>> = {
  "Bookinfo (recorded)": () => bookinfoFixture,
  "Edge cases (recorded)": () => edgeCasesFixture,
  "Whole lab (recorded)": () => labFixture,
  "Synthetic 100 workloads": () => syntheticPromResults({ workloads: 100, seed: 1 }),
  "Synthetic 600 workloads (~1,000 nodes)": () => syntheticPromResults({ workloads: 600, seed: 1 }),
};

const BADGES = [
  { kind: "service" as const, namespace: "bookinfo", name: "reviews", badges: [{ kind: "trafficSplit" as const, detail: "v1 80 % · v2 20 %" }] },
  { kind: "service" as const, namespace: "bookinfo", name: "ratings", badges: [{ kind: "fault" as const, detail: "abort 500 for jason" }] },
  { kind: "workload" as const, namespace: "graph-plain", name: "legacy-v1", badges: [{ kind: "missingSidecar" as const }] },
];

function makeGraph(data: string, type: GraphType, tick: number): Graph {
  const f = DATA[data]?.() ?? bookinfoFixture;
  // Simulated refreshes: every tick scales the rates a little, as a new scrape would.
  const scale = 1 + 0.05 * Math.sin(tick);
  const requests = "data" in f.requests ? f.requests.data.result : f.requests;
  const scaled = requests.map((s) => ({ ...s, value: [s.value[0] + tick * 15, String(Number(s.value[1]) * scale)] as [number, string] }));
  return buildGraph({ requests: scaled, ...(f.latency ? { latency: f.latency } : {}) }, { type, namespaces: f.namespaces, badges: BADGES });
}

export function GraphPreview() {
  const [data, setData] = useState(Object.keys(DATA)[0] ?? "");
  const [type, setType] = useState<GraphType>("versionedApp");
  const [find, setFind] = useState("");
  const [hide, setHide] = useState("");
  const [animate, setAnimate] = useState(true);
  const [relayout, setRelayout] = useState(0);
  const [tick, setTick] = useState(0);
  const [selected, setSelected] = useState<GraphSelection | null>(null);
  const [opened, setOpened] = useState<GraphSelection | null>(null);
  const [stats, setStats] = useState<GraphStats | null>(null);
  const [graph, setGraph] = useState<Graph>(() => makeGraph(data, type, 0));
  const [diffInfo, setDiffInfo] = useState("");

  const load = (d: string, t: GraphType) => {
    setData(d);
    setType(t);
    setTick(0);
    setGraph(makeGraph(d, t, 0));
  };
  // What a browser does with a server's diffs: apply them to the graph it holds.
  const refresh = () => {
    const next = makeGraph(data, type, tick + 1);
    const d = diffGraphs(graph, next);
    setTick(tick + 1);
    setDiffInfo(`last diff: +${d.nodes.added.length}/−${d.nodes.removed.length}/~${d.nodes.changed.length} nodes, +${d.edges.added.length}/−${d.edges.removed.length}/~${d.edges.changed.length} edges`);
    setGraph(applyDiff(graph, d));
  };

  const hideExpr = parseFilter(hide);
  const findExpr = parseFilter(find);
  const shown = hideExpr.ok && hideExpr.expr.length > 0 ? hideElements(graph, hideExpr.expr) : graph;
  const highlight = useMemo(() => (findExpr.ok && findExpr.expr.length > 0 ? findElements(shown, findExpr.expr) : null), [findExpr, shown]);

  return (
    <main className="flex h-screen flex-col">
      <div className="flex flex-wrap items-center gap-3 border-b border-slate-200 bg-white p-2 text-sm">
        <label>
          Data{" "}
          <select className="rounded border px-1" value={data} onChange={(e) => load(e.target.value, type)}>
            {Object.keys(DATA).map((k) => (
              <option key={k}>{k}</option>
            ))}
          </select>
        </label>
        <label>
          Type{" "}
          <select className="rounded border px-1" value={type} onChange={(e) => load(data, e.target.value as GraphType)}>
            {GRAPH_TYPES.map((t) => (
              <option key={t}>{t}</option>
            ))}
          </select>
        </label>
        <label>
          Find <input className="rounded border px-1" value={find} onChange={(e) => setFind(e.target.value)} placeholder="health = failing" />
        </label>
        <label>
          Hide <input className="rounded border px-1" value={hide} onChange={(e) => setHide(e.target.value)} placeholder="rps < 1" />
        </label>
        {!findExpr.ok ? <span className="text-red-700">find: {findExpr.error}</span> : null}
        {!hideExpr.ok ? <span className="text-red-700">hide: {hideExpr.error}</span> : null}
        <label>
          <input type="checkbox" checked={animate} onChange={(e) => setAnimate(e.target.checked)} /> traffic
        </label>
        <button className="rounded border px-2" onClick={refresh}>
          Refresh (diff)
        </button>
        <button className="rounded border px-2" onClick={() => setRelayout((r) => r + 1)}>
          Re-layout
        </button>
        <span className="text-slate-600">
          {stats
            ? `${stats.nodes} nodes · ${stats.edges} edges · layout ${stats.layoutMs?.toFixed(0) ?? "–"} ms (${stats.layoutMode ?? "–"}) · ${stats.fps.toFixed(0)} fps · ${stats.dots} dots · budget level ${stats.level}`
            : "…"}
        </span>
        <span className="text-slate-600">{diffInfo}</span>
        <span className="text-slate-600">
          selected: {selected ? selected.id : "–"} · opened: {opened ? opened.id : "–"}
        </span>
      </div>
      <div className="min-h-0 flex-1">
        <MeshGraph
          graph={shown}
          selected={selected}
          onSelect={setSelected}
          onOpen={setOpened}
          highlight={highlight}
          animate={animate}
          relayoutKey={relayout}
          persistKey={`preview:${data}:${type}`}
          onStats={setStats}
        />
      </div>
    </main>
  );
}
