"use client";

import { useEffect } from "react";
import { GraphView } from "@/components/graph/graph-view";
import type { TrafficWindow } from "@/lib/api/traffic";
import type { GraphType } from "@/lib/graph/types";
import { useGraph } from "@/lib/hooks/use-graph";
import type { WallView } from "@/lib/wall/config";
import { WallMessage } from "./wall-message";

interface GraphSlotProps {
  view: WallView;
  active: boolean;
  type: GraphType;
  idle: boolean;
  window: TrafficWindow;
  onAsOf: (viewId: string, asOf: number | null) => void;
}

/**
 * One graph view of the wall. Mounted for as long as the wall runs, shown
 * only on its turn: its `graph:…` topic stays subscribed (the tab's one
 * stream is not reopened at every rotation), node positions stay put, and
 * the renderer stops animating while it is hidden (IntersectionObserver).
 */
export function GraphSlot({ view, active, type, idle, window, onAsOf }: GraphSlotProps) {
  const live = useGraph({ namespaces: [...view.namespaces], window, type, idle });
  useEffect(() => {
    onAsOf(view.id, live.asOf);
  }, [onAsOf, view.id, live.asOf]);
  return (
    <div hidden={!active} data-testid="wall-graph" data-view={view.id} className="relative h-full">
      {live.graph && live.graph.nodes.length > 0 ? (
        <GraphView graph={live.graph} kiosk height="100%" persistKey={`meshdeck-wall:${view.id}:${type}`} label={`Service graph of ${view.namespaces.join(", ")}`} />
      ) : live.graph ? (
        <WallMessage title="No traffic" detail={`No requests in ${view.namespaces.join(", ")} over the last ${window}.`} />
      ) : live.error ? (
        <WallMessage tone="red" title="Graph unavailable" detail={live.error.message} />
      ) : (
        <WallMessage title="Loading the graph…" />
      )}
      {live.graph && live.error ? (
        <p className="absolute right-[0.5em] bottom-[0.5em] rounded bg-amber-400 px-[0.4em] font-bold text-black">Graph not updating: {live.error.message}</p>
      ) : null}
    </div>
  );
}
