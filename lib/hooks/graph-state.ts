/**
 * The browser's copy of one live graph, advanced by `graph:…` events: a
 * snapshot replaces it, a diff applies to the snapshot it was made from
 * (never mutating it), an older diff is skipped, a diff that does not fit
 * asks for a full reload. Pure.
 */
import type { GraphEvent } from "@/lib/api/graph";
import { applyDiff, DiffMismatchError } from "@/lib/graph/diff";
import type { Graph } from "@/lib/graph/types";
import type { ApiError } from "@/lib/errors/api-error";

export interface LiveGraphState {
  /** The topic this state belongs to; events of another topic reset it. */
  readonly topic: string;
  readonly graph: Graph | null;
  readonly error: ApiError | null;
  /** Epoch ms when the server computed what is shown. */
  readonly computedAt: number | null;
  /** A diff did not fit: the graph must be reloaded in full. */
  readonly needsResync: boolean;
  readonly diffsApplied: number;
}

export function initialGraphState(topic: string): LiveGraphState {
  return { topic, graph: null, error: null, computedAt: null, needsResync: false, diffsApplied: 0 };
}

export type GraphAction =
  | { readonly type: "event"; readonly topic: string; readonly event: GraphEvent }
  | { readonly type: "resyncFailed"; readonly topic: string; readonly error: ApiError };

export function graphReducer(state: LiveGraphState, action: GraphAction): LiveGraphState {
  const s = state.topic === action.topic ? state : initialGraphState(action.topic);
  if (action.type === "resyncFailed") return { ...s, error: action.error };
  const e = action.event;
  switch (e.kind) {
    case "snapshot":
      return { ...s, graph: e.graph, error: null, computedAt: e.computedAt, needsResync: false };
    case "error":
      return { ...s, error: e.error };
    case "diff": {
      if (!s.graph) return s; // a snapshot is on its way (every connect starts with one)
      const d = e.diff;
      if (d.baseTimestamp !== s.graph.timestamp) {
        // Already past it (a snapshot newer than the diff arrived first): skip; otherwise we missed one.
        return d.timestamp <= s.graph.timestamp ? s : { ...s, needsResync: true };
      }
      try {
        return { ...s, graph: applyDiff(s.graph, d), error: null, computedAt: e.computedAt, needsResync: false, diffsApplied: s.diffsApplied + 1 };
      } catch (error) {
        if (error instanceof DiffMismatchError) return { ...s, needsResync: true };
        throw error;
      }
    }
  }
}
