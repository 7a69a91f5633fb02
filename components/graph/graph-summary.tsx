"use client";
/**
 * The graph as text for screen readers: a visually hidden table of nodes and
 * one of edges. Rendered from a deferred copy of the graph so that a large
 * table never holds up the canvas.
 */
import { memo, startTransition, useDeferredValue, useEffect, useState } from "react";
import type { Graph } from "@/lib/graph/types";
import { formatMs, formatPct, formatRps, nodeTitle } from "./format";
import { BADGE_LABEL, KIND_LABEL } from "./theme";

/**
 * The summary's container: off screen, so `content-visibility: auto` lets the
 * browser skip styling and laying out thousands of rows while they stay in
 * the accessibility tree.
 */
const offscreenSummary = {
  position: "absolute",
  left: -10000,
  top: 0,
  width: 800,
  overflow: "hidden",
  contentVisibility: "auto",
  containIntrinsicSize: "800px 2000px",
} as const;

export const visuallyHidden = {
  position: "absolute",
  width: 1,
  height: 1,
  padding: 0,
  margin: -1,
  overflow: "hidden",
  clip: "rect(0, 0, 0, 0)",
  whiteSpace: "nowrap",
  border: 0,
} as const;

/** Rows added per commit: big graphs fill in over a few frames instead of one long task. */
const CHUNK = 300;

function Tables({ graph, id, limit }: { graph: Graph; id: string; limit: number }) {
  const names = new Map(graph.nodes.map((n) => [n.id, nodeTitle(n)]));
  return (
    <section id={id} aria-label="Service graph as tables" style={offscreenSummary}>
      <table>
        <caption>Nodes ({graph.nodes.length})</caption>
        <thead>
          <tr>
            <th scope="col">Name</th>
            <th scope="col">Kind</th>
            <th scope="col">Health</th>
            <th scope="col">Requests/s in</th>
            <th scope="col">Requests/s out</th>
            <th scope="col">Errors</th>
            <th scope="col">Config</th>
          </tr>
        </thead>
        <tbody>
          {graph.nodes.slice(0, limit).map((n) => (
            <tr key={n.id}>
              <th scope="row">{nodeTitle(n)}</th>
              <td>{KIND_LABEL[n.kind]}</td>
              <td>{n.health}</td>
              <td>{formatRps(n.rpsIn)}</td>
              <td>{formatRps(n.rpsOut)}</td>
              <td>{formatPct(n.errorPct)}</td>
              <td>{(n.badges ?? []).map((b) => BADGE_LABEL[b.kind]).join(", ")}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <table>
        <caption>Edges ({graph.edges.length})</caption>
        <thead>
          <tr>
            <th scope="col">From</th>
            <th scope="col">To</th>
            <th scope="col">Requests/s</th>
            <th scope="col">Errors</th>
            <th scope="col">p95</th>
            <th scope="col">Share of caller</th>
            <th scope="col">Health</th>
          </tr>
        </thead>
        <tbody>
          {graph.edges.slice(0, Math.max(0, limit - graph.nodes.length)).map((e) => (
            <tr key={e.id}>
              <th scope="row">{names.get(e.source) ?? e.source}</th>
              <td>{names.get(e.target) ?? e.target}</td>
              <td>{formatRps(e.rps)}</td>
              <td>{formatPct(e.errorPct)}</td>
              <td>{formatMs(e.p95Ms)}</td>
              <td>{formatPct(e.sharePct)}</td>
              <td>{e.health}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}

const MemoTables = memo(Tables);

const EMPTY: Graph = { type: "workload", timestamp: 0, nodes: [], edges: [] };

export function GraphSummary({ graph, id }: { graph: Graph; id: string }) {
  // Starts empty and fills in as a background render: a big table never delays the first paint.
  const deferred = useDeferredValue(graph, EMPTY);
  const total = deferred.nodes.length + deferred.edges.length;
  const [limit, setLimit] = useState(CHUNK);
  useEffect(() => {
    if (limit >= total) return;
    const t = setTimeout(() => startTransition(() => setLimit((l) => l + CHUNK)), 16);
    return () => clearTimeout(t);
  }, [limit, total]);
  return <MemoTables graph={deferred} id={id} limit={limit} />;
}
