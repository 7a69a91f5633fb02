"use client";
/**
 * The graph page: controls (namespaces, window, graph type, idle, find, hide)
 * kept in the URL, the live graph (useGraph: snapshot then diffs over the
 * shared SSE stream), legend, "data as of", and the side panel of the
 * selected node or edge.
 */
import { usePathname, useRouter, useSearchParams } from "next/navigation";
import { useMemo, useState } from "react";
import { graphWindowSchema } from "@/lib/api/graph";
import { parseFilter } from "@/lib/graph/filter-parse";
import { findElements, hideElements } from "@/lib/graph/filters";
import { GRAPH_TYPES, type GraphType } from "@/lib/graph/types";
import { useGraph, type GraphConnection } from "@/lib/hooks/use-graph";
import { useNamespaces } from "@/lib/hooks/use-namespaces";
import { ErrorState } from "@/components/ui/error-state";
import { formatClock } from "@/components/ui/format";
import { GraphLegend } from "./graph-legend";
import { GraphSidePanel } from "./graph-side-panel";
import { graphSearch, parseGraphState, type GraphPageState } from "./graph-url-state";
import { GraphView, type GraphSelection } from "./graph-view";

const TYPE_LABEL: Readonly<Record<GraphType, string>> = { versionedApp: "Versioned app", app: "App", workload: "Workload", service: "Service" };
const CONNECTION_LABEL: Readonly<Record<GraphConnection, { text: string; dot: string }>> = {
  live: { text: "Live", dot: "bg-emerald-500" },
  connecting: { text: "Connecting…", dot: "bg-slate-400 animate-pulse" },
  reconnecting: { text: "Reconnecting…", dot: "bg-amber-500 animate-pulse" },
  paused: { text: "Paused", dot: "bg-slate-400" },
};

function NamespacePicker({ selected, onChange }: { selected: readonly string[]; onChange: (ns: string[]) => void }) {
  const { data } = useNamespaces();
  const names = [...new Set([...(data?.items.map((n) => n.name) ?? []), ...selected])].sort();
  return (
    <details className="relative">
      <summary className="cursor-pointer rounded border border-slate-300 bg-white px-2 py-1 text-sm">
        Namespaces: {selected.length === 0 ? "all" : selected.join(", ")}
      </summary>
      <fieldset className="absolute z-10 mt-1 max-h-72 w-64 overflow-y-auto rounded border border-slate-300 bg-white p-2 shadow">
        <legend className="sr-only">Namespaces to graph</legend>
        <button type="button" className="mb-1 text-xs text-sky-700 underline" onClick={() => onChange([])}>
          All namespaces
        </button>
        {names.map((n) => (
          <label key={n} className="flex items-center gap-2 text-sm">
            <input type="checkbox" checked={selected.includes(n)} onChange={(e) => onChange(e.target.checked ? [...selected, n] : selected.filter((x) => x !== n))} />
            {n}
          </label>
        ))}
      </fieldset>
    </details>
  );
}

