"use client";
/**
 * <GraphView>: the service graph as an embeddable block (graph page, wall
 * display): the canvas renderer with its worker layout and animation, sized
 * by `height`, optionally selectable. `kiosk`: no interaction, dark canvas
 * backdrop, no outline, for a screen nobody touches.
 */
import type { FilterMatch } from "@/lib/graph/filters";
import type { Graph } from "@/lib/graph/types";
import { MeshGraph, type GraphSelection, type GraphStats } from "./mesh-graph";
import { DARK_BACKDROP } from "./theme";

export type { GraphSelection } from "./mesh-graph";

export interface GraphViewProps {
  readonly graph: Graph;
  /** CSS height of the canvas area (default 70vh). */
  readonly height?: number | string;
  readonly onSelect?: (selection: GraphSelection | null) => void;
  readonly selected?: GraphSelection | null;
  readonly kiosk?: boolean;
  readonly highlight?: FilterMatch | null;
  readonly animate?: boolean;
  /** Keep node positions across reloads (localStorage key). */
  readonly persistKey?: string;
  /** Change it to lay the graph out afresh (e.g. graph type changed). */
  readonly relayoutKey?: string | number;
  readonly onStats?: (stats: GraphStats) => void;
  readonly label?: string;
  /** Centre on this node whenever `seq` changes. */
  readonly focus?: { readonly id: string; readonly seq: number } | null;
}

export function GraphView({ graph, height = "70vh", onSelect, selected, kiosk = false, highlight = null, animate = true, persistKey, relayoutKey, onStats, label, focus = null }: GraphViewProps) {
  const interactive = !kiosk && onSelect !== undefined;
  return (
    <div
      data-testid="graph-view"
      data-nodes={graph.nodes.length}
      data-edges={graph.edges.length}
      className={kiosk ? "rounded-none" : "rounded-md border border-slate-200 bg-white"}
      data-theme={kiosk ? "dark" : "light"}
      style={{ height, position: "relative", ...(kiosk ? { backgroundColor: DARK_BACKDROP } : {}) }}
    >
      <MeshGraph
        graph={graph}
        {...(interactive ? { onSelect, onOpen: (s: GraphSelection) => onSelect?.(s), selected: selected ?? null } : {})}
        highlight={highlight}
        focus={focus}
        animate={animate}
        {...(persistKey !== undefined ? { persistKey } : {})}
        {...(relayoutKey !== undefined ? { relayoutKey } : {})}
        {...(onStats ? { onStats } : {})}
        label={label ?? (kiosk ? "Service graph (wall display)" : "Service graph")}
        theme={kiosk ? "dark" : "light"}
      />
    </div>
  );
}