export function GraphExplorer() {
  const params = useSearchParams();
  const router = useRouter();
  const pathname = usePathname();
  const state = useMemo(() => parseGraphState(params), [params]);
  const [find, setFind] = useState(state.find);
  const [hide, setHide] = useState(state.hide);
  const [selection, setSelection] = useState<GraphSelection | null>(null);
  const [focus, setFocus] = useState<{ id: string; seq: number } | null>(null);
  const update = (patch: Partial<GraphPageState>) => router.replace(`${pathname}${graphSearch({ ...state, find, hide, ...patch })}`, { scroll: false });

  const live = useGraph({ namespaces: [...state.namespaces], window: state.window, type: state.type, idle: state.idle });
  const findExpr = parseFilter(find);
  const hideExpr = parseFilter(hide);
  const shown = useMemo(() => (live.graph && hideExpr.ok && hideExpr.expr.length > 0 ? hideElements(live.graph, hideExpr.expr) : live.graph), [live.graph, hideExpr]);
  const highlight = useMemo(() => (shown && findExpr.ok && findExpr.expr.length > 0 ? findElements(shown, findExpr.expr) : null), [shown, findExpr]);
  const conn = CONNECTION_LABEL[live.connection];

  return (
    <div className="space-y-3">
      <div className="flex flex-wrap items-center gap-3">
        <h1 className="mr-2 text-xl font-semibold">Service graph</h1>
        <NamespacePicker selected={state.namespaces} onChange={(namespaces) => update({ namespaces })} />
        <label className="text-sm">
          Window{" "}
          <select className="rounded border border-slate-300 px-1 py-1" value={state.window} onChange={(e) => update({ window: graphWindowSchema.parse(e.target.value) })}>
            {graphWindowSchema.options.map((w) => (
              <option key={w}>{w}</option>
            ))}
          </select>
        </label>
        <label className="text-sm">
          Graph{" "}
          <select className="rounded border border-slate-300 px-1 py-1" value={state.type} onChange={(e) => update({ type: e.target.value as GraphType })}>
            {GRAPH_TYPES.map((t) => (
              <option key={t} value={t}>
                {TYPE_LABEL[t]}
              </option>
            ))}
          </select>
        </label>
        <label className="inline-flex items-center gap-1 text-sm">
          <input type="checkbox" checked={state.idle} onChange={(e) => update({ idle: e.target.checked })} /> Idle nodes and edges
        </label>
        <span role="status" aria-live="polite" className="ml-auto inline-flex items-center gap-1.5 text-sm text-slate-700">
          <span aria-hidden="true" className={`size-2.5 rounded-full ${conn.dot}`} />
          <span data-testid="graph-connection">{conn.text}</span>
          {live.asOf !== null ? (
            <span data-testid="graph-as-of">
              · data as of <time dateTime={new Date(live.asOf).toISOString()}>{formatClock(live.asOf)}</time>
            </span>
          ) : null}
        </span>
      </div>
      <form className="flex flex-wrap items-start gap-3" onSubmit={(e) => (e.preventDefault(), update({}))}>
        <label className="flex flex-col text-sm">
          <span>Find</span>
          <input aria-label="Find" className="w-72 rounded border border-slate-300 px-2 py-1 font-mono text-xs" placeholder="name ~ reviews, health = degraded, rps > 1" value={find} onChange={(e) => setFind(e.target.value)} onBlur={() => update({})} />
          {!findExpr.ok ? <span className="text-xs text-red-700">{findExpr.error}</span> : highlight ? <span className="text-xs text-slate-500" data-testid="find-count">{highlight.nodes.size} nodes, {highlight.edges.size} edges found</span> : null}
        </label>
        <div className="flex flex-col text-sm">
          <span aria-hidden="true">&nbsp;</span>
          <button
            type="button"
            className="rounded border border-slate-300 bg-white px-2 py-1 text-sm disabled:opacity-50"
            disabled={!highlight || highlight.nodes.size === 0}
            onClick={() => {
              const first = highlight ? [...highlight.nodes].sort()[0] : undefined;
              if (first) setFocus((f) => ({ id: first, seq: (f?.seq ?? 0) + 1 }));
            }}
          >
            Show first match
          </button>
        </div>
        <label className="flex flex-col text-sm">
          <span>Hide</span>
          <input aria-label="Hide" className="w-72 rounded border border-slate-300 px-2 py-1 font-mono text-xs" placeholder="ns = istio-system, idle, label:app = ratings" value={hide} onChange={(e) => setHide(e.target.value)} onBlur={() => update({})} />
          {!hideExpr.ok ? <span className="text-xs text-red-700">{hideExpr.error}</span> : null}
        </label>
      </form>
      {live.error ? <ErrorState error={live.error} compact={live.graph !== null} /> : null}
      <div className="grid gap-3 lg:grid-cols-[1fr_28rem]">
        <div className="min-w-0">
          {shown ? (
            <GraphView graph={shown} height="68vh" onSelect={setSelection} selected={selection} highlight={highlight} focus={focus} persistKey={`graph:${state.type}:${state.namespaces.join(",")}`} relayoutKey={state.type} />
          ) : !live.error ? (
            <p className="rounded-md border border-slate-200 bg-white p-6 text-sm text-slate-500">Loading the graph…</p>
          ) : null}
        </div>
        {shown && selection ? <GraphSidePanel graph={shown} selection={selection} onClose={() => setSelection(null)} /> : null}
      </div>
      <GraphLegend />
    </div>
  );
}
